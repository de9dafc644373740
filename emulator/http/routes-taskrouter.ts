import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Engine, WorkerFilter } from '../domain/engine';
import { isSid } from './sid-check';
import type { SidPrefix } from '../../shared/sids';
import type { ReservationStatus } from '../domain/types';
import { parsePaging, taskRouterPage } from './paging';
import { answer, bodyParams, fromResult, ifMatch, queryParams, type RouteAnswer } from './respond';
import { taskFilterFrom } from './task-list-query';
import type { TaskRouterJson } from './taskrouter-json';
import { badRequestError, notFoundError } from './twilio-error';

/**
 * TaskRouter v1 under /v1/Workspaces/{WS}/...: Workspaces, Activities, Workers
 * (+ Reservations, Channels), Tasks (+ Reservations), Workflows, TaskQueues,
 * TaskChannels. Paths with a malformed SID answer 400; well-formed SIDs that
 * do not exist answer 404.
 */

type Params = Record<string, string>;
type Handler = (request: FastifyRequest, p: Params) => RouteAnswer;

const RESERVATION_STATUSES: ReservationStatus[] = ['pending', 'accepted', 'rejected', 'timeout', 'canceled', 'rescinded', 'wrapping', 'completed'];

/** Path parameter name → SID prefix it must carry. */
const PARAM_PREFIX: Record<string, SidPrefix> = { ws: 'WS', wa: 'WA', wk: 'WK', wr: 'WR', wt: 'WT', ww: 'WW', wq: 'WQ', ev: 'EV' };

