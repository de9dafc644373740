import type { EngineResult, ReservationRecord } from '../domain/types';
import type { EventBridgeEngine } from './engine-port';
import { updateWorkerParticipant, type InternalPost } from './participant';
import { activityPayload, reservationPayload, taskPayload, workerChannelPayload, workerPayload, type PayloadContext } from './payloads';
import type { ProxyRequest } from './proxy-request';
import { forbidden, notFound, page } from './proxy-paging';
import type { InitStep } from './sessions';
import type { TaskRouterIdentity, WorkerIdentity } from './token';
import { createTaskRoute, otherWorkerRoute, superviseRoute, taskQueuesRoute, workersListRoute } from './workspace-routes';

/**
 * Maps one verified EventBridge proxy request onto the engine and answers the
 * payload the SDK parses (see README.md, "The HTTP proxy"). What a token may do
 * depends on its grant (see README.md, "Tokens and roles"): a worker token reaches
 * its own worker, its reservations and the tasks it holds, and reads the workspace;
 * a supervisor token also updates other workers and supervises reservations; a
 * workspace token (no worker) only reads.
 */

/** Reservations the SDK loads on (re)connect with `Active=true`. */
const ACTIVE = new Set(['pending', 'accepted', 'wrapping']);

/** How the proxy reaches the emulator's own REST API (for participant changes). */
export interface ProxyServices {
  post: InternalPost;
  /** Told when one of the SDK's init lists was answered for a worker. */
  onInitList(workerSid: string, step: InitStep, listedSids?: readonly string[]): void;
}

export { page } from './proxy-paging';

export async function routeProxyRequest(
  req: ProxyRequest,
  identity: TaskRouterIdentity,
  engine: EventBridgeEngine,
  ctx: PayloadContext,
  services: ProxyServices,
): Promise<EngineResult<unknown>> {
  const [root, workspaceSid, collection, id, sub, subId, ...rest] = req.segments;
  const path = `/${req.segments.join('/')}`;
  if (root !== 'Workspaces' || !workspaceSid || !collection) return notFound(path);
  if (workspaceSid !== identity.workspaceSid) return forbidden(`This token does not grant access to workspace ${workspaceSid}`);
  if (rest.length > 0) return notFound(path);

  if (collection === 'Activities' && !id && req.method === 'GET') {
    const value = page(engine.listActivities().map((a) => activityPayload(a, ctx)), req.params);
    if (identity.workerSid) services.onInitList(identity.workerSid, 'activities', value.contents.map((a) => a.sid));
    return { ok: true, value };
  }
  if (collection === 'Workers' && !id) return req.method === 'GET' ? workersListRoute(req, engine, ctx) : notFound(path);
  if (collection === 'Workers' && id) {
    if (id !== identity.workerSid) return otherWorkerRoute(req, identity, engine, ctx, id, sub);
    const own = { ...identity, workerSid: id };
    if (sub === 'WorkerParticipant' && !subId && req.method === 'POST') {
      return updateWorkerParticipant(req.params, own.workerSid, own.accountSid, engine, services.post);
    }
    return workerRoute(req, own, engine, ctx, services, sub, subId);
  }
  if (collection === 'TaskQueues' && !sub) return req.method === 'GET' ? taskQueuesRoute(req, engine, ctx, id) : notFound(path);
  if (collection === 'Tasks' && !id) return req.method === 'POST' ? createTaskRoute(req, identity, engine, ctx) : notFound(path);
  if (collection === 'Tasks' && id && !sub) return taskRoute(req, identity, engine, ctx, id);
  if (collection === 'Tasks' && id && sub === 'Reservations' && subId && req.method === 'POST') return superviseRoute(req, identity, engine, ctx, id, subId);
  return notFound(path);
}

