import type { ReservationStatus } from '../../shared/model';

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

export const formatTime = (ms: number): string => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
