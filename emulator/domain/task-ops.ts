import { z } from 'zod';
import { badRequest, notFound, ok, versionMatches, versionMismatch } from './errors';
import type { Lifecycle } from './lifecycle';
import { listTasks } from './task-list';
import { formDateTime, formEnum, formInt, formJsonObject, formSid, formString, parseJsonObject, parseParams } from './params';
import type { EngineState, TaskFilter } from './state';
import { selectTarget } from './workflow-config';
import type { EngineResult, RawParams, TaskRecord, UpdateOptions } from './types';

/** Tasks: list with filters, create (workflow routing or a RoutingTarget, TTL), update, delete. */

/** Twilio refuses a VirtualStartTime in the future or before 1900. */
const EARLIEST_VIRTUAL_START = Date.UTC(1900, 0, 1);

function checkVirtualStartTime(value: number | undefined, now: number): EngineResult<number | undefined> {
  if (value === undefined) return ok(undefined);
  if (value > now) return badRequest('Invalid parameter VirtualStartTime: must not be in the future');
  if (value < EARLIEST_VIRTUAL_START) return badRequest('Invalid parameter VirtualStartTime: must not be before the year 1900');
  return ok(value);
}

const MAX_PRIORITY = 2_147_483_647;

const createTaskSchema = z.object({
  Attributes: formJsonObject.optional(),
  WorkflowSid: formSid('WW').optional(),
  TaskChannel: formString(64).optional(),
  Priority: formInt(0, MAX_PRIORITY).optional(),
  Timeout: formInt(1, 1_209_600).optional(),
  VirtualStartTime: formDateTime.optional(),
  RoutingTarget: z.string({ message: 'must be a Worker (WK), TaskQueue (WQ) or Workflow (WW) SID' }).regex(/^(WK|WQ|WW)[0-9a-fA-F]{32}$/, { message: 'must be a Worker (WK), TaskQueue (WQ) or Workflow (WW) SID' }).optional(),
  IgnoreCapacity: formString(16).optional(),
  TaskQueueSid: formSid('WQ').optional(),
});

const updateTaskSchema = z.object({
  AssignmentStatus: formEnum(['pending', 'reserved', 'assigned', 'canceled', 'completed', 'wrapping'] as const).optional(),
  Reason: formString(1024).optional(),
  Attributes: formJsonObject.optional(),
  Priority: formInt(0, MAX_PRIORITY).optional(),
  TaskChannel: formString(64).optional(),
  VirtualStartTime: formDateTime.optional(),
});

export class TaskOps {
  constructor(
    private readonly s: EngineState,
    private readonly life: Lifecycle,
  ) {}

  listTasks(filter: TaskFilter = {}): EngineResult<TaskRecord[]> {
    return listTasks(this.s, filter);
  }

  createTask(raw: RawParams): EngineResult<TaskRecord> {
    const parsed = parseParams(createTaskSchema, raw);
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    const at = this.s.clock.now();
    const target = this.checkRoutingTarget(p.RoutingTarget, p.IgnoreCapacity);
    if (!target.ok) return target;
    const workflowSid = target.value.workflowSid ?? p.WorkflowSid ?? (this.s.workflows.size === 1 ? [...this.s.workflows.keys()][0] : undefined);
    if (!workflowSid) return badRequest('Missing required parameter WorkflowSid (the workspace has more than one workflow)');
    if (target.value.workflowSid && p.WorkflowSid && p.WorkflowSid !== target.value.workflowSid) return badRequest('WorkflowSid and RoutingTarget name different workflows');
    const compiled = this.s.compiledWorkflows.get(workflowSid);
    if (!compiled) return badRequest(`Workflow ${workflowSid} does not exist in this workspace`);
    const channel = this.s.findTaskChannel(p.TaskChannel ?? 'default');
    if (!channel) return badRequest(`TaskChannel ${p.TaskChannel ?? 'default'} does not exist in this workspace`);
    if (p.TaskQueueSid && !this.s.taskQueues.has(p.TaskQueueSid)) return badRequest(`TaskQueue ${p.TaskQueueSid} does not exist in this workspace`);
    const virtualStart = checkVirtualStartTime(p.VirtualStartTime, at);
    if (!virtualStart.ok) return virtualStart;
    const attributes = p.Attributes ?? '{}';
    const parsedAttributes = parseJsonObject(attributes);
    // A queue target skips the workflow's filters; a worker target keeps the queue it was given (if any) for reporting.
    const routedByWorkflow = !target.value.queueSid && !p.TaskQueueSid && !target.value.workerSid;
    const workflowTarget = routedByWorkflow ? selectTarget(compiled, parsedAttributes) : null;
    const queueSid = target.value.queueSid ?? p.TaskQueueSid ?? workflowTarget?.queueSid ?? null;
    const task: TaskRecord = {
      sid: this.s.ids.sid('WT'),
      attributes,
      assignmentStatus: 'pending',
      priority: p.Priority ?? 0,
      reason: null,
      timeout: p.Timeout ?? 86_400,
      workflowSid,
      taskQueueSid: queueSid ?? null,
      taskChannelSid: channel.sid,
      taskQueueEnteredDate: queueSid ? at : null,
      dateCreated: at,
      dateUpdated: at,
      version: 0,
      rejections: 0,
      virtualStartTime: virtualStart.value ?? at,
      routingTarget: p.RoutingTarget ?? null,
      ignoreCapacity: target.value.workerSid ? target.value.ignoreCapacity : null,
    };
    this.s.tasks.set(task.sid, task);
    if (workflowTarget) this.s.taskTargets.set(task.sid, workflowTarget);
    const sid = task.sid;
    this.s.taskTimers.set(sid, this.s.clock.setTimer(task.timeout * 1000, () => this.life.onTaskTtl(sid)));
    this.s.events.emit('task.created', { taskSid: sid });
    this.s.afterChange();
    return ok(task);
  }

