import type { WorkerFilter } from '../domain/state';
import type { EngineResult, RawParams, TaskQueueRecord, WorkerRecord } from '../domain/types';
import type { EventBridgeEngine } from './engine-port';
import { reservationPayload, taskPayload, taskQueuePayload, workerPayload, type PayloadContext } from './payloads';
import type { ProxyRequest } from './proxy-request';
import { badRequest, forbidden, notFound, orderedPage, page, parseOrdering } from './proxy-paging';
import type { TaskRouterIdentity } from './token';

/**
 * The EventBridge routes beyond one worker's own: the SDK's `Workspace` class
 * (workers, task queues, a task), `Supervisor` (another worker's activity and
 * attributes, the supervise instruction) and `Worker.createTask` (a task routed
 * straight to the worker). Who may do what is in README.md, "Tokens and roles".
 */

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The orderings twilio-taskrouter 2.1's types declare (FetchWorkersParams / FetchTaskQueuesParams). */
const workerOrderings = { DateStatusChanged: (w: WorkerRecord) => w.dateStatusChanged };

/** `Workspace.fetchWorkers`: FriendlyName, ActivitySid, ActivityName, TargetWorkersExpression; paged by AfterSid, or by NextToken with Ordering. */
export function workersListRoute(req: ProxyRequest, engine: EventBridgeEngine, ctx: PayloadContext): EngineResult<unknown> {
  const filter: WorkerFilter = {};
  const p = req.params;
  if (str(p.FriendlyName)) filter.friendlyName = str(p.FriendlyName)!;
  if (str(p.ActivitySid)) filter.activitySid = str(p.ActivitySid)!;
  if (str(p.ActivityName)) filter.activityName = str(p.ActivityName)!;
  if (str(p.TargetWorkersExpression)) filter.targetWorkersExpression = str(p.TargetWorkersExpression)!;
  const workers = engine.listWorkers(filter);
  if (!workers.ok) return workers;
  const ordering = parseOrdering(p.Ordering, workerOrderings);
  if (!ordering.ok) return ordering;
  if (ordering.value) return orderedPage([...workers.value].sort(ordering.value).map((w) => workerPayload(w, ctx)), p);
  return { ok: true, value: page(workers.value.map((w) => workerPayload(w, ctx)), p) };
}

/** Updates a supervisor may make to another worker: what `Supervisor.setWorkerActivity/setWorkerAttributes` send. */
const SUPERVISOR_WORKER_PARAMS = new Set(['ActivitySid', 'Attributes', 'RejectPendingReservations']);

/**
 * Another worker than the token's own: any token reads it (`Workspace.fetchWorker`); only a
 * supervisor token updates its activity or attributes (404 if it does not exist, 400 for an
 * invalid ActivitySid, as Twilio answers); its sub-resources belong to that worker alone.
 */
export async function otherWorkerRoute(req: ProxyRequest, identity: TaskRouterIdentity, engine: EventBridgeEngine, ctx: PayloadContext, workerSid: string, sub: string | undefined): Promise<EngineResult<unknown>> {
  if (sub !== undefined) return forbidden(`This token does not grant access to worker ${workerSid}`);
  if (req.method === 'POST' && identity.role !== 'supervisor') return forbidden(`This token does not grant access to update worker ${workerSid}`);
  const worker = engine.getWorker(workerSid);
  if (!worker) return notFound(`Worker ${workerSid}`);
  if (req.method === 'GET') return { ok: true, value: workerPayload(worker, ctx) };
  const stray = Object.keys(req.params).filter((key) => !SUPERVISOR_WORKER_PARAMS.has(key));
  if (stray.length > 0) return badRequest(`Unknown parameter${stray.length > 1 ? 's' : ''}: ${stray.join(', ')}`);
  const updated = await engine.updateWorker(workerSid, req.params, { ifMatch: req.ifMatch });
  return updated.ok ? { ok: true, value: workerPayload(updated.value, ctx) } : updated;
}

