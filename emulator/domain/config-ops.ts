import { z } from 'zod';
import { badRequest, inUse, notFound, ok } from './errors';
import { compileExpression, type Predicate } from './expression';
import { formBool, formEnum, formInt, formJsonObject, formSid, formString, formUrl, parseParams } from './params';
import type { CompiledWorkflow, EngineState } from './state';
import type { ActivityRecord, EngineResult, RawParams, TaskChannelRecord, TaskQueueRecord, WorkerChannelRecord, WorkflowRecord, WorkspaceRecord } from './types';

/** A callback URL, or '' to clear it. */
const callbackUrl = z.union([z.literal(''), formUrl]);

const updateWorkspaceSchema = z.object({
  FriendlyName: formString(64).optional(),
  DefaultActivitySid: formSid('WA').optional(),
  TimeoutActivitySid: formSid('WA').optional(),
  MultiTaskEnabled: formBool.optional(),
  EventCallbackUrl: callbackUrl.optional(),
  EventsFilter: formString(4096).optional(),
  PrioritizeQueueOrder: formEnum(['FIFO', 'LIFO'] as const).optional(),
});

const createActivitySchema = z.object({ FriendlyName: formString(64).refine((s) => s.trim() !== '', 'must not be empty'), Available: formBool.optional() });
const updateActivitySchema = z.object({ FriendlyName: formString(64).optional() });

const createWorkflowSchema = z.object({
  FriendlyName: formString(64),
  Configuration: formJsonObject,
  AssignmentCallbackUrl: callbackUrl.optional(),
  FallbackAssignmentCallbackUrl: callbackUrl.optional(),
  TaskReservationTimeout: formInt(1, 86_400).optional(),
});

const updateWorkflowSchema = z.object({
  FriendlyName: formString(64).optional(),
  Configuration: formJsonObject.optional(),
  AssignmentCallbackUrl: callbackUrl.optional(),
  FallbackAssignmentCallbackUrl: callbackUrl.optional(),
  TaskReservationTimeout: formInt(1, 86_400).optional(),
  ReEvaluateTasks: formBool.optional(),
});

const queueShape = {
  TargetWorkers: formString(4096).optional(),
  MaxReservedWorkers: formInt(1, 50).optional(),
  TaskOrder: formEnum(['FIFO', 'LIFO'] as const).optional(),
  ReservationActivitySid: formSid('WA').optional(),
  AssignmentActivitySid: formSid('WA').optional(),
};
const createTaskQueueSchema = z.object({ FriendlyName: formString(64), ...queueShape });
const updateTaskQueueSchema = z.object({ FriendlyName: formString(64).optional(), ...queueShape });

const createTaskChannelSchema = z.object({ FriendlyName: formString(64), UniqueName: z.string().max(64).regex(/^[A-Za-z0-9_-]+$/, 'may contain letters, digits, _ and -'), ChannelOptimizedRouting: formBool.optional() });
const updateTaskChannelSchema = z.object({ FriendlyName: formString(64).optional(), ChannelOptimizedRouting: formBool.optional() });

/** The workspace's configuration: the workspace, activities, workflows, task queues and task channels. */
export class ConfigOps {
  constructor(private readonly s: EngineState) {}

  updateWorkspace(raw: RawParams): EngineResult<WorkspaceRecord> {
    const parsed = parseParams(updateWorkspaceSchema, raw);
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    const refused = this.checkCallbackUrls({ EventCallbackUrl: p.EventCallbackUrl });
    if (!refused.ok) return refused;
    for (const sid of [p.DefaultActivitySid, p.TimeoutActivitySid]) if (sid && !this.s.activities.has(sid)) return badRequest(`Activity ${sid} does not exist in this workspace`);
    const w = this.s.workspace;
    if (p.FriendlyName !== undefined) w.friendlyName = p.FriendlyName;
    if (p.DefaultActivitySid) w.defaultActivitySid = p.DefaultActivitySid;
    if (p.TimeoutActivitySid) w.timeoutActivitySid = p.TimeoutActivitySid;
    if (p.MultiTaskEnabled !== undefined) w.multiTaskEnabled = p.MultiTaskEnabled;
    if (p.EventCallbackUrl !== undefined) w.eventCallbackUrl = p.EventCallbackUrl || null;
    if (p.EventsFilter !== undefined) w.eventsFilter = p.EventsFilter || null;
    if (p.PrioritizeQueueOrder) w.prioritizeQueueOrder = p.PrioritizeQueueOrder;
    w.dateUpdated = this.s.clock.now();
    this.s.afterChange();
    return ok(w);
  }

