import type { ReservationStatus } from '../../shared/model';
import type { MessageId } from '../i18n/i18n';

/** A reservation's status as the agent reads it. */
export const STATUS_TEXT: Record<ReservationStatus, MessageId> = {
  pending: 'status.pending',
  accepted: 'status.accepted',
  wrapping: 'status.wrapping',
  rejected: 'status.rejected',
  timeout: 'status.timeout',
  canceled: 'status.canceled',
  rescinded: 'status.rescinded',
  completed: 'status.completed',
};