const queueOrderings = { DateUpdated: (q: TaskQueueRecord) => q.dateUpdated };

/** `Workspace.fetchTaskQueue(s)`: FriendlyName, WorkerSid (queues the worker is eligible for), paging as for workers. */
export function taskQueuesRoute(req: ProxyRequest, engine: EventBridgeEngine, ctx: PayloadContext, queueSid: string | undefined): EngineResult<unknown> {
  if (queueSid) {
    const queue = engine.getTaskQueue(queueSid);
    return queue ? { ok: true, value: taskQueuePayload(queue, ctx) } : notFound(`TaskQueue ${queueSid}`);
  }
  const p = req.params;
  const name = str(p.FriendlyName);
  const workerSid = str(p.WorkerSid);
  let queues = engine.listTaskQueues().filter((q) => !name || q.friendlyName === name);
  if (workerSid) {
    if (!engine.getWorker(workerSid)) return notFound(`Worker ${workerSid}`);
    queues = queues.filter((q) => {
      const eligible = engine.listWorkers({ taskQueueSid: q.sid });
      return eligible.ok && eligible.value.some((w) => w.sid === workerSid);
    });
  }
  const ordering = parseOrdering(p.Ordering, queueOrderings);
  if (!ordering.ok) return ordering;
  if (ordering.value) return orderedPage([...queues].sort(ordering.value).map((q) => taskQueuePayload(q, ctx)), p);
  return { ok: true, value: page(queues.map((q) => taskQueuePayload(q, ctx)), p) };
}

/**
 * `Worker.createTask(to, from, workflowSid, taskQueueSid, options)`: POST Tasks with
 * `RoutingTarget` = the worker. A worker token may create tasks routed to itself only; a
 * supervisor token to anyone; a workspace token may not create tasks. The SDK names the
 * channel `TaskChannelUniqueName` or `TaskChannelSid`; the REST API takes either as `TaskChannel`.
 */
export function createTaskRoute(req: ProxyRequest, identity: TaskRouterIdentity, engine: EventBridgeEngine, ctx: PayloadContext): EngineResult<unknown> {
  if (identity.role === 'workspace') return forbidden('A workspace token cannot create tasks');
  const { TaskChannelUniqueName, TaskChannelSid, ...rest } = req.params;
  if (identity.role === 'worker' && rest.RoutingTarget !== identity.workerSid) return forbidden(`This token may only create tasks routed to worker ${identity.workerSid ?? ''} (RoutingTarget)`);
  if (TaskChannelUniqueName !== undefined && TaskChannelSid !== undefined) return badRequest('Give TaskChannelUniqueName or TaskChannelSid, not both');
  const channel = TaskChannelSid ?? TaskChannelUniqueName;
  const params: RawParams = { ...rest, ...(channel !== undefined ? { TaskChannel: channel } : {}) };
  const created = engine.createTask(params);
  return created.ok ? { ok: true, value: taskPayload(created.value, ctx) } : created;
}

/** `Supervisor.monitor(taskSid, reservationSid)`: the supervise instruction on a task's reservation, for supervisor tokens only. */
export async function superviseRoute(req: ProxyRequest, identity: TaskRouterIdentity, engine: EventBridgeEngine, ctx: PayloadContext, taskSid: string, reservationSid: string): Promise<EngineResult<unknown>> {
  if (identity.role !== 'supervisor') return forbidden(`This token does not grant access to reservation ${reservationSid}`);
  if (String(req.params.Instruction ?? '').toLowerCase() !== 'supervise') return forbidden('Through a task\'s reservations a supervisor token may only send the supervise instruction');
  const updated = await engine.updateReservation(reservationSid, req.params, { ifMatch: req.ifMatch, taskSid });
  if (!updated.ok) return updated;
  const task = engine.getTask(updated.value.taskSid);
  return task ? { ok: true, value: reservationPayload(updated.value, task, ctx) } : notFound(`Task ${updated.value.taskSid}`);
}