async function workerRoute(
  req: ProxyRequest,
  identity: WorkerIdentity,
  engine: EventBridgeEngine,
  ctx: PayloadContext,
  services: ProxyServices,
  sub: string | undefined,
  subId: string | undefined,
): Promise<EngineResult<unknown>> {
  const workerSid = identity.workerSid;
  if (!sub) {
    if (req.method === 'GET') {
      const worker = engine.getWorker(workerSid);
      return worker ? { ok: true, value: workerPayload(worker, ctx) } : notFound(`Worker ${workerSid}`);
    }
    const updated = await engine.updateWorker(workerSid, req.params, { ifMatch: req.ifMatch });
    return updated.ok ? { ok: true, value: workerPayload(updated.value, ctx) } : updated;
  }
  if ((sub === 'WorkerChannels' || sub === 'Channels') && !subId && req.method === 'GET') {
    const channels = engine.listWorkerChannels(workerSid).map((channel) => workerChannelPayload(channel, engine.assignedTasks(channel), ctx));
    const value = page(channels, req.params);
    services.onInitList(workerSid, 'channels', value.contents.map((c) => c.sid));
    return { ok: true, value };
  }
  if (sub === 'Reservations' && !subId && req.method === 'GET') {
    const activeOnly = String(req.params.Active ?? '').toLowerCase() === 'true';
    const status = typeof req.params.ReservationStatus === 'string' ? req.params.ReservationStatus : undefined;
    const items = engine
      .listReservations({ workerSid })
      .filter((r) => (!activeOnly || ACTIVE.has(r.status)) && (!status || r.status === status))
      .sort((a, b) => a.dateCreated - b.dateCreated || a.sid.localeCompare(b.sid))
      .flatMap((r) => withTask(r, engine, ctx) ?? []);
    const value = page(items, req.params);
    services.onInitList(workerSid, 'reservations', value.contents.map((r) => r.sid));
    return { ok: true, value };
  }
  if (sub === 'Reservations' && subId) {
    const existing = engine.getReservation(subId);
    if (!existing || existing.workerSid !== workerSid) return notFound(`Reservation ${subId}`);
    if (req.method === 'GET') return orNotFound(withTask(existing, engine, ctx), `Task ${existing.taskSid}`);
    const updated = await engine.updateReservation(subId, req.params, { ifMatch: req.ifMatch });
    if (!updated.ok) return updated;
    return orNotFound(withTask(updated.value, engine, ctx), `Task ${updated.value.taskSid}`);
  }
  return notFound(`/${req.segments.join('/')}`);
}

/**
 * A task: a workspace or supervisor token reads any task; a worker token reads and
 * updates only the tasks it has been reserved for; a supervisor updates any.
 */
async function taskRoute(req: ProxyRequest, identity: TaskRouterIdentity, engine: EventBridgeEngine, ctx: PayloadContext, taskSid: string): Promise<EngineResult<unknown>> {
  const task = engine.getTask(taskSid);
  if (!task) return notFound(`Task ${taskSid}`);
  const holds = identity.workerSid !== null && engine.listReservations({ taskSid }).some((r) => r.workerSid === identity.workerSid);
  if (req.method === 'GET') {
    if (identity.role === 'worker' && !holds) return forbidden(`This token does not grant access to task ${taskSid}`);
    return { ok: true, value: taskPayload(task, ctx) };
  }
  if (identity.role === 'workspace' || (identity.role === 'worker' && !holds)) return forbidden(`This token does not grant access to update task ${taskSid}`);
  const updated = await engine.updateTask(taskSid, req.params, { ifMatch: req.ifMatch });
  return updated.ok ? { ok: true, value: taskPayload(updated.value, ctx) } : updated;
}

function withTask(reservation: ReservationRecord, engine: EventBridgeEngine, ctx: PayloadContext) {
  const task = engine.getTask(reservation.taskSid);
  return task ? reservationPayload(reservation, task, ctx) : undefined;
}

function orNotFound<T>(value: T | undefined, what: string): EngineResult<T> {
  return value === undefined ? notFound(what) : { ok: true, value };
}