  createActivity(raw: RawParams): EngineResult<ActivityRecord> {
    const parsed = parseParams(createActivitySchema, raw);
    if (!parsed.ok) return parsed;
    if (this.s.listActivities().some((a) => a.friendlyName === parsed.value.FriendlyName)) return inUse(`An activity named ${parsed.value.FriendlyName} already exists`);
    const at = this.s.clock.now();
    const activity: ActivityRecord = { sid: this.s.ids.sid('WA'), friendlyName: parsed.value.FriendlyName, available: parsed.value.Available ?? false, dateCreated: at, dateUpdated: at };
    this.s.activities.set(activity.sid, activity);
    return ok(activity);
  }

  updateActivity(sid: string, raw: RawParams): EngineResult<ActivityRecord> {
    const activity = this.s.activities.get(sid);
    if (!activity) return notFound('Activity', sid);
    const parsed = parseParams(updateActivitySchema, raw);
    if (!parsed.ok) return parsed;
    if (parsed.value.FriendlyName !== undefined) activity.friendlyName = parsed.value.FriendlyName;
    activity.dateUpdated = this.s.clock.now();
    return ok(activity);
  }

  deleteActivity(sid: string): EngineResult<true> {
    if (!this.s.activities.has(sid)) return notFound('Activity', sid);
    if (sid === this.s.workspace.defaultActivitySid || sid === this.s.workspace.timeoutActivitySid) return badRequest(`Activity ${sid} is the workspace's default or timeout activity and cannot be deleted`);
    if ([...this.s.workers.values()].some((w) => w.activitySid === sid)) return badRequest(`Activity ${sid} is in use by a worker and cannot be deleted`);
    this.s.activities.delete(sid);
    return ok(true);
  }

  createWorkflow(raw: RawParams): EngineResult<WorkflowRecord> {
    const parsed = parseParams(createWorkflowSchema, raw);
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    const refused = this.checkCallbackUrls({ AssignmentCallbackUrl: p.AssignmentCallbackUrl, FallbackAssignmentCallbackUrl: p.FallbackAssignmentCallbackUrl });
    if (!refused.ok) return refused;
    const compiled = this.s.compileWorkflow(p.Configuration);
    if (!compiled.ok) return compiled;
    const at = this.s.clock.now();
    const wf: WorkflowRecord = {
      sid: this.s.ids.sid('WW'),
      friendlyName: p.FriendlyName,
      configuration: p.Configuration,
      assignmentCallbackUrl: p.AssignmentCallbackUrl || null,
      fallbackAssignmentCallbackUrl: p.FallbackAssignmentCallbackUrl || null,
      taskReservationTimeout: p.TaskReservationTimeout ?? 120,
      dateCreated: at,
      dateUpdated: at,
    };
    this.s.workflows.set(wf.sid, wf);
    this.s.compiledWorkflows.set(wf.sid, compiled.value);
    return ok(wf);
  }

