import { z } from 'zod';
import { badRequest, notFound, ok, versionMatches, versionMismatch } from './errors';
import type { Lifecycle } from './lifecycle';
import { listTasks } from './task-list';
import { formEnum, formInt, formJsonObject, formSid, formString, parseJsonObject, parseParams } from './params';
import type { EngineState, TaskFilter } from './state';
import type { EngineResult, RawParams, TaskRecord, UpdateOptions } from './types';

/** Tasks: list with filters, create (workflow routing, TTL), update, delete. */

const MAX_PRIORITY = 2_147_483_647;

const createTaskSchema = z.object({
  Attributes: formJsonObject.optional(),
  WorkflowSid: formSid('WW').optional(),
  TaskChannel: formString(64).optional(),
  Priority: formInt(0, MAX_PRIORITY).optional(),
  Timeout: formInt(1, 1_209_600).optional(),
  VirtualStartTime: formString(64).optional(),
  RoutingTarget: formString(64).optional(),
  IgnoreCapacity: formString(16).optional(),
  TaskQueueSid: formSid('WQ').optional(),
});

const updateTaskSchema = z.object({
  AssignmentStatus: formEnum(['pending', 'reserved', 'assigned', 'canceled', 'completed', 'wrapping'] as const).optional(),
  Reason: formString(1024).optional(),
  Attributes: formJsonObject.optional(),
  Priority: formInt(0, MAX_PRIORITY).optional(),
  TaskChannel: formString(64).optional(),
  VirtualStartTime: formString(64).optional(),
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
    const workflowSid = p.WorkflowSid ?? (this.s.workflows.size === 1 ? [...this.s.workflows.keys()][0] : undefined);
    if (!workflowSid) return badRequest('Missing required parameter WorkflowSid (the workspace has more than one workflow)');
    const compiled = this.s.compiledWorkflows.get(workflowSid);
    if (!compiled) return badRequest(`Workflow ${workflowSid} does not exist in this workspace`);
    const channel = this.s.findTaskChannel(p.TaskChannel ?? 'default');
    if (!channel) return badRequest(`TaskChannel ${p.TaskChannel ?? 'default'} does not exist in this workspace`);
    if (p.TaskQueueSid && !this.s.taskQueues.has(p.TaskQueueSid)) return badRequest(`TaskQueue ${p.TaskQueueSid} does not exist in this workspace`);
    const attributes = p.Attributes ?? '{}';
    const parsedAttributes = parseJsonObject(attributes);
    const queueSid = p.TaskQueueSid ?? compiled.filters.find((f) => f.expression(parsedAttributes))?.queueSid ?? compiled.defaultQueueSid;
    const at = this.s.clock.now();
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
    };
    this.s.tasks.set(task.sid, task);
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
    if (p.AssignmentStatus) {
      const check = this.life.checkTaskTransition(task, p.AssignmentStatus);
      if (!check.ok) return check;
    }
    let changed = false;
    if (p.Attributes !== undefined && p.Attributes !== task.attributes) {
      task.attributes = p.Attributes;
      changed = true;
      // A task nobody holds yet is routed again on its new attributes, as TaskRouter re-evaluates the workflow.
      if (task.assignmentStatus === 'pending') this.reevaluateQueue(task);
    }
    if (p.Priority !== undefined && p.Priority !== task.priority) {
      task.priority = p.Priority;
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
    for (const r of this.s.listReservations({ taskSid: sid })) {
      if (r.status === 'pending') this.life.endReservation(r, 'canceled', { skipTaskUpdate: true });
      this.s.clearReservationTimer(r.sid);
      this.s.reservations.delete(r.sid);
    }
    this.s.clearTaskTimer(sid);
    this.s.tasks.delete(sid);
    this.s.events.emit('task.deleted', { taskSid: sid });
    this.s.afterChange();
    return ok(true);
  }

  private reevaluateQueue(task: TaskRecord): void {
    const compiled = this.s.compiledWorkflows.get(task.workflowSid);
    if (!compiled) return;
    const attributes = parseJsonObject(task.attributes);
    const queueSid = compiled.filters.find((f) => f.expression(attributes))?.queueSid ?? compiled.defaultQueueSid;
    if (queueSid === task.taskQueueSid) return;
    task.taskQueueSid = queueSid;
    task.taskQueueEnteredDate = queueSid ? this.s.clock.now() : null;
  }
}
