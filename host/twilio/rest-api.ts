import twilio from 'twilio';
import type { RawReservation, RawTask, RawWorker, ReservationUpdate, TaskRouterApi, WorkerStatistics, WorkerUpdate } from './api';
import { StatusError } from './status-error';
import { HostRequestClient, type ServerDateSample } from './request-client';
import { parseJsonObject } from './json';

export interface RestCredentials {
  accountSid: string;
  /** With an API key: the key SID and its secret; without: the account's auth token as secret. */
  apiKeySid: string | null;
  secret: string;
  workspaceSid: string;
  workerSid: string;
  /** An emulator's origin; Twilio's own hosts when absent. */
  baseUrl?: string;
}

export interface RestApiOptions {
  now: () => number;
  onServerDate?: (sample: ServerDateSample) => void;
}

const ACTIVE_STATUSES = ['pending', 'accepted', 'wrapping'] as const;

type ReservationInstance = { sid: string; taskSid: string; workerSid: string; reservationStatus: string; dateCreated: Date; dateUpdated: Date };
type TaskInstance = {
  sid: string; assignmentStatus: string; taskQueueSid: string | null; taskQueueFriendlyName: string | null; taskChannelUniqueName: string | null;
  priority: number | null; dateCreated: Date; reason: string | null; attributes: string | null; workflowSid: string | null;
};
type WorkerInstance = { sid: string; friendlyName: string; activitySid: string; activityName: string; available: boolean; attributes: string | null; dateStatusChanged?: Date | null };

const time = (date: Date | null | undefined): number => (date instanceof Date && !Number.isNaN(date.getTime()) ? date.getTime() : 0);

export const reservationFromRest = (r: ReservationInstance): RawReservation => ({
  sid: r.sid,
  taskSid: r.taskSid,
  workerSid: r.workerSid,
  status: r.reservationStatus,
  dateCreatedMs: time(r.dateCreated),
  dateUpdatedMs: time(r.dateUpdated),
});

export const taskFromRest = (t: TaskInstance): RawTask => ({
  sid: t.sid,
  assignmentStatus: t.assignmentStatus,
  queueSid: t.taskQueueSid ?? null,
  queueName: t.taskQueueFriendlyName ?? null,
  channel: t.taskChannelUniqueName ?? 'default',
  priority: t.priority ?? 0,
  dateCreatedMs: time(t.dateCreated),
  reason: t.reason ?? null,
  attributes: parseJsonObject(t.attributes),
  workflowSid: t.workflowSid ?? null,
});

const workerFromRest = (w: WorkerInstance): RawWorker => ({
  sid: w.sid,
  friendlyName: w.friendlyName,
  activitySid: w.activitySid,
  activityName: w.activityName,
  available: w.available,
  attributes: parseJsonObject(w.attributes),
  ...(w.dateStatusChanged instanceof Date ? { dateStatusChangedMs: time(w.dateStatusChanged) } : {}),
});

/** A REST task resource as JSON (snake_case), as the low-level request answers it. */
type TaskJson = {
  sid: string; assignment_status: string; task_queue_sid: string | null; task_queue_friendly_name: string | null; task_channel_unique_name: string | null;
  priority: number | null; date_created: string | null; reason: string | null; attributes: string | null; workflow_sid: string | null;
};

const taskFromJson = (t: TaskJson): RawTask =>
  taskFromRest({
    sid: t.sid,
    assignmentStatus: t.assignment_status,
    taskQueueSid: t.task_queue_sid,
    taskQueueFriendlyName: t.task_queue_friendly_name,
    taskChannelUniqueName: t.task_channel_unique_name,
    priority: t.priority,
    dateCreated: t.date_created ? new Date(t.date_created) : new Date(NaN),
    reason: t.reason,
    attributes: t.attributes,
    workflowSid: t.workflow_sid,
  });

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The parts of a worker's cumulative statistics the desk shows; anything malformed reads as zero. */
export function workerStatisticsFrom(cumulative: unknown): WorkerStatistics {
  const c = (cumulative && typeof cumulative === 'object' ? cumulative : {}) as Record<string, unknown>;
  const durations = Array.isArray(c.activity_durations) ? c.activity_durations : [];
  return {
    reservationsAccepted: num(c.reservations_accepted),
    activityDurations: durations.flatMap((d) => {
      const entry = (d && typeof d === 'object' ? d : {}) as Record<string, unknown>;
      return typeof entry.friendly_name === 'string' ? [{ name: entry.friendly_name, totalSeconds: num(entry.total) }] : [];
    }),
  };
}

