import twilio from 'twilio';
import type { RawReservation, RawTask, RawWorker, ReservationUpdate, TaskRouterApi, WorkerUpdate } from './api';
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
type WorkerInstance = { sid: string; friendlyName: string; activitySid: string; activityName: string; available: boolean; attributes: string | null };

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
});

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
      return { timeoutActivitySid: ws.timeoutActivitySid ?? null, defaultActivitySid: ws.defaultActivitySid ?? null };
    },
    async listWorkers() {
      const workers = await workspace.workers.list({ pageSize: 1000, limit: 1000 });
      return workers.map((w) => {
        const contact = parseJsonObject(w.attributes).contact_uri;
        return { sid: w.sid, friendlyName: w.friendlyName, contactUri: typeof contact === 'string' ? contact : null };
      });
    },
  };
}
