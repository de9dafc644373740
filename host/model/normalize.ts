import { ENDED_STATUSES, RESERVATION_STATUSES, type Reservation, type ReservationStatus, type TaskSummary } from '../../shared/model';
import type { RawReservation, RawTask } from '../twilio/api';

const TASK_STATUSES = ['pending', 'reserved', 'assigned', 'canceled', 'completed', 'wrapping'] as const;

export interface NormalizeContext {
  timeoutSeconds: number;
  /** Server clock − local clock, ms. */
  offsetMs: number;
  /** When this host first saw the reservation, local clock. */
  firstSeenMs: number;
  /**
   * True when the reservation reached us as it was created (a subscribe
   * event): then its true creation is within milliseconds before firstSeenMs,
   * which is more precise than its 1-second `date_created`.
   */
  seenLive: boolean;
  now: number;
}

const pick = (attributes: Record<string, unknown>, keys: string[]): string | null => {
  for (const key of keys) {
    const value = attributes[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number') return String(value);
  }
  return null;
};

/** A status this app knows, or null: an unknown one must never be guessed into an offer. */
export const knownStatus = (status: string): ReservationStatus | null => ((RESERVATION_STATUSES as readonly string[]).includes(status) ? (status as ReservationStatus) : null);

/**
 * When the reservation was created on the local clock. `date_created` has a
 * 1-second resolution, so the true moment lies in [C, C+1000) server time,
 * i.e. [C − offset, C + 1000 − offset) local, and never after we first saw it.
 * A live event pins it to just before the moment we saw it; otherwise we take
 * the middle of what is possible.
 */
export function estimateCreatedLocal(dateCreatedServerMs: number, ctx: Pick<NormalizeContext, 'offsetMs' | 'firstSeenMs' | 'seenLive'>): number {
  const earliest = dateCreatedServerMs - ctx.offsetMs;
  const latest = Math.min(dateCreatedServerMs + 999 - ctx.offsetMs, ctx.firstSeenMs);
  if (latest <= earliest) return ctx.seenLive ? Math.min(ctx.firstSeenMs, earliest + 999) : earliest;
  return ctx.seenLive ? latest : (earliest + latest) / 2;
}

export function endedReason(status: ReservationStatus, timeoutSeconds: number, task: RawTask | undefined): string | null {
  switch (status) {
    case 'timeout':
      return `Timed out after ${timeoutSeconds} s`;
    case 'rescinded':
      return 'Taken by another agent';
    case 'canceled':
      // TaskRouter's reason when it gives one; otherwise say only what is known.
      return task?.reason ? `Canceled: ${task.reason}` : 'Canceled by TaskRouter';
    case 'rejected':
      return 'Rejected';
    case 'completed':
      return 'Completed';
    default:
      return null;
  }
}

function taskSummary(task: RawTask | undefined, taskSid: string, offsetMs: number): TaskSummary {
  const status = task && (TASK_STATUSES as readonly string[]).includes(task.assignmentStatus) ? (task.assignmentStatus as TaskSummary['status']) : 'reserved';
  return {
    sid: task?.sid ?? taskSid,
    status,
    queueSid: task?.queueSid ?? null,
    queueName: task?.queueName ?? null,
    channel: task?.channel ?? 'default',
    priority: task?.priority ?? 0,
    createdAt: task ? task.dateCreatedMs - offsetMs : 0,
    reason: task?.reason ?? null,
    attributes: task?.attributes ?? {},
  };
}

/**
 * One normalized reservation for the UI, whichever source it came from
 * (`version` is assigned by the store), or null when its status is not one
 * TaskRouter documents: bad data must not become a ringing offer.
 */
export function normalizeReservation(raw: RawReservation, ctx: NormalizeContext): Omit<Reservation, 'version'> | null {
  const status = knownStatus(raw.status);
  if (!status) return null;
  const attributes = raw.task?.attributes ?? {};
  const createdAt = estimateCreatedLocal(raw.dateCreatedMs, ctx);
  const ended = ENDED_STATUSES.includes(status);
  const updatedAt = raw.dateUpdatedMs ? raw.dateUpdatedMs - ctx.offsetMs : ctx.now;
  return {
    sid: raw.sid,
    taskSid: raw.taskSid,
    workerSid: raw.workerSid,
    status,
    createdAt,
    updatedAt,
    expiresAt: createdAt + ctx.timeoutSeconds * 1000,
    timeoutSeconds: ctx.timeoutSeconds,
    task: taskSummary(raw.task, raw.taskSid, ctx.offsetMs),
    caller: {
      name: pick(attributes, ['caller_name', 'customer_name', 'name']),
      number: pick(attributes, ['from', 'caller', 'phone']),
    },
    topic: pick(attributes, ['reason', 'topic', 'subject']),
    callSid: pick(attributes, ['call_sid']),
    endedAt: ended ? Math.min(updatedAt, ctx.now) : null,
    endedReason: endedReason(status, ctx.timeoutSeconds, raw.task),
  };
}