  updateWorkflow(sid: string, raw: RawParams): EngineResult<WorkflowRecord> {
    const wf = this.s.workflows.get(sid);
    if (!wf) return notFound('Workflow', sid);
    const parsed = parseParams(updateWorkflowSchema, raw);
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    const refused = this.checkCallbackUrls({ AssignmentCallbackUrl: p.AssignmentCallbackUrl, FallbackAssignmentCallbackUrl: p.FallbackAssignmentCallbackUrl });
    if (!refused.ok) return refused;
    let compiled: CompiledWorkflow | undefined;
    if (p.Configuration !== undefined) {
      const result = this.s.compileWorkflow(p.Configuration);
      if (!result.ok) return result;
      compiled = result.value;
    }
    if (p.FriendlyName !== undefined) wf.friendlyName = p.FriendlyName;
    if (p.Configuration !== undefined && compiled) {
      wf.configuration = p.Configuration;
      this.s.compiledWorkflows.set(sid, compiled);
    }
    if (p.AssignmentCallbackUrl !== undefined) wf.assignmentCallbackUrl = p.AssignmentCallbackUrl || null;
    if (p.FallbackAssignmentCallbackUrl !== undefined) wf.fallbackAssignmentCallbackUrl = p.FallbackAssignmentCallbackUrl || null;
    if (p.TaskReservationTimeout !== undefined) wf.taskReservationTimeout = p.TaskReservationTimeout;
    wf.dateUpdated = this.s.clock.now();
    return ok(wf);
  }

  deleteWorkflow(sid: string): EngineResult<true> {
    if (!this.s.workflows.has(sid)) return notFound('Workflow', sid);
    if ([...this.s.tasks.values()].some((t) => t.workflowSid === sid && !['canceled', 'completed'].includes(t.assignmentStatus))) return badRequest(`Workflow ${sid} has active tasks and cannot be deleted`);
    this.s.workflows.delete(sid);
    this.s.compiledWorkflows.delete(sid);
    return ok(true);
  }

  createTaskQueue(raw: RawParams): EngineResult<TaskQueueRecord> {
    const parsed = parseParams(createTaskQueueSchema, raw);
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    const checked = this.checkQueueParams(p);
    if (!checked.ok) return checked;
    const at = this.s.clock.now();
    const queue: TaskQueueRecord = {
      sid: this.s.ids.sid('WQ'),
      friendlyName: p.FriendlyName ?? '',
      targetWorkers: p.TargetWorkers ?? '1==1',
      maxReservedWorkers: p.MaxReservedWorkers ?? 1,
      taskOrder: p.TaskOrder ?? 'FIFO',
      reservationActivitySid: p.ReservationActivitySid ?? null,
      assignmentActivitySid: p.AssignmentActivitySid ?? null,
      dateCreated: at,
      dateUpdated: at,
    };
    this.s.taskQueues.set(queue.sid, queue);
    this.s.compiledQueues.set(queue.sid, checked.value);
    return ok(queue);
  }

  updateTaskQueue(sid: string, raw: RawParams): EngineResult<TaskQueueRecord> {
    const queue = this.s.taskQueues.get(sid);
    if (!queue) return notFound('TaskQueue', sid);
    const parsed = parseParams(updateTaskQueueSchema, raw);
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    const checked = this.checkQueueParams({ ...p, TargetWorkers: p.TargetWorkers ?? queue.targetWorkers });
    if (!checked.ok) return checked;
    if (p.FriendlyName !== undefined) queue.friendlyName = p.FriendlyName;
    if (p.TargetWorkers !== undefined) queue.targetWorkers = p.TargetWorkers;
    if (p.MaxReservedWorkers !== undefined) queue.maxReservedWorkers = p.MaxReservedWorkers;
    if (p.TaskOrder !== undefined) queue.taskOrder = p.TaskOrder;
    if (p.ReservationActivitySid !== undefined) queue.reservationActivitySid = p.ReservationActivitySid;
    if (p.AssignmentActivitySid !== undefined) queue.assignmentActivitySid = p.AssignmentActivitySid;
    this.s.compiledQueues.set(sid, checked.value);
    queue.dateUpdated = this.s.clock.now();
    this.s.afterChange();
    return ok(queue);
  }

