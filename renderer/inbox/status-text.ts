import { isOffer, type Reservation, type ReservationStatus } from '../../shared/model';
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

/** A pending reservation that its assignment server or an instruction handles says so: it is not "Offered to you". */
const HANDLED_TEXT: Record<'assigning' | 'calling', MessageId> = { assigning: 'status.assigning', calling: 'status.calling' };

/** The status an agent reads for a reservation (cards and the task detail), as a catalogue message. */
export const statusMessage = (r: Pick<Reservation, 'status' | 'assignment'>): MessageId =>
  r.status === 'pending' && !isOffer(r) ? HANDLED_TEXT[r.assignment === 'calling' ? 'calling' : 'assigning'] : STATUS_TEXT[r.status];
