import type { EngineError, EngineResult, ReservationRecord } from '../domain/types';
import type { EventBridgeEngine } from './engine-port';
import { updateWorkerParticipant, type InternalPost } from './participant';
import { activityPayload, reservationPayload, taskPayload, workerChannelPayload, workerPayload, type PayloadContext } from './payloads';
import type { ProxyRequest } from './proxy-request';
import type { InitStep } from './sessions';
import type { WorkerIdentity } from './token';

/**
 * Maps one verified EventBridge proxy request onto the engine and answers the
 * payload the SDK parses (see README.md, "The HTTP proxy"). A worker's token
 * reaches only that worker, its reservations and the tasks it holds.
 */

const fail = (status: number, code: number, message: string): { ok: false; error: EngineError } => ({ ok: false, error: { status, code, message } });
const notFound = (what: string) => fail(404, 20404, `The requested resource ${what} was not found`);
const forbidden = (message: string) => fail(403, 20403, message);

/** Reservations the SDK loads on (re)connect with `Active=true`. */
const ACTIVE = new Set(['pending', 'accepted', 'wrapping']);
const MAX_PAGE = 1000;

/** How the proxy reaches the emulator's own REST API (for participant changes). */
export interface ProxyServices {
  post: InternalPost;
  /** Told when one of the SDK's init lists was answered for a worker. */
  onInitList(workerSid: string, step: InitStep, listedSids?: readonly string[]): void;
}

export async function routeProxyRequest(
  req: ProxyRequest,
  identity: WorkerIdentity,
  engine: EventBridgeEngine,
  ctx: PayloadContext,
  services: ProxyServices,
): Promise<EngineResult<unknown>> {
  const [root, workspaceSid, collection, id, sub, subId, ...rest] = req.segments;
  if (root !== 'Workspaces' || !workspaceSid || !collection) return notFound(`/${req.segments.join('/')}`);
  if (workspaceSid !== identity.workspaceSid) return forbidden(`This token does not grant access to workspace ${workspaceSid}`);
  if (rest.length > 0) return notFound(`/${req.segments.join('/')}`);

  if (collection === 'Activities' && !id && req.method === 'GET') {
    const value = page(engine.listActivities().map((a) => activityPayload(a, ctx)), req.params);
    services.onInitList(identity.workerSid, 'activities', value.contents.map((a) => a.sid));
    return { ok: true, value };
  }
  if (collection === 'Workers' && id) {
    if (id !== identity.workerSid) return forbidden(`This token does not grant access to worker ${id}`);
    if (sub === 'WorkerParticipant' && !subId && req.method === 'POST') {
      return updateWorkerParticipant(req.params, identity.workerSid, identity.accountSid, engine, services.post);
    }
    return workerRoute(req, identity, engine, ctx, services, sub, subId);
  }
  if (collection === 'Tasks' && id && !sub) return taskRoute(req, identity, engine, ctx, id);
  return notFound(`/${req.segments.join('/')}`);
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

async function taskRoute(req: ProxyRequest, identity: WorkerIdentity, engine: EventBridgeEngine, ctx: PayloadContext, taskSid: string): Promise<EngineResult<unknown>> {
  const task = engine.getTask(taskSid);
  if (!task) return notFound(`Task ${taskSid}`);
  // A worker may read and update only the tasks it has been reserved for.
  if (engine.listReservations({ taskSid }).every((r) => r.workerSid !== identity.workerSid)) {
    return forbidden(`This token does not grant access to task ${taskSid}`);
  }
  if (req.method === 'GET') return { ok: true, value: taskPayload(task, ctx) };
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

/**
 * The SDK's paging: `PageSize` items after `AfterSid`; a non-null `after_sid`
 * in the answer means "there is more, ask again with this".
 */
export function page<T extends { sid: string }>(items: T[], params: Record<string, unknown>): { contents: T[]; after_sid: string | null } {
  const requested = Number(params.PageSize);
  const size = Number.isInteger(requested) && requested > 0 ? Math.min(requested, MAX_PAGE) : MAX_PAGE;
  const after = typeof params.AfterSid === 'string' ? params.AfterSid : undefined;
  const start = after ? items.findIndex((item) => item.sid === after) + 1 : 0;
  const contents = items.slice(start, start + size);
  const more = start + size < items.length;
  return { contents, after_sid: more ? (contents[contents.length - 1]?.sid ?? null) : null };
}
