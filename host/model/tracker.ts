import type { Reservation } from '../../shared/model';
import type { RawReservation, RawTask, TaskRouterApi } from '../twilio/api';
import type { ClockOffset } from './clock-offset';
import { ENDED_STATUSES, GONE_REASON } from '../../shared/model';
import { ASSIGNMENT_WAIT_MS } from './assignment-watch';
import { knownStatus, normalizeReservation } from './normalize';
import type { ReservationStore } from './reservation-store';

/** TaskRouter's default when a workflow's timeout cannot be read. */
const DEFAULT_TIMEOUT_SECONDS = 120;

export interface TrackerDeps {
  store: ReservationStore;
  offset: ClockOffset;
  now: () => number;
  /** For what a source did not carry (the task, the workflow's timeout); null when no REST access (token URL mode). */
  api: () => TaskRouterApi | null;
  emit: (reservation: Reservation) => void;
  onError: (error: unknown) => void;
  /** A reservation TaskRouter sent with a status it does not document; it is ignored. */
  onUnknownStatus?: (sid: string, status: string) => void;
}

/** What an agent reads when TaskRouter no longer knows a reservation (its task was deleted, or it aged out). */
export { GONE_REASON };

export interface Sighting {
  /** Arrived as it happened (a subscribe event), not from a list or re-read. */
  live: boolean;
}

/**
 * Turns raw reservations from any source into normalized store updates:
 * completes them with the task and the workflow timeout when the source did
 * not carry them (cached), and handles one reservation at a time in arrival
 * order so a slow lookup never lets an older state overtake a newer one.
 * Complete sightings (SDK events carry everything) are applied synchronously.
 */
export class ReservationTracker {
  private readonly tasks = new Map<string, { task: RawTask; forStatus: string }>();
  private readonly workflowTimeouts = new Map<string, number>();
  /** Per workflow: does it have an assignment callback (read once; false when it cannot be read)? */
  private readonly workflowCallbacks = new Map<string, boolean>();
  private readonly reservationTimeouts = new Map<string, number>();
  private readonly firstSeen = new Map<string, { at: number; live: boolean }>();
  private readonly queues = new Map<string, Promise<void>>();
  /** Bumped by reset(): an observation that began before it is dropped, so nothing of an old session lands in the new one. */
  private epoch = 0;

  constructor(private readonly deps: TrackerDeps) {}

  observe(raw: RawReservation, sighting: Sighting): Promise<void> {
    const epoch = this.epoch;
    const queued = this.queues.get(raw.sid);
    if (!queued && this.isComplete(raw)) {
      this.apply(raw, sighting);
      return Promise.resolve();
    }
    const next = (queued ?? Promise.resolve())
      .then(() => this.complete(raw))
      .then((full) => {
        if (epoch === this.epoch) this.apply(full, sighting);
      })
      .catch((e: unknown) => this.deps.onError(e))
      .finally(() => {
        if (this.queues.get(raw.sid) === next) this.queues.delete(raw.sid);
      });
    this.queues.set(raw.sid, next);
    return next;
  }

  /**
   * TaskRouter answered 404 for a reservation we hold: it is gone for good
   * (its task was deleted). Ended means ended: it is settled as canceled, so it
   * stops ringing and no longer counts as work in progress.
   */
  gone(sid: string): void {
    const current = this.deps.store.get(sid);
    if (!current || ENDED_STATUSES.includes(current.status)) return;
    const now = this.deps.now();
    const stored = this.deps.store.apply({
      ...current,
      status: 'canceled',
      updatedAt: now,
      endedAt: now,
      endedReason: GONE_REASON,
      task: { ...current.task, status: 'canceled' },
    });
    if (stored) this.deps.emit(stored);
  }

  /** Forget everything (new connection, other worker); observations still in flight are dropped. */
  reset(): void {
    this.epoch++;
    this.tasks.clear();
    this.workflowTimeouts.clear();
    this.workflowCallbacks.clear();
    this.reservationTimeouts.clear();
    this.firstSeen.clear();
    this.queues.clear();
  }

  /** Forget what was kept for reservations the store no longer holds (bounded memory over a shift). */
  forget(reservationSids: readonly string[]): void {
    for (const sid of reservationSids) {
      this.firstSeen.delete(sid);
      this.reservationTimeouts.delete(sid);
    }
    const taskSids = new Set(this.deps.store.all().map((r) => r.taskSid));
    for (const taskSid of this.tasks.keys()) if (!taskSids.has(taskSid)) this.tasks.delete(taskSid);
  }

