import type { Engine } from '../domain/engine';
import type { DomainEvent, ReservationRecord, TaskRecord, WorkerRecord } from '../domain/types';

/**
 * The form parameters TaskRouter posts: the assignment callback's (Handling Assignment
 * Callbacks) and an event callback's (TaskRouter Events reference: EventType, AccountSid,
 * WorkspaceSid, WorkspaceName, EventDescription, ResourceType, ResourceSid, Timestamp,
 * plus the task / worker / reservation fields of the event, as they were when it happened).
 * Timestamps are epoch seconds.
 */

const seconds = (ms: number): string => String(Math.floor(ms / 1000));

function put(target: Record<string, string>, key: string, value: string | number | null | undefined): void {
  if (value !== null && value !== undefined) target[key] = String(value);
}

export function assignmentParams(engine: Engine, r: ReservationRecord, task: TaskRecord, worker: WorkerRecord): Record<string, string> {
  const ws = engine.getWorkspace();
  const params: Record<string, string> = {
    Timestamp: seconds(engine.now()),
    AccountSid: ws.accountSid,
    WorkspaceSid: ws.sid,
    WorkflowSid: task.workflowSid,
    WorkerSid: worker.sid,
    WorkerAttributes: worker.attributes,
    TaskSid: task.sid,
    TaskAttributes: task.attributes,
    TaskAge: seconds(Math.max(0, engine.now() - task.virtualStartTime)),
    TaskPriority: String(task.priority),
    ReservationSid: r.sid,
  };
  put(params, 'TaskQueueSid', task.taskQueueSid);
  return params;
}

function taskFields(engine: Engine, task: TaskRecord, type: string, into: Record<string, string>): void {
  into.TaskSid = task.sid;
  into.TaskAttributes = task.attributes;
  into.TaskAge = seconds(Math.max(0, engine.now() - task.virtualStartTime));
  into.TaskPriority = String(task.priority);
  into.TaskAssignmentStatus = task.assignmentStatus;
  into.TaskDateCreated = seconds(task.dateCreated);
  into.TaskChannelSid = task.taskChannelSid;
  put(into, 'TaskChannelUniqueName', engine.getTaskChannel(task.taskChannelSid)?.uniqueName);
  put(into, 'TaskQueueSid', task.taskQueueSid);
  put(into, 'TaskQueueName', task.taskQueueSid ? engine.getTaskQueue(task.taskQueueSid)?.friendlyName : null);
  into.WorkflowSid = task.workflowSid;
  put(into, 'WorkflowName', engine.getWorkflow(task.workflowSid)?.friendlyName);
  if (type === 'task.canceled') put(into, 'TaskCanceledReason', task.reason);
  if (type === 'task.completed') put(into, 'TaskCompletedReason', task.reason);
}

function workerFields(engine: Engine, worker: WorkerRecord, into: Record<string, string>): void {
  into.WorkerSid = worker.sid;
  into.WorkerName = worker.friendlyName;
  into.WorkerAttributes = worker.attributes;
  into.WorkerActivitySid = worker.activitySid;
  into.WorkerActivityName = engine.activityOf(worker).friendlyName;
}

/** The event's parameters, or null when what it is about no longer exists. */
export function eventParams(engine: Engine, event: DomainEvent): Record<string, string> | null {
  const ws = engine.getWorkspace();
  const [resourceType, resourceSid] = event.reservationSid ? ['reservation', event.reservationSid] : event.taskSid ? ['task', event.taskSid] : event.workerSid ? ['worker', event.workerSid] : ['workspace', ws.sid];
  const params: Record<string, string> = {
    EventType: event.type,
    AccountSid: ws.accountSid,
    WorkspaceSid: ws.sid,
    WorkspaceName: ws.friendlyName,
    EventDescription: `${resourceType.charAt(0).toUpperCase()}${resourceType.slice(1)} ${resourceSid} ${event.type.split('.').slice(1).join(' ')}`,
    ResourceType: resourceType,
    ResourceSid: resourceSid,
    Timestamp: seconds(event.at),
  };
  const reservation = event.reservationSid ? (event.snapshot?.reservation ?? engine.getReservation(event.reservationSid)) : undefined;
  const taskSid = event.taskSid ?? reservation?.taskSid;
  const task = taskSid ? (event.snapshot?.task ?? engine.getTask(taskSid)) : undefined;
  const workerSid = event.workerSid ?? reservation?.workerSid;
  const worker = workerSid ? (event.snapshot?.worker ?? engine.getWorker(workerSid)) : undefined;
  if (event.reservationSid && !reservation) return null;
  if (reservation) params.ReservationSid = reservation.sid;
  if (task) taskFields(engine, task, event.type, params);
  if (worker) workerFields(engine, worker, params);
  return params;
}
