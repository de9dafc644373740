import { z } from 'zod';
import type { RawReservation, RawTask, RawWorker, ReservationUpdate, TaskRouterApi, WorkerUpdate } from './api';
import { workerStatisticsFrom } from './rest-api';
import { parseJsonObject } from './json';
import type { ServerDateSample } from './request-client';
import { parseRetryAfter, RateLimitedError } from './http-status-error';

/**
 * TaskRouter through the Worker SDK's own HTTP endpoint (EventBridge: `POST
 * {ebServer}` with `{url, method, params, token}`), authorized by the worker's
 * Access Token alone. This is how token URL mode polls and acts without
 * holding any account secret. What a worker token cannot reach (workflows,
 * the workspace, other workers) is reported as not available.
 */
export interface EventBridgeApiOptions {
  ebServer: string;
  workspaceSid: string;
  workerSid: string;
  token: () => string | null;
  fetch: typeof fetch;
  now: () => number;
  onServerDate?: (sample: ServerDateSample) => void;
}

const seconds = z.number().nullable().optional();
const taskPayload = z.object({
  sid: z.string(),
  assignment_status: z.string(),
  queue_sid: z.string().nullable().optional(),
  queue_name: z.string().nullable().optional(),
  task_channel_unique_name: z.string().nullable().optional(),
  priority: z.number().nullable().optional(),
  date_created: seconds,
  reason: z.string().nullable().optional(),
  attributes: z.unknown(),
  workflow_sid: z.string().nullable().optional(),
  /** The task's version, which an update guarded by If-Match names (the Worker SDK sends it the same way). */
  version: z.union([z.string(), z.number()]).optional(),
});
const reservationPayload = z.object({
  sid: z.string(),
  worker_sid: z.string(),
  reservation_status: z.string(),
  date_created: seconds,
  date_updated: seconds,
  reservation_timeout: z.number().optional(),
  task_sid: z.string().optional(),
  task: taskPayload.optional(),
});
const workerPayload = z.object({ sid: z.string(), friendly_name: z.string(), activity_sid: z.string(), activity_name: z.string(), available: z.boolean(), attributes: z.unknown(), date_status_changed: seconds });
const activityPayload = z.object({ sid: z.string(), friendly_name: z.string(), available: z.boolean() });
const pageOf = <T extends z.ZodType>(item: T) => z.object({ contents: z.array(item), after_sid: z.string().nullable().optional() });

const ms = (s: number | null | undefined): number => (typeof s === 'number' ? s * 1000 : 0);

const taskFrom = (t: z.infer<typeof taskPayload>): RawTask => ({
  sid: t.sid,
  assignmentStatus: t.assignment_status,
  queueSid: t.queue_sid ?? null,
  queueName: t.queue_name ?? null,
  channel: t.task_channel_unique_name ?? 'default',
  priority: t.priority ?? 0,
  dateCreatedMs: ms(t.date_created),
  reason: t.reason ?? null,
  attributes: parseJsonObject(t.attributes),
  workflowSid: t.workflow_sid ?? null,
});

const reservationFrom = (r: z.infer<typeof reservationPayload>): RawReservation => ({
  sid: r.sid,
  taskSid: r.task?.sid ?? r.task_sid ?? '',
  workerSid: r.worker_sid,
  status: r.reservation_status,
  dateCreatedMs: ms(r.date_created),
  dateUpdatedMs: ms(r.date_updated),
  ...(r.reservation_timeout !== undefined ? { timeoutSeconds: r.reservation_timeout } : {}),
  ...(r.task ? { task: taskFrom(r.task) } : {}),
});

const workerFrom = (w: z.infer<typeof workerPayload>): RawWorker => ({
  sid: w.sid,
  friendlyName: w.friendly_name,
  activitySid: w.activity_sid,
  activityName: w.activity_name,
  available: w.available,
  attributes: parseJsonObject(w.attributes),
  ...(typeof w.date_status_changed === 'number' ? { dateStatusChangedMs: ms(w.date_status_changed) } : {}),
});

/** An error shaped like twilio-node's RestException, so toAppError maps both alike. */
class EventBridgeError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: number,
  ) {
    super(message);
  }
}

const upperFirst = (key: string) => key.charAt(0).toUpperCase() + key.slice(1);