  /** How many entries the caches hold, for tests and diagnostics. */
  size(): { tasks: number; firstSeen: number; reservationTimeouts: number; queues: number } {
    return { tasks: this.tasks.size, firstSeen: this.firstSeen.size, reservationTimeouts: this.reservationTimeouts.size, queues: this.queues.size };
  }

  private isComplete(raw: RawReservation): boolean {
    return raw.task !== undefined && (raw.timeoutSeconds !== undefined || this.reservationTimeouts.has(raw.sid)) && this.callbackKnown(raw, raw.task);
  }

  /**
   * A new offer is shown only once we know whether its workflow has an assignment callback (one
   * request per workflow, cached): otherwise it could show as an offer for the moment a server
   * needs to answer it with an instruction.
   */
  private callbackKnown(raw: RawReservation, task: RawTask | undefined): boolean {
    return raw.status !== 'pending' || this.firstSeen.has(raw.sid) || !task?.workflowSid || this.deps.api() === null || this.workflowCallbacks.has(task.workflowSid);
  }

  private async complete(raw: RawReservation): Promise<RawReservation> {
    const api = this.deps.api();
    let task = raw.task;
    if (!task) {
      const cached = this.tasks.get(raw.taskSid);
      // Re-read the task only when it matters: unknown, or newly canceled (the task carries the reason).
      const stale = !cached || (raw.status === 'canceled' && cached.forStatus !== 'canceled');
      if (!stale) task = withReservationStatus(cached.task, raw.status);
      else if (api) task = await api.fetchTask(raw.taskSid).catch(() => cached?.task);
      else task = cached?.task;
    }
    if (task) this.tasks.set(raw.taskSid, { task, forStatus: raw.status });
    let timeoutSeconds = raw.timeoutSeconds ?? this.reservationTimeouts.get(raw.sid);
    if (timeoutSeconds === undefined && task?.workflowSid) {
      timeoutSeconds = this.workflowTimeouts.get(task.workflowSid);
      if (timeoutSeconds === undefined && api) {
        timeoutSeconds = await api.fetchWorkflowTimeout(task.workflowSid).catch(() => undefined);
        if (timeoutSeconds !== undefined) this.workflowTimeouts.set(task.workflowSid, timeoutSeconds);
      }
    }
    if (task?.workflowSid && api && !this.callbackKnown(raw, task)) {
      const has = await api.fetchWorkflowHasAssignmentCallback(task.workflowSid).catch(() => false);
      this.workflowCallbacks.set(task.workflowSid, has);
    }
    return { ...raw, task, timeoutSeconds: timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS };
  }

  private apply(raw: RawReservation, sighting: Sighting): void {
    const now = this.deps.now();
    if (!knownStatus(raw.status)) {
      this.deps.onUnknownStatus?.(raw.sid, raw.status);
      return;
    }
    if (raw.timeoutSeconds !== undefined) this.reservationTimeouts.set(raw.sid, raw.timeoutSeconds);
    if (raw.task) this.tasks.set(raw.taskSid, { task: raw.task, forStatus: raw.status });
    let first = this.firstSeen.get(raw.sid);
    const firstSighting = !first;
    if (!first) {
      // Only an offer seen pending as it was created pins its creation time to our receive time.
      first = { at: now, live: sighting.live && raw.status === 'pending' };
      this.firstSeen.set(raw.sid, first);
      if (raw.dateCreatedMs) this.deps.offset.addCreatedBefore(raw.dateCreatedMs, now);
    }
    const normalized = normalizeReservation(raw, {
      timeoutSeconds: raw.timeoutSeconds ?? this.reservationTimeouts.get(raw.sid) ?? DEFAULT_TIMEOUT_SECONDS,
      offsetMs: this.deps.offset.estimate(),
      firstSeenMs: first.at,
      seenLive: first.live,
      now,
    });
    if (!normalized) return;
    // A new offer of a workflow with an assignment callback: its server may still answer it with an instruction.
    const workflowSid = raw.task?.workflowSid;
    if (firstSighting && normalized.status === 'pending' && workflowSid && this.workflowCallbacks.get(workflowSid) && now - normalized.createdAt < ASSIGNMENT_WAIT_MS) {
      normalized.assignment = 'assigning';
    }
    const stored = this.deps.store.apply(normalized);
    if (stored) this.deps.emit(stored);
  }
}

/** The task's assignment status implied by one of its reservations' status, to avoid a re-read per change. */
function withReservationStatus(task: RawTask, reservationStatus: string): RawTask {
  const implied: Record<string, string> = { accepted: 'assigned', wrapping: 'wrapping', completed: 'completed' };
  const status = implied[reservationStatus];
  return status ? { ...task, assignmentStatus: status } : task;
}