  deleteTaskQueue(sid: string): EngineResult<true> {
    if (!this.s.taskQueues.has(sid)) return notFound('TaskQueue', sid);
    if ([...this.s.tasks.values()].some((t) => t.taskQueueSid === sid && !['canceled', 'completed'].includes(t.assignmentStatus))) return badRequest(`TaskQueue ${sid} has active tasks and cannot be deleted`);
    this.s.taskQueues.delete(sid);
    this.s.compiledQueues.delete(sid);
    return ok(true);
  }

  createTaskChannel(raw: RawParams): EngineResult<TaskChannelRecord> {
    const parsed = parseParams(createTaskChannelSchema, raw);
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    if (this.s.findTaskChannel(p.UniqueName)) return inUse(`A task channel named ${p.UniqueName} already exists`);
    const at = this.s.clock.now();
    const channel: TaskChannelRecord = { sid: this.s.ids.sid('TC'), uniqueName: p.UniqueName, friendlyName: p.FriendlyName, channelOptimizedRouting: p.ChannelOptimizedRouting ?? null, dateCreated: at, dateUpdated: at };
    this.s.taskChannels.set(channel.sid, channel);
    for (const [workerSid, channels] of this.s.workerChannels) {
      const wc: WorkerChannelRecord = { sid: this.s.ids.sid('WC'), workerSid, taskChannelSid: channel.sid, capacity: 1, available: true, dateCreated: at, dateUpdated: at };
      channels.set(wc.sid, wc);
    }
    return ok(channel);
  }

  updateTaskChannel(sidOrName: string, raw: RawParams): EngineResult<TaskChannelRecord> {
    const channel = this.s.findTaskChannel(sidOrName);
    if (!channel) return notFound('TaskChannel', sidOrName);
    const parsed = parseParams(updateTaskChannelSchema, raw);
    if (!parsed.ok) return parsed;
    if (parsed.value.FriendlyName !== undefined) channel.friendlyName = parsed.value.FriendlyName;
    if (parsed.value.ChannelOptimizedRouting !== undefined) channel.channelOptimizedRouting = parsed.value.ChannelOptimizedRouting;
    channel.dateUpdated = this.s.clock.now();
    return ok(channel);
  }

  deleteTaskChannel(sidOrName: string): EngineResult<true> {
    const channel = this.s.findTaskChannel(sidOrName);
    if (!channel) return notFound('TaskChannel', sidOrName);
    if ([...this.s.tasks.values()].some((t) => t.taskChannelSid === channel.sid)) return badRequest(`TaskChannel ${channel.uniqueName} is used by tasks and cannot be deleted`);
    this.s.taskChannels.delete(channel.sid);
    for (const channels of this.s.workerChannels.values()) for (const [sid, wc] of channels) if (wc.taskChannelSid === channel.sid) channels.delete(sid);
    return ok(true);
  }

  /** Callback URLs must point where the emulator may call (see callback-urls.ts); an empty value clears one. */
  private checkCallbackUrls(urls: Record<string, string | undefined>): EngineResult<true> {
    for (const [name, url] of Object.entries(urls)) {
      if (url === undefined || url === '') continue;
      const refusal = this.s.callbackUrls.refusal(url);
      if (refusal) return badRequest(`Invalid parameter ${name}: ${refusal}`);
    }
    return ok(true);
  }

  checkQueueParams(p: { TargetWorkers?: string | undefined; ReservationActivitySid?: string | undefined; AssignmentActivitySid?: string | undefined }): EngineResult<Predicate> {
    for (const sid of [p.ReservationActivitySid, p.AssignmentActivitySid]) if (sid && !this.s.activities.has(sid)) return badRequest(`Activity ${sid} does not exist in this workspace`);
    const compiled = compileExpression(p.TargetWorkers ?? '1==1');
    if (!compiled.ok) return badRequest(`Invalid parameter TargetWorkers: ${compiled.message}`);
    return ok(compiled.predicate);
  }
}
