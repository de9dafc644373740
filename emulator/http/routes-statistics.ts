import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Engine } from '../domain/engine';
import type { WorkerRecord } from '../domain/types';
import { parsePaging, taskRouterPage } from './paging';
import { answer, bodyParams, queryParams, type RouteAnswer } from './respond';
import { isSid } from './sid-check';
import * as json from './statistics-json';
import { badRequestError, notFoundError } from './twilio-error';

/**
 * TaskRouter's Statistics resources under /v1/Workspaces/{WS}: the workspace,
 * its workflows, task queues (one, the paged list, and the bulk real-time POST)
 * and workers (all, one), each as Statistics (real time + cumulative),
 * RealTimeStatistics and CumulativeStatistics where Twilio's spec has them.
 */

type Params = Record<string, string>;

const PARAM_PREFIX: Record<string, 'WS' | 'WQ' | 'WK' | 'WW'> = { ws: 'WS', wq: 'WQ', wk: 'WK', ww: 'WW' };
const BULK_PATH = /^\/v1\/Workspaces\/[^/?]+\/TaskQueues\/RealTimeStatistics\/?(\?.*)?$/;
const MAX_BULK_QUEUES = 50;

/** The bulk TaskQueue real-time statistics request is the one TaskRouter request with a JSON body (twilio-node sends it so). */
export function acceptsJsonBody(method: string, url: string): boolean {
  return method === 'POST' && BULK_PATH.test(url);
}