export function createEventBridgeApi(options: EventBridgeApiOptions): TaskRouterApi {
  const workspace = `Workspaces/${options.workspaceSid}`;
  const worker = `${workspace}/Workers/${options.workerSid}`;

  async function call<T extends z.ZodType>(schema: T, url: string, method: 'GET' | 'POST', params: Record<string, unknown>, apiVersion: 'v1' | 'v2' = 'v1', ifMatch?: string): Promise<z.infer<T>> {
    const token = options.token();
    if (!token) throw new EventBridgeError('No worker token yet.', 401);
    const sentMs = options.now();
    const response = await options.fetch(options.ebServer, {
      method: 'POST',
      headers: { 'content-type': 'application/json', apiVersion, ...(ifMatch ? { 'If-Match': ifMatch } : {}) },
      body: JSON.stringify({ url, method, params, token }),
      signal: AbortSignal.timeout(15_000),
    });
    const receivedMs = options.now();
    const date = Date.parse(response.headers.get('date') ?? '');
    if (!Number.isNaN(date)) options.onServerDate?.({ serverMs: date, sentMs, receivedMs });
    const body = (await response.json().catch(() => null)) as { payload?: unknown; message?: unknown; code?: unknown } | null;
    if (response.status === 429) throw new RateLimitedError(parseRetryAfter(response.headers.get('retry-after') ?? undefined, receivedMs), typeof body?.code === 'number' ? body.code : undefined);
    if (!response.ok) {
      throw new EventBridgeError(typeof body?.message === 'string' ? body.message : `HTTP ${response.status}`, response.status, typeof body?.code === 'number' ? body.code : undefined);
    }
    const parsed = schema.safeParse(body?.payload);
    if (!parsed.success) throw new EventBridgeError('TaskRouter answered something unexpected.', 502);
    return parsed.data;
  }

  async function listAll<T extends z.ZodType>(item: T, url: string, params: Record<string, unknown>, apiVersion: 'v1' | 'v2'): Promise<z.infer<T>[]> {
    const all: z.infer<T>[] = [];
    let after: string | null | undefined;
    // Bounded: 20 pages of 1,000 is far beyond one worker's reservations or a workspace's activities.
    for (let pageNo = 0; pageNo < 20; pageNo++) {
      const page = await call(pageOf(item), url, 'GET', { ...params, PageSize: 1000, ...(after ? { AfterSid: after } : {}) }, apiVersion);
      all.push(...page.contents);
      after = page.after_sid;
      if (!after) break;
    }
    return all;
  }

  const notAvailable = (what: string) => Promise.reject(new EventBridgeError(`${what} is not available with a worker token.`, 403));

  const listActive = async () => (await listAll(reservationPayload, `${worker}/Reservations`, { Active: 'true' }, 'v2')).map(reservationFrom);

  return {
    // fetch() keeps its connections in Node's shared pool, which closes idle ones after a few seconds by itself.
    close: () => undefined,
    listActiveReservations: listActive,
    async listPendingReservations() {
      // The SDK's endpoint lists active reservations in one request; a status filter would not save any.
      return (await listActive()).filter((r) => r.status === 'pending');
    },
    async fetchReservation(sid) {
      return reservationFrom(await call(reservationPayload, `${worker}/Reservations/${sid}`, 'GET', {}));
    },
    async updateReservation(sid, update: ReservationUpdate) {
      const params = Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined).map(([k, v]) => [upperFirst(k), v]));
      return reservationFrom(await call(reservationPayload, `${worker}/Reservations/${sid}`, 'POST', params));
    },
    async fetchTask(sid) {
      return taskFrom(await call(taskPayload, `${workspace}/Tasks/${sid}`, 'GET', {}));
    },
    fetchWorkflowTimeout: () => notAvailable('The workflow'),
    fetchWorkflowHasAssignmentCallback: () => notAvailable('The workflow'),
    async fetchWorker() {
      return workerFrom(await call(workerPayload, worker, 'GET', {}));
    },
    async updateWorker(update: WorkerUpdate) {
      const params: Record<string, unknown> = {};
      if (update.activitySid !== undefined) params.ActivitySid = update.activitySid;
      if (update.rejectPendingReservations !== undefined) params.RejectPendingReservations = update.rejectPendingReservations;
      if (update.attributes !== undefined) params.Attributes = parseJsonObject(update.attributes);
      return workerFrom(await call(workerPayload, worker, 'POST', params));
    },
    async listActivities() {
      return (await listAll(activityPayload, `${workspace}/Activities`, {}, 'v1')).map((a) => ({ sid: a.sid, friendlyName: a.friendly_name, available: a.available }));
    },
    async fetchWorkspace() {
      return { sid: options.workspaceSid, timeoutActivitySid: null, defaultActivitySid: null };
    },
    listWorkers: () => notAvailable('The list of workers'),
    async fetchVersionedTask(sid) {
      const task = await call(taskPayload, `${workspace}/Tasks/${sid}`, 'GET', {});
      if (task.version === undefined) throw new EventBridgeError('TaskRouter did not say which version of the task this is.', 502);
      return { task: taskFrom(task), version: String(task.version) };
    },
    async updateTaskAttributes(sid, attributes, version) {
      return taskFrom(await call(taskPayload, `${workspace}/Tasks/${sid}`, 'POST', { Attributes: attributes }, 'v1', version));
    },
    async listTasksMatching(expression, limit) {
      const page = await call(pageOf(taskPayload), `${workspace}/Tasks`, 'GET', { EvaluateTaskAttributes: expression, Ordering: 'DateCreated:desc', PageSize: limit });
      return page.contents.slice(0, limit).map(taskFrom);
    },
    async fetchWorkerStatistics(since) {
      const stats = await call(z.object({ cumulative: z.unknown() }), `${worker}/Statistics`, 'GET', { StartDate: new Date(since).toISOString() });
      return workerStatisticsFrom(stats.cumulative);
    },
    fetchWorkerQueues: () => notAvailable('Queue statistics'),
  };
}