  updateTask(sid: string, raw: RawParams, options: UpdateOptions = {}): EngineResult<TaskRecord> {
    const task = this.s.tasks.get(sid);
    if (!task) return notFound('Task', sid);
    if (!versionMatches(options.ifMatch, task.version)) return versionMismatch('Task', sid, options.ifMatch ?? '', task.version);
    const parsed = parseParams(updateTaskSchema, raw);
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    const channel = p.TaskChannel !== undefined ? this.s.findTaskChannel(p.TaskChannel) : undefined;
    if (p.TaskChannel !== undefined && !channel) return badRequest(`TaskChannel ${p.TaskChannel} does not exist in this workspace`);
    const virtualStart = checkVirtualStartTime(p.VirtualStartTime, this.s.clock.now());
    if (!virtualStart.ok) return virtualStart;
    if (p.AssignmentStatus) {
      const check = this.life.checkTaskTransition(task, p.AssignmentStatus);
      if (!check.ok) return check;
    }
    let changed = false;
    if (p.Attributes !== undefined && p.Attributes !== task.attributes) {
      task.attributes = p.Attributes;
      changed = true;
      // A task nobody holds yet is routed again on its new attributes, as TaskRouter re-evaluates the workflow
      // (a task routed straight to a target stays there).
      if (task.assignmentStatus === 'pending' && !task.routingTarget) this.reevaluateQueue(task);
    }
    if (p.Priority !== undefined && p.Priority !== task.priority) {
      task.priority = p.Priority;
      changed = true;
    }
    if (virtualStart.value !== undefined && virtualStart.value !== task.virtualStartTime) {
      task.virtualStartTime = virtualStart.value;
      changed = true;
    }
    if (channel && channel.sid !== task.taskChannelSid) {
      task.taskChannelSid = channel.sid;
      changed = true;
    }
    if (p.Reason !== undefined) task.reason = p.Reason;
    if (p.AssignmentStatus && p.AssignmentStatus !== task.assignmentStatus) {
      this.life.applyTaskStatus(task, p.AssignmentStatus, p.Reason ?? null);
    } else if (changed) {
      this.s.touchTask(task);
      this.s.events.emit('task.updated', { taskSid: sid });
    }
    this.s.afterChange();
    return ok(task);
  }

  deleteTask(sid: string, options: UpdateOptions = {}): EngineResult<true> {
    const task = this.s.tasks.get(sid);
    if (!task) return notFound('Task', sid);
    if (!versionMatches(options.ifMatch, task.version)) return versionMismatch('Task', sid, options.ifMatch ?? '', task.version);
    this.life.endForDeletedTask(task);
    for (const r of this.s.listReservations({ taskSid: sid })) this.s.reservations.delete(r.sid);
    this.s.tasks.delete(sid);
    this.s.taskTargets.delete(sid);
    this.s.afterChange();
    return ok(true);
  }

  /**
   * `RoutingTarget` (a WK, WQ or WW SID that exists) and `IgnoreCapacity` (only with a
   * worker; `true`, `1` or `yes` mean true, anything else false; default true).
   */
  private checkRoutingTarget(target: string | undefined, ignoreCapacity: string | undefined): EngineResult<{ workerSid?: string; queueSid?: string; workflowSid?: string; ignoreCapacity: boolean }> {
    if (ignoreCapacity !== undefined && !target?.startsWith('WK')) return badRequest('IgnoreCapacity can only be used when RoutingTarget is a Worker SID');
    const ignore = ignoreCapacity === undefined ? true : /^(true|1|yes)$/i.test(ignoreCapacity.trim());
    if (!target) return ok({ ignoreCapacity: ignore });
    if (target.startsWith('WK')) return this.s.workers.has(target) ? ok({ workerSid: target, ignoreCapacity: ignore }) : badRequest(`Invalid parameter RoutingTarget: Worker ${target} does not exist in this workspace`);
    if (target.startsWith('WQ')) return this.s.taskQueues.has(target) ? ok({ queueSid: target, ignoreCapacity: ignore }) : badRequest(`Invalid parameter RoutingTarget: TaskQueue ${target} does not exist in this workspace`);
    return this.s.workflows.has(target) ? ok({ workflowSid: target, ignoreCapacity: ignore }) : badRequest(`Invalid parameter RoutingTarget: Workflow ${target} does not exist in this workspace`);
  }

  private reevaluateQueue(task: TaskRecord): void {
    const compiled = this.s.compiledWorkflows.get(task.workflowSid);
    if (!compiled) return;
    const target = selectTarget(compiled, parseJsonObject(task.attributes));
    if (target) this.s.taskTargets.set(task.sid, target);
    else this.s.taskTargets.delete(task.sid);
    const queueSid = target?.queueSid ?? null;
    if (queueSid === task.taskQueueSid) return;
    task.taskQueueSid = queueSid;
    task.taskQueueEnteredDate = queueSid ? this.s.clock.now() : null;
  }
}