export function registerStatisticsRoutes(app: FastifyInstance, engine: Engine, origin: () => string): void {
  const stats = engine.statistics;
  const base = () => ({ account_sid: engine.accountSid, workspace_sid: engine.getWorkspace().sid });
  const wsUrl = () => `${origin()}/v1/Workspaces/${engine.getWorkspace().sid}`;
  const missing = (request: FastifyRequest): RouteAnswer => ({ error: notFoundError(request.url.split('?')[0] ?? '') });

  const route = (method: 'GET' | 'POST', url: string, handler: (request: FastifyRequest, p: Params) => RouteAnswer): void => {
    app.route({
      method,
      url,
      handler: async (request, reply) => {
        const p = request.params as Params;
        for (const [name, value] of Object.entries(p)) {
          const prefix = PARAM_PREFIX[name];
          if (prefix && !isSid(prefix, value)) return answer(reply, { error: badRequestError(`Invalid ${prefix} SID in path: ${String(value).slice(0, 64)}`) });
        }
        if (p['ws'] !== engine.getWorkspace().sid) return answer(reply, missing(request));
        if (p['wq'] !== undefined && !engine.getTaskQueue(p['wq'])) return answer(reply, missing(request));
        if (p['wk'] !== undefined && !engine.getWorker(p['wk'])) return answer(reply, missing(request));
        if (p['ww'] !== undefined && !engine.getWorkflow(p['ww'])) return answer(reply, missing(request));
        return answer(reply, handler(request, p));
      },
    });
  };

  // Workspace
  route('GET', '/v1/Workspaces/:ws/Statistics', (request) => {
    const query = stats.parseQuery(queryParams(request));
    if (!query.ok) return { error: query.error };
    const realtime = json.workspaceRealtime(stats.tasksRealtime({ channelSid: query.value.channelSid }), stats.workersRealtime(allWorkers(engine)));
    return { status: 200, body: { ...base(), cumulative: json.workspaceCumulative(stats.tasksCumulative({}, query.value)), realtime, url: `${wsUrl()}/Statistics` } };
  });
  route('GET', '/v1/Workspaces/:ws/RealTimeStatistics', (request) => {
    const channel = stats.parseChannel(queryParams(request));
    if (!channel.ok) return { error: channel.error };
    return { status: 200, body: { ...base(), ...json.workspaceRealtime(stats.tasksRealtime({ channelSid: channel.value }), stats.workersRealtime(allWorkers(engine))), url: `${wsUrl()}/RealTimeStatistics` } };
  });
  route('GET', '/v1/Workspaces/:ws/CumulativeStatistics', (request) => {
    const query = stats.parseQuery(queryParams(request));
    if (!query.ok) return { error: query.error };
    return { status: 200, body: { ...base(), ...json.workspaceCumulative(stats.tasksCumulative({}, query.value)), url: `${wsUrl()}/CumulativeStatistics` } };
  });

  // Workflows
  route('GET', '/v1/Workspaces/:ws/Workflows/:ww/Statistics', (request, p) => {
    const query = stats.parseQuery(queryParams(request));
    if (!query.ok) return { error: query.error };
    const scope = { workflowSid: p['ww']! };
    const body = { ...base(), cumulative: json.workflowCumulative(stats.tasksCumulative(scope, query.value)), realtime: json.workflowRealtime(stats.tasksRealtime({ ...scope, channelSid: query.value.channelSid })), workflow_sid: p['ww'], url: `${wsUrl()}/Workflows/${p['ww']}/Statistics` };
    return { status: 200, body };
  });
  route('GET', '/v1/Workspaces/:ws/Workflows/:ww/RealTimeStatistics', (request, p) => {
    const channel = stats.parseChannel(queryParams(request));
    if (!channel.ok) return { error: channel.error };
    return { status: 200, body: { ...base(), ...json.workflowRealtime(stats.tasksRealtime({ workflowSid: p['ww']!, channelSid: channel.value })), workflow_sid: p['ww'], url: `${wsUrl()}/Workflows/${p['ww']}/RealTimeStatistics` } };
  });
  route('GET', '/v1/Workspaces/:ws/Workflows/:ww/CumulativeStatistics', (request, p) => {
    const query = stats.parseQuery(queryParams(request));
    if (!query.ok) return { error: query.error };
    return { status: 200, body: { ...base(), ...json.workflowCumulative(stats.tasksCumulative({ workflowSid: p['ww']! }, query.value)), workflow_sid: p['ww'], url: `${wsUrl()}/Workflows/${p['ww']}/CumulativeStatistics` } };
  });

  // Task queues
  const queueRealtime = (queueSid: string, channelSid: string | null) => json.queueRealtime(stats.tasksRealtime({ queueSid, channelSid }), stats.workersRealtime(stats.eligibleWorkers(queueSid)));
  route('GET', '/v1/Workspaces/:ws/TaskQueues/Statistics', (request) => {
    const q = queryParams(request);
    const query = stats.parseQuery(q);
    if (!query.ok) return { error: query.error };
    const paging = parsePaging(q);
    if (!paging.ok) return { error: paging.error };
    const name = typeof q['FriendlyName'] === 'string' ? q['FriendlyName'] : undefined;
    const items = engine
      .listTaskQueues()
      .filter((queue) => name === undefined || queue.friendlyName === name)
      .map((queue) => ({ ...base(), cumulative: json.queueCumulative(stats.tasksCumulative({ queueSid: queue.sid }, query.value)), realtime: queueRealtime(queue.sid, query.value.channelSid), task_queue_sid: queue.sid }));
    return { status: 200, body: taskRouterPage(items, 'task_queues_statistics', origin(), request.url.split('?')[0] ?? '', q, paging.value) };
  });
  route('POST', '/v1/Workspaces/:ws/TaskQueues/RealTimeStatistics', (request) => {
    const body = bodyParams(request);
    // Twilio's docs name the field QueueSids in the parameter table and queueSids in their curl example.
    const raw = body['QueueSids'] ?? body['queueSids'];
    const sids = typeof raw === 'string' ? [raw] : raw;
    if (!Array.isArray(sids) || sids.length < 1 || sids.length > MAX_BULK_QUEUES) return { error: badRequestError(`Invalid parameter QueueSids: must be a list of 1 to ${MAX_BULK_QUEUES} TaskQueue SIDs`) };
    const bad = sids.find((sid) => typeof sid !== 'string' || !isSid('WQ', sid));
    if (bad !== undefined) return { error: badRequestError(`Invalid parameter QueueSids: ${JSON.stringify(bad).slice(0, 64)} is not a TaskQueue SID`) };
    // A well-formed SID of no queue here is answered with zeros, as Twilio documents for SIDs of other accounts.
    const data = (sids as string[]).map((sid) => json.queueBulkEntry(sid, stats.tasksRealtime({ queueSid: sid }), stats.workersRealtime(stats.eligibleWorkers(sid))));
    return { status: 200, body: { ...base(), task_queue_data: data, task_queue_response_count: data.length, url: `${wsUrl()}/TaskQueues/RealTimeStatistics` } };
  });
  route('GET', '/v1/Workspaces/:ws/TaskQueues/:wq/Statistics', (request, p) => {
    const query = stats.parseQuery(queryParams(request));
    if (!query.ok) return { error: query.error };
    const queueSid = p['wq']!;
    const body = { ...base(), cumulative: json.queueCumulative(stats.tasksCumulative({ queueSid }, query.value)), realtime: queueRealtime(queueSid, query.value.channelSid), task_queue_sid: queueSid, url: `${wsUrl()}/TaskQueues/${queueSid}/Statistics` };
    return { status: 200, body };
  });
  route('GET', '/v1/Workspaces/:ws/TaskQueues/:wq/RealTimeStatistics', (request, p) => {
    const channel = stats.parseChannel(queryParams(request));
    if (!channel.ok) return { error: channel.error };
    return { status: 200, body: { ...base(), ...queueRealtime(p['wq']!, channel.value), task_queue_sid: p['wq'], url: `${wsUrl()}/TaskQueues/${p['wq']}/RealTimeStatistics` } };
  });
  route('GET', '/v1/Workspaces/:ws/TaskQueues/:wq/CumulativeStatistics', (request, p) => {
    const query = stats.parseQuery(queryParams(request));
    if (!query.ok) return { error: query.error };
    return { status: 200, body: { ...base(), ...json.queueCumulative(stats.tasksCumulative({ queueSid: p['wq']! }, query.value)), task_queue_sid: p['wq'], url: `${wsUrl()}/TaskQueues/${p['wq']}/CumulativeStatistics` } };
  });

  // Workers
  route('GET', '/v1/Workspaces/:ws/Workers/Statistics', (request) => {
    const q = queryParams(request);
    const query = stats.parseQuery(q);
    if (!query.ok) return { error: query.error };
    const workers = selectWorkers(engine, q);
    if ('error' in workers) return workers;
    // Unfiltered, the totals include workers deleted since (as Workers/CumulativeStatistics does).
    const filtered = ['TaskQueueSid', 'TaskQueueName', 'FriendlyName'].some((name) => q[name] !== undefined);
    const body = {
      ...base(),
      cumulative: json.workersCumulative(stats.workersCumulative(filtered ? new Set(workers.map((w) => w.sid)) : null, query.value)),
      realtime: json.workersRealtime(stats.workersRealtime(workers)),
      url: `${wsUrl()}/Workers/Statistics`,
    };
    return { status: 200, body };
  });
  route('GET', '/v1/Workspaces/:ws/Workers/RealTimeStatistics', (request) => {
    const channel = stats.parseChannel(queryParams(request));
    if (!channel.ok) return { error: channel.error };
    return { status: 200, body: { ...base(), ...json.workersRealtime(stats.workersRealtime(allWorkers(engine))), url: `${wsUrl()}/Workers/RealTimeStatistics` } };
  });
  route('GET', '/v1/Workspaces/:ws/Workers/CumulativeStatistics', (request) => {
    const query = stats.parseQuery(queryParams(request));
    if (!query.ok) return { error: query.error };
    return { status: 200, body: { ...base(), ...json.workersCumulative(stats.workersCumulative(null, query.value)), url: `${wsUrl()}/Workers/CumulativeStatistics` } };
  });
  route('GET', '/v1/Workspaces/:ws/Workers/:wk/Statistics', (request, p) => {
    const query = stats.parseQuery(queryParams(request));
    if (!query.ok) return { error: query.error };
    const workerSid = p['wk']!;
    return { status: 200, body: { ...base(), cumulative: json.workersCumulative(stats.workersCumulative(new Set([workerSid]), query.value)), worker_sid: workerSid, url: `${wsUrl()}/Workers/${workerSid}/Statistics` } };
  });
}

