import type {
  ActivityRecord,
  ReservationRecord,
  TaskChannelRecord,
  TaskQueueRecord,
  TaskRecord,
  WorkerChannelRecord,
  WorkerRecord,
  WorkflowRecord,
} from '../domain/types';

/**
 * Engine records → the JSON the Worker SDK parses (see README.md). EventBridge
 * payloads differ from the REST API's: dates are epoch SECONDS (the SDK
 * multiplies by 1000), `version` is a number, reservations carry their task.
 */

/** The lookups a payload needs beyond the record itself. */
export interface PayloadContext {
  accountSid: string;
  workspaceSid: string;
  /** Simulated now (ms), for a task's `age`. */
  now(): number;
  activity(sid: string): ActivityRecord | undefined;
  taskQueue(sid: string): TaskQueueRecord | undefined;
  workflow(sid: string): WorkflowRecord | undefined;
  taskChannel(sid: string): TaskChannelRecord | undefined;
}

export const epochSeconds = (ms: number): number => Math.floor(ms / 1000);

export function workerPayload(worker: WorkerRecord, ctx: PayloadContext) {
  const activity = ctx.activity(worker.activitySid);
  return {
    account_sid: ctx.accountSid,
    activity_name: activity?.friendlyName ?? null,
    activity_sid: worker.activitySid,
    attributes: worker.attributes,
    available: activity?.available ?? false,
    date_created: epochSeconds(worker.dateCreated),
    date_status_changed: epochSeconds(worker.dateStatusChanged),
    date_updated: epochSeconds(worker.dateUpdated),
    friendly_name: worker.friendlyName,
    sid: worker.sid,
    workspace_sid: ctx.workspaceSid,
    version: worker.version,
  };
}

export function activityPayload(activity: ActivityRecord, ctx: PayloadContext) {
  return {
    account_sid: ctx.accountSid,
    available: activity.available,
    date_created: epochSeconds(activity.dateCreated),
    date_updated: epochSeconds(activity.dateUpdated),
    friendly_name: activity.friendlyName,
    sid: activity.sid,
    workspace_sid: ctx.workspaceSid,
  };
}

/** `assignedTasks`: how many of the worker's live tasks use this channel. */
export function workerChannelPayload(channel: WorkerChannelRecord, assignedTasks: number, ctx: PayloadContext) {
  const free = Math.max(0, channel.capacity - assignedTasks);
  return {
    account_sid: ctx.accountSid,
    assigned_tasks: assignedTasks,
    available: channel.available,
    available_capacity_percentage: channel.capacity > 0 ? Math.round((free / channel.capacity) * 100) : 0,
    configured_capacity: channel.capacity,
    date_created: epochSeconds(channel.dateCreated),
    date_updated: epochSeconds(channel.dateUpdated),
    // The SDK reads this one in ms; the emulator does not track it.
    last_reserved_time: null,
    sid: channel.sid,
    task_channel_sid: channel.taskChannelSid,
    task_channel_unique_name: ctx.taskChannel(channel.taskChannelSid)?.uniqueName ?? null,
    worker_sid: channel.workerSid,
    workspace_sid: ctx.workspaceSid,
  };
}

export function taskPayload(task: TaskRecord, ctx: PayloadContext) {
  const queue = task.taskQueueSid ? ctx.taskQueue(task.taskQueueSid) : undefined;
  return {
    account_sid: ctx.accountSid,
    addons: '{}',
    age: Math.max(0, epochSeconds(ctx.now() - task.virtualStartTime)),
    assignment_status: task.assignmentStatus,
    attributes: task.attributes,
    date_created: epochSeconds(task.dateCreated),
    date_updated: epochSeconds(task.dateUpdated),
    priority: task.priority,
    queue_name: queue?.friendlyName ?? null,
    queue_sid: task.taskQueueSid,
    reason: task.reason,
    routing_target: task.routingTarget,
    sid: task.sid,
    task_channel_sid: task.taskChannelSid,
    task_channel_unique_name: ctx.taskChannel(task.taskChannelSid)?.uniqueName ?? null,
    timeout: task.timeout,
    version: task.version,
    virtual_start_time: epochSeconds(task.virtualStartTime),
    workflow_name: ctx.workflow(task.workflowSid)?.friendlyName ?? null,
    workflow_sid: task.workflowSid,
    workspace_sid: ctx.workspaceSid,
  };
}

export function reservationPayload(reservation: ReservationRecord, task: TaskRecord, ctx: PayloadContext) {
  return {
    account_sid: ctx.accountSid,
    date_created: epochSeconds(reservation.dateCreated),
    date_updated: epochSeconds(reservation.dateUpdated),
    reservation_status: reservation.status,
    reservation_timeout: reservation.timeoutSeconds,
    sid: reservation.sid,
    task: taskPayload(task, ctx),
    task_sid: reservation.taskSid,
    version: reservation.version,
    worker_name: reservation.workerName,
    worker_sid: reservation.workerSid,
    workspace_sid: ctx.workspaceSid,
  };
}

/** What the SDK's TaskQueueDescriptor requires (twilio-taskrouter 2.1 lists `lifo_queue` among them). */
export function taskQueuePayload(queue: TaskQueueRecord, ctx: PayloadContext) {
  return {
    account_sid: ctx.accountSid,
    assignment_activity_name: queue.assignmentActivitySid ? (ctx.activity(queue.assignmentActivitySid)?.friendlyName ?? null) : null,
    assignment_activity_sid: queue.assignmentActivitySid,
    date_created: epochSeconds(queue.dateCreated),
    date_updated: epochSeconds(queue.dateUpdated),
    friendly_name: queue.friendlyName,
    lifo_queue: queue.taskOrder === 'LIFO',
    max_reserved_workers: queue.maxReservedWorkers,
    reservation_activity_name: queue.reservationActivitySid ? (ctx.activity(queue.reservationActivitySid)?.friendlyName ?? null) : null,
    reservation_activity_sid: queue.reservationActivitySid,
    sid: queue.sid,
    target_workers: queue.targetWorkers,
    task_order: queue.taskOrder,
    workspace_sid: ctx.workspaceSid,
  };
}
