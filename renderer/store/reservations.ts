import type { Reservation } from '../../shared/model';
import type { SliceCreator } from './types';

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
      return { reservationsBySid: { ...state.reservationsBySid, [reservation.sid]: reservation } };
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
      return { reservationsBySid: next };
    });
  },
});