export function registerTaskRouterRoutes(app: FastifyInstance, engine: Engine, json: TaskRouterJson, origin: () => string): void {
  const route = (method: 'GET' | 'POST' | 'DELETE', url: string, handler: Handler): void => {
    app.route({
      method,
      url,
      handler: async (request, reply) => {
        const p = request.params as Params;
        for (const [name, value] of Object.entries(p)) {
          const prefix = PARAM_PREFIX[name];
          if (prefix && !isSid(prefix, value)) return answer(reply, { error: badRequestError(`Invalid ${prefix} SID in path: ${String(value).slice(0, 64)}`) });
        }
        if (p['ws'] !== undefined && p['ws'] !== engine.getWorkspace().sid) return answer(reply, { error: notFoundError(request.url.split('?')[0] ?? '') });
        return answer(reply, handler(request, p));
      },
    });
  };

  const missing = (request: FastifyRequest): RouteAnswer => ({ error: notFoundError(request.url.split('?')[0] ?? '') });
  const list = <T>(request: FastifyRequest, items: T[], key: string, toJson: (item: T) => unknown): RouteAnswer => {
    const query = queryParams(request);
    const paging = parsePaging(query);
    if (!paging.ok) return { error: paging.error };
    const path = request.url.split('?')[0] ?? '';
    return { status: 200, body: taskRouterPage(items.map(toJson), key, origin(), path, query, paging.value) };
  };
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const boolFilter = (v: unknown): boolean | undefined | 'bad' => (v === undefined ? undefined : v === 'true' ? true : v === 'false' ? false : 'bad');

  // Workspaces
  route('GET', '/v1/Workspaces', (request) => list(request, [engine.getWorkspace()], 'workspaces', () => json.workspace()));
  route('GET', '/v1/Workspaces/:ws', () => ({ status: 200, body: json.workspace() }));
  route('POST', '/v1/Workspaces/:ws', (request) => fromResult(engine.updateWorkspace(bodyParams(request)), 200, () => json.workspace()));

  // Activities
  route('GET', '/v1/Workspaces/:ws/Activities', (request) => {
    const q = queryParams(request);
    const available = boolFilter(q['Available']);
    if (available === 'bad') return { error: badRequestError('Invalid parameter Available: must be true or false') };
    const items = engine.listActivities().filter((a) => (available === undefined || a.available === available) && (!str(q['FriendlyName']) || a.friendlyName === q['FriendlyName']));
    return list(request, items, 'activities', (a) => json.activity(a));
  });
  route('POST', '/v1/Workspaces/:ws/Activities', (request) => fromResult(engine.createActivity(bodyParams(request)), 201, (a) => json.activity(a)));
  route('GET', '/v1/Workspaces/:ws/Activities/:wa', (request, p) => {
    const a = engine.getActivity(p['wa']!);
    return a ? { status: 200, body: json.activity(a) } : missing(request);
  });
  route('POST', '/v1/Workspaces/:ws/Activities/:wa', (request, p) => fromResult(engine.updateActivity(p['wa']!, bodyParams(request)), 200, (a) => json.activity(a)));
  route('DELETE', '/v1/Workspaces/:ws/Activities/:wa', (_request, p) => fromResult(engine.deleteActivity(p['wa']!), 204, () => undefined));

  // Workers
  route('GET', '/v1/Workspaces/:ws/Workers', (request) => {
    const q = queryParams(request);
    const available = boolFilter(q['Available']);
    if (available === 'bad') return { error: badRequestError('Invalid parameter Available: must be true or false') };
    const filter: WorkerFilter = {};
    if (str(q['ActivitySid'])) filter.activitySid = str(q['ActivitySid'])!;
    if (str(q['ActivityName'])) filter.activityName = str(q['ActivityName'])!;
    if (available !== undefined) filter.available = available;
    if (str(q['FriendlyName'])) filter.friendlyName = str(q['FriendlyName'])!;
    if (str(q['TargetWorkersExpression'])) filter.targetWorkersExpression = str(q['TargetWorkersExpression'])!;
    if (str(q['TaskQueueSid'])) filter.taskQueueSid = str(q['TaskQueueSid'])!;
    if (str(q['TaskQueueName'])) {
      const queue = engine.listTaskQueues().find((tq) => tq.friendlyName === q['TaskQueueName']);
      filter.taskQueueSid = queue?.sid ?? 'none';
    }
    const workers = engine.listWorkers(filter);
    if (!workers.ok) return { error: workers.error };
    return list(request, workers.value, 'workers', (w) => json.worker(w));
  });
  route('POST', '/v1/Workspaces/:ws/Workers', (request) => fromResult(engine.createWorker(bodyParams(request)), 201, (w) => json.worker(w), (w) => w.version));
  route('GET', '/v1/Workspaces/:ws/Workers/:wk', (request, p) => {
    const w = engine.getWorker(p['wk']!);
    return w ? { status: 200, body: json.worker(w), version: w.version } : missing(request);
  });
  route('POST', '/v1/Workspaces/:ws/Workers/:wk', (request, p) => fromResult(engine.updateWorker(p['wk']!, bodyParams(request), { ifMatch: ifMatch(request) }), 200, (w) => json.worker(w), (w) => w.version));
  route('DELETE', '/v1/Workspaces/:ws/Workers/:wk', (request, p) => fromResult(engine.deleteWorker(p['wk']!, { ifMatch: ifMatch(request) }), 204, () => undefined));

  // Worker channels
  route('GET', '/v1/Workspaces/:ws/Workers/:wk/Channels', (request, p) => {
    if (!engine.getWorker(p['wk']!)) return missing(request);
    return list(request, engine.listWorkerChannels(p['wk']!), 'channels', (c) => json.workerChannel(c));
  });
  route('GET', '/v1/Workspaces/:ws/Workers/:wk/Channels/:wc', (request, p) => {
    const c = engine.getWorkerChannel(p['wk']!, p['wc']!);
    return c ? { status: 200, body: json.workerChannel(c) } : missing(request);
  });
  route('POST', '/v1/Workspaces/:ws/Workers/:wk/Channels/:wc', (request, p) => fromResult(engine.updateWorkerChannel(p['wk']!, p['wc']!, bodyParams(request)), 200, (c) => json.workerChannel(c)));

  // Reservations, on both routes
  const reservationStatusFilter = (request: FastifyRequest): ReservationStatus | undefined | 'bad' => {
    const v = queryParams(request)['ReservationStatus'];
    if (v === undefined) return undefined;
    return typeof v === 'string' && (RESERVATION_STATUSES as string[]).includes(v) ? (v as ReservationStatus) : 'bad';
  };
  const badStatus: RouteAnswer = { error: badRequestError(`Invalid parameter ReservationStatus: must be one of ${RESERVATION_STATUSES.join(', ')}`) };

  route('GET', '/v1/Workspaces/:ws/Workers/:wk/Reservations', (request, p) => {
    if (!engine.getWorker(p['wk']!)) return missing(request);
    const status = reservationStatusFilter(request);
    if (status === 'bad') return badStatus;
    return list(request, engine.listReservations({ workerSid: p['wk']!, ...(status ? { status } : {}) }), 'reservations', (r) => json.reservation(r, 'worker'));
  });
  route('GET', '/v1/Workspaces/:ws/Workers/:wk/Reservations/:wr', (request, p) => {
    const r = engine.getReservation(p['wr']!);
    return r && r.workerSid === p['wk'] ? { status: 200, body: json.reservationText(r, 'worker'), version: r.version } : missing(request);
  });
  route('POST', '/v1/Workspaces/:ws/Workers/:wk/Reservations/:wr', (request, p) =>
    fromResult(engine.updateReservation(p['wr']!, bodyParams(request), { ifMatch: ifMatch(request), workerSid: p['wk']! }), 200, (r) => json.reservation(r, 'worker'), (r) => r.version),
  );
  route('GET', '/v1/Workspaces/:ws/Tasks/:wt/Reservations', (request, p) => {
    if (!engine.getTask(p['wt']!)) return missing(request);
    const status = reservationStatusFilter(request);
    if (status === 'bad') return badStatus;
    const workerSid = queryParams(request)['WorkerSid'];
    if (workerSid !== undefined && !isSid('WK', workerSid)) return { error: badRequestError('Invalid parameter WorkerSid: must be a WK SID') };
    return list(request, engine.listReservations({ taskSid: p['wt']!, ...(status ? { status } : {}), ...(typeof workerSid === 'string' ? { workerSid } : {}) }), 'reservations', (r) => json.reservation(r, 'task'));
  });
  route('GET', '/v1/Workspaces/:ws/Tasks/:wt/Reservations/:wr', (request, p) => {
    const r = engine.getReservation(p['wr']!);
    return r && r.taskSid === p['wt'] ? { status: 200, body: json.reservationText(r, 'task'), version: r.version } : missing(request);
  });
  route('POST', '/v1/Workspaces/:ws/Tasks/:wt/Reservations/:wr', (request, p) =>
    fromResult(engine.updateReservation(p['wr']!, bodyParams(request), { ifMatch: ifMatch(request), taskSid: p['wt']! }), 200, (r) => json.reservation(r, 'task'), (r) => r.version),
  );

  // Tasks
  route('GET', '/v1/Workspaces/:ws/Tasks', (request) => {
    const filter = taskFilterFrom(queryParams(request));
    if ('error' in filter) return filter;
    const tasks = engine.listTasks(filter);
    if (!tasks.ok) return { error: tasks.error };
    return list(request, tasks.value, 'tasks', (t) => json.task(t));
  });
  route('POST', '/v1/Workspaces/:ws/Tasks', (request) => fromResult(engine.createTask(bodyParams(request)), 201, (t) => json.task(t), (t) => t.version));
  route('GET', '/v1/Workspaces/:ws/Tasks/:wt', (request, p) => {
    const t = engine.getTask(p['wt']!);
    return t ? { status: 200, body: json.task(t), version: t.version } : missing(request);
  });
  route('POST', '/v1/Workspaces/:ws/Tasks/:wt', (request, p) => fromResult(engine.updateTask(p['wt']!, bodyParams(request), { ifMatch: ifMatch(request) }), 200, (t) => json.task(t), (t) => t.version));
  route('DELETE', '/v1/Workspaces/:ws/Tasks/:wt', (request, p) => fromResult(engine.deleteTask(p['wt']!, { ifMatch: ifMatch(request) }), 204, () => undefined));

  // Workflows
  route('GET', '/v1/Workspaces/:ws/Workflows', (request) => {
    const name = str(queryParams(request)['FriendlyName']);
    return list(request, engine.listWorkflows().filter((w) => !name || w.friendlyName === name), 'workflows', (w) => json.workflow(w));
  });
  route('POST', '/v1/Workspaces/:ws/Workflows', (request) => fromResult(engine.createWorkflow(bodyParams(request)), 201, (w) => json.workflow(w)));
  route('GET', '/v1/Workspaces/:ws/Workflows/:ww', (request, p) => {
    const w = engine.getWorkflow(p['ww']!);
    return w ? { status: 200, body: json.workflow(w) } : missing(request);
  });
  route('POST', '/v1/Workspaces/:ws/Workflows/:ww', (request, p) => fromResult(engine.updateWorkflow(p['ww']!, bodyParams(request)), 200, (w) => json.workflow(w)));
  route('DELETE', '/v1/Workspaces/:ws/Workflows/:ww', (_request, p) => fromResult(engine.deleteWorkflow(p['ww']!), 204, () => undefined));

  // TaskQueues
  route('GET', '/v1/Workspaces/:ws/TaskQueues', (request) => {
    const name = str(queryParams(request)['FriendlyName']);
    return list(request, engine.listTaskQueues().filter((q) => !name || q.friendlyName === name), 'task_queues', (q) => json.taskQueue(q));
  });
  route('POST', '/v1/Workspaces/:ws/TaskQueues', (request) => fromResult(engine.createTaskQueue(bodyParams(request)), 201, (q) => json.taskQueue(q)));
  route('GET', '/v1/Workspaces/:ws/TaskQueues/:wq', (request, p) => {
    const q = engine.getTaskQueue(p['wq']!);
    return q ? { status: 200, body: json.taskQueue(q) } : missing(request);
  });
  route('POST', '/v1/Workspaces/:ws/TaskQueues/:wq', (request, p) => fromResult(engine.updateTaskQueue(p['wq']!, bodyParams(request)), 200, (q) => json.taskQueue(q)));
  route('DELETE', '/v1/Workspaces/:ws/TaskQueues/:wq', (_request, p) => fromResult(engine.deleteTaskQueue(p['wq']!), 204, () => undefined));

  // Events (newest first; filters EventType, ReservationSid, TaskSid, WorkerSid, Sid)
  route('GET', '/v1/Workspaces/:ws/Events', (request) => {
    const q = queryParams(request);
    const events = engine.listEvents().filter(
      (e) =>
        (!str(q['EventType']) || e.type === q['EventType']) &&
        (!str(q['ReservationSid']) || e.reservationSid === q['ReservationSid']) &&
        (!str(q['TaskSid']) || e.taskSid === q['TaskSid']) &&
        (!str(q['WorkerSid']) || e.workerSid === q['WorkerSid']) &&
        (!str(q['Sid']) || e.sid === q['Sid']),
    );
    return list(request, events, 'events', (e) => json.event(e));
  });
  route('GET', '/v1/Workspaces/:ws/Events/:ev', (request, p) => {
    const e = engine.listEvents().find((x) => x.sid === p['ev']);
    return e ? { status: 200, body: json.event(e) } : missing(request);
  });

  // TaskChannels (by TC sid or unique name)
  route('GET', '/v1/Workspaces/:ws/TaskChannels', (request) => list(request, engine.listTaskChannels(), 'channels', (c) => json.taskChannel(c)));
  route('POST', '/v1/Workspaces/:ws/TaskChannels', (request) => fromResult(engine.createTaskChannel(bodyParams(request)), 201, (c) => json.taskChannel(c)));
  route('GET', '/v1/Workspaces/:ws/TaskChannels/:tc', (request, p) => {
    const c = engine.findTaskChannel(p['tc']!);
    return c ? { status: 200, body: json.taskChannel(c) } : missing(request);
  });
  route('POST', '/v1/Workspaces/:ws/TaskChannels/:tc', (request, p) => fromResult(engine.updateTaskChannel(p['tc']!, bodyParams(request)), 200, (c) => json.taskChannel(c)));
  route('DELETE', '/v1/Workspaces/:ws/TaskChannels/:tc', (_request, p) => fromResult(engine.deleteTaskChannel(p['tc']!), 204, () => undefined));
}
