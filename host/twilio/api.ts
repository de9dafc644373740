import type { Activity, WorkerSummary } from '../../shared/model';

/**
 * What the host needs from TaskRouter, independent of the library that talks
 * to it. Dates are the server's, epoch ms. Methods throw; callers map the
 * error with toAppError.
 */
export interface RawTask {
  sid: string;
  assignmentStatus: string;
  queueSid: string | null;
  queueName: string | null;
  channel: string;
  priority: number;
  dateCreatedMs: number;
  reason: string | null;
  attributes: Record<string, unknown>;
  workflowSid: string | null;
}

export interface RawReservation {
  sid: string;
  taskSid: string;
  workerSid: string;
  status: string;
  dateCreatedMs: number;
  dateUpdatedMs: number;
  /** The SDK payload carries it; the REST resource does not (then the workflow's timeout is used). */
  timeoutSeconds?: number;
  task?: RawTask;
}

export interface RawWorker {
  sid: string;
  friendlyName: string;
  activitySid: string;
  activityName: string;
  available: boolean;
  attributes: Record<string, unknown>;
  /** When the worker entered its current activity (server clock, epoch ms), when the source says. */
  dateStatusChangedMs?: number;
}

/** A task with the version TaskRouter's `If-Match` compares (the ETag of its resource). */
export interface VersionedTask {
  task: RawTask;
  version: string;
}

/** The worker's cumulative statistics, as far as the desk uses them. */
export interface WorkerStatistics {
  reservationsAccepted: number;
  activityDurations: Array<{ name: string; totalSeconds: number }>;
}

export interface WorkspaceFacts {
  sid: string | null;
  timeoutActivitySid: string | null;
  defaultActivitySid: string | null;
}

/** twilio-node's reservation update options (camelCase; twilio-node sends them as PascalCase form fields). */
export type ReservationUpdate = Record<string, string | number | boolean | string[] | undefined>;

export interface WorkerUpdate {
  activitySid?: string;
  attributes?: string;
  rejectPendingReservations?: boolean;
}

export interface TaskRouterApi {
  /** The worker's pending, accepted and wrapping reservations. */
  listActiveReservations(): Promise<RawReservation[]>;
  /** Only the pending ones: the cheap read a poll makes most often (one request). */
  listPendingReservations(): Promise<RawReservation[]>;
  fetchReservation(sid: string): Promise<RawReservation>;
  updateReservation(sid: string, update: ReservationUpdate): Promise<RawReservation>;
  fetchTask(sid: string): Promise<RawTask>;
  /** The workflow's TaskReservationTimeout, seconds. */
  fetchWorkflowTimeout(workflowSid: string): Promise<number>;
  /** Whether the workflow has an AssignmentCallbackUrl: a server of the contact center may answer its reservations with an instruction. */
  fetchWorkflowHasAssignmentCallback(workflowSid: string): Promise<boolean>;
  fetchWorker(): Promise<RawWorker>;
  updateWorker(update: WorkerUpdate): Promise<RawWorker>;
  listActivities(): Promise<Activity[]>;
  fetchWorkspace(): Promise<WorkspaceFacts>;
  listWorkers(): Promise<WorkerSummary[]>;
  /** Closes the connections it keeps alive; called when its session ends. */
  close(): void;
  /** The task and its current version, for an update guarded by If-Match. */
  fetchVersionedTask(sid: string): Promise<VersionedTask>;
  /** Replaces the task's attributes if it is still at `version` (HTTP 412 otherwise). */
  updateTaskAttributes(sid: string, attributes: Record<string, unknown>, version: string): Promise<RawTask>;
  /** Tasks whose attributes match a TaskRouter expression, newest first, at most `limit`. */
  listTasksMatching(expression: string, limit: number): Promise<RawTask[]>;
  /** The worker's cumulative statistics since `since` (epoch ms). */
  fetchWorkerStatistics(since: number): Promise<WorkerStatistics>;
  /** The task queues this worker is eligible for, with how many tasks wait in each. */
  fetchWorkerQueues(): Promise<Array<{ name: string; waiting: number }>>;
}
