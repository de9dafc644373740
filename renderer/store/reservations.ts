import { ENDED_STATUSES, type Reservation } from '../../shared/model';
import type { SliceCreator } from './types';

/** Ended reservations the store keeps for the recap; active ones are always kept. Memory stays flat over a shift. */
export const KEEP_ENDED = 50;

const isEnded = (r: Reservation) => ENDED_STATUSES.includes(r.status);

/** Drops the oldest ended reservations beyond KEEP_ENDED (a new object only when something goes). */
function prune(bySid: Record<string, Reservation>): Record<string, Reservation> {
  const ended = Object.values(bySid).filter(isEnded);
  if (ended.length <= KEEP_ENDED) return bySid;
  ended.sort((a, b) => (b.endedAt ?? b.updatedAt) - (a.endedAt ?? a.updatedAt));
  const next = { ...bySid };
  for (const r of ended.slice(KEEP_ENDED)) delete next[r.sid];
  return next;
}

export interface ReservationsSlice {
  reservationsBySid: Record<string, Reservation>;
  /** Applies a pushed reservation; stale or duplicate versions are dropped. */
  upsertReservation(reservation: Reservation): void;
  /** Replaces everything (after a snapshot), keeping the newer of two versions of one SID. */
  replaceReservations(reservations: Reservation[]): void;
}

/** True when `incoming` says something newer than what we hold. */
export const isNewer = (current: Reservation | undefined, incoming: Reservation): boolean =>
  !current || incoming.version > current.version || (incoming.version === current.version && incoming.updatedAt > current.updatedAt);

export const createReservationsSlice: SliceCreator<ReservationsSlice> = (set) => ({
  reservationsBySid: {},
  upsertReservation(reservation) {
    set((state) => {
      const current = state.reservationsBySid[reservation.sid];
      if (!isNewer(current, reservation)) return {};
      return { reservationsBySid: prune({ ...state.reservationsBySid, [reservation.sid]: reservation }) };
    });
  },
  replaceReservations(reservations) {
    set((state) => {
      const next: Record<string, Reservation> = {};
      for (const incoming of reservations) {
        const current = state.reservationsBySid[incoming.sid];
        const kept = isNewer(next[incoming.sid] ?? current, incoming) ? incoming : (next[incoming.sid] ?? current!);
        next[incoming.sid] = kept;
      }
      return { reservationsBySid: prune(next) };
    });
  },
});
