import { isOffer, type Reservation, type ReservationStatus } from '../../shared/model';

export const STATUS_TEXT: Record<ReservationStatus, string> = {
  pending: 'Offered to you',
  accepted: 'Accepted',
  wrapping: 'Wrapping up',
  rejected: 'Rejected',
  timeout: 'Timed out',
  canceled: 'Canceled',
  rescinded: 'Rescinded',
  completed: 'Completed',
};

/** A pending reservation that its assignment server or an instruction handles says so: it is not "Offered to you". */
const HANDLED_TEXT = { assigning: 'Being assigned', calling: 'Calling you' } as const;

/** The status an agent reads for a reservation (cards and the task detail). */
export const statusText = (r: Pick<Reservation, 'status' | 'assignment'>): string =>
  r.status === 'pending' && !isOffer(r) ? HANDLED_TEXT[r.assignment as keyof typeof HANDLED_TEXT] : STATUS_TEXT[r.status];

export const formatTime = (ms: number): string => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
