import type { ReservationStatus } from '../../shared/model';
import { err, type AppError } from '../../shared/result';

/**
 * Why an action on a reservation failed, from the state TaskRouter reports
 * when we re-read it after the refusal: the code the UI branches on.
 */
export function failureFromStatus(status: ReservationStatus, action: string, taskReason: string | null = null): AppError | null {
  switch (status) {
    case 'timeout':
      return err('reservation_expired', `Too late to ${action}: the offer timed out.`, { params: { action } }).error;
    case 'rescinded':
      return err('reservation_rescinded', `Too late to ${action}: another agent took this task.`, { params: { action } }).error;
    case 'canceled':
      // Say what TaskRouter said, and only that: "the caller hung up" only when it did.
      return err(
        'reservation_canceled',
        `Too late to ${action}: the task was canceled${taskReason ? ` (${taskReason.slice(0, 200)})` : ''}.`,
        taskReason ? { reason: 'canceled_because', params: { action, taskReason: taskReason.slice(0, 200) } } : { params: { action } },
      ).error;
    case 'rejected':
    case 'completed':
      return err('reservation_not_pending', `Cannot ${action}: the reservation is already ${status}.`, { reason: 'already_ended', params: { action, status } }).error;
    default:
      return null;
  }
}

/** Statuses from which each action is allowed. */
export const ALLOWED_FROM: Record<string, readonly ReservationStatus[]> = {
  accept: ['pending'],
  reject: ['pending'],
  instruct: ['pending'],
  wrap: ['accepted'],
  complete: ['accepted', 'wrapping'],
};

/** The re-read state explains the refusal: an ended state, or a live state the action does not apply to. */
export function explainRefusal(status: ReservationStatus, action: string, allowed: readonly ReservationStatus[], taskReason: string | null = null): AppError | null {
  const ended = failureFromStatus(status, action, taskReason);
  if (ended) return ended;
  if (!allowed.includes(status)) return err('reservation_not_pending', `Cannot ${action}: the reservation is ${status}.`, { reason: 'wrong_status', params: { action, status } }).error;
  return null;
}