/** TaskRouter through the official `twilio` library (poll mode and every action in demo/account mode). */
export function createRestApi(credentials: RestCredentials, options: RestApiOptions): TaskRouterApi {
  const httpClient = new HostRequestClient({ baseUrl: credentials.baseUrl, now: options.now, onServerDate: options.onServerDate });
  const client = credentials.apiKeySid
    ? twilio(credentials.apiKeySid, credentials.secret, { accountSid: credentials.accountSid, httpClient })
    : twilio(credentials.accountSid, credentials.secret, { httpClient });
  const workspace = client.taskrouter.v1.workspaces(credentials.workspaceSid);
  const worker = workspace.workers(credentials.workerSid);

  return {
    close: () => httpClient.close(),
    async listActiveReservations() {
      // One list per status: the REST list filters by a single status, and an unfiltered list grows all shift long.
      const pages = await Promise.all(ACTIVE_STATUSES.map((reservationStatus) => worker.reservations.list({ reservationStatus, pageSize: 100, limit: 1000 })));
      return pages.flat().map((r) => reservationFromRest(r as unknown as ReservationInstance));
    },
    async listPendingReservations() {
      const page = await worker.reservations.list({ reservationStatus: 'pending', pageSize: 100, limit: 1000 });
      return page.map((r) => reservationFromRest(r as unknown as ReservationInstance));
    },
    async fetchReservation(sid) {
      return reservationFromRest((await worker.reservations(sid).fetch()) as unknown as ReservationInstance);
    },
    async updateReservation(sid, update: ReservationUpdate) {
      const updated = await worker.reservations(sid).update(update as Parameters<ReturnType<typeof worker.reservations>['update']>[0]);
      return reservationFromRest(updated as unknown as ReservationInstance);
    },
    async fetchTask(sid) {
      return taskFromRest((await workspace.tasks(sid).fetch()) as unknown as TaskInstance);
    },
    async fetchWorkflowTimeout(workflowSid) {
      const workflow = await workspace.workflows(workflowSid).fetch();
      return workflow.taskReservationTimeout;
    },
    async fetchWorkflowHasAssignmentCallback(workflowSid) {
      const workflow = await workspace.workflows(workflowSid).fetch();
      return Boolean(workflow.assignmentCallbackUrl);
    },
    async fetchWorker() {
      return workerFromRest((await worker.fetch()) as unknown as WorkerInstance);
    },
    async updateWorker(update: WorkerUpdate) {
      return workerFromRest((await worker.update(update)) as unknown as WorkerInstance);
    },
    async listActivities() {
      const activities = await workspace.activities.list({ pageSize: 1000, limit: 1000 });
      return activities.map((a) => ({ sid: a.sid, friendlyName: a.friendlyName, available: a.available }));
    },
    async fetchWorkspace() {
      const ws = await workspace.fetch();
      return { sid: ws.sid, timeoutActivitySid: ws.timeoutActivitySid ?? null, defaultActivitySid: ws.defaultActivitySid ?? null };
    },
    async listWorkers() {
      const workers = await workspace.workers.list({ pageSize: 1000, limit: 1000 });
      return workers.map((w) => {
        const contact = parseJsonObject(w.attributes).contact_uri;
        return { sid: w.sid, friendlyName: w.friendlyName, contactUri: typeof contact === 'string' ? contact : null };
      });
    },
    async fetchVersionedTask(sid) {
      // twilio-node's fetch() drops the ETag header, which carries the version If-Match compares: read the resource directly.
      const response = (await client.request({ method: 'get', uri: `https://taskrouter.twilio.com/v1/Workspaces/${credentials.workspaceSid}/Tasks/${sid}` })) as {
        statusCode: number;
        body: unknown;
        headers: Record<string, unknown>;
      };
      const body = typeof response.body === 'string' ? parseJsonObject(response.body) : (response.body as Record<string, unknown>);
      if (response.statusCode >= 400) throw new StatusError(typeof body?.message === 'string' ? body.message : `HTTP ${response.statusCode}`, response.statusCode);
      const etag = response.headers.etag;
      if (typeof etag !== 'string' || !etag) throw new StatusError('TaskRouter did not say which version of the task this is.', 502);
      return { task: taskFromJson(body as unknown as TaskJson), version: etag.replace(/^W\//, '').replace(/"/g, '') };
    },
    async updateTaskAttributes(sid, attributes, version) {
      return taskFromRest((await workspace.tasks(sid).update({ attributes: JSON.stringify(attributes), ifMatch: version })) as unknown as TaskInstance);
    },
    async listTasksMatching(expression, limit) {
      const tasks = await workspace.tasks.list({ evaluateTaskAttributes: expression, ordering: 'DateCreated:desc', pageSize: Math.min(limit, 50), limit });
      return tasks.map((t) => taskFromRest(t as unknown as TaskInstance));
    },
    async fetchWorkerStatistics(since) {
      const stats = await worker.statistics().fetch({ startDate: new Date(since) });
      return workerStatisticsFrom(stats.cumulative);
    },
    async fetchWorkerQueues() {
      const queues = await workspace.taskQueues.list({ workerSid: credentials.workerSid, pageSize: 50, limit: 50 });
      return Promise.all(
        queues.map(async (q) => {
          const stats = await workspace.taskQueues(q.sid).realTimeStatistics().fetch();
          const byStatus = (stats.tasksByStatus ?? {}) as Record<string, unknown>;
          return { name: q.friendlyName, waiting: num(byStatus.pending) };
        }),
      );
    },
  };
}