function allWorkers(engine: Engine): WorkerRecord[] {
  const all = engine.listWorkers();
  return all.ok ? all.value : [];
}

/** Workers/Statistics filters: TaskQueueSid or TaskQueueName (the queue's eligible workers), FriendlyName. */
function selectWorkers(engine: Engine, q: Record<string, unknown>): WorkerRecord[] | { error: ReturnType<typeof badRequestError> } {
  const text = (name: string): string | undefined => (typeof q[name] === 'string' ? q[name] : undefined);
  let queueSid = text('TaskQueueSid');
  if (queueSid !== undefined && (!isSid('WQ', queueSid) || !engine.getTaskQueue(queueSid))) return { error: badRequestError(`Invalid parameter TaskQueueSid: ${queueSid.slice(0, 64)} is not a TaskQueue of this workspace`) };
  const queueName = text('TaskQueueName');
  if (queueName !== undefined) {
    const queue = engine.listTaskQueues().find((tq) => tq.friendlyName === queueName);
    if (!queue) return [];
    queueSid = queue.sid;
  }
  const friendlyName = text('FriendlyName');
  const workers = queueSid ? engine.statistics.eligibleWorkers(queueSid) : allWorkers(engine);
  return friendlyName === undefined ? workers : workers.filter((w) => w.friendlyName.toLowerCase() === friendlyName.toLowerCase());
}
