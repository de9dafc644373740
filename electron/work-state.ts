import type { Reservation } from '../shared/model';
import type { WorkState } from './updates/update-policy';

export interface WorkTracker {
  /** Feed every reservationUpdated event; answers true the first time an offer is seen pending. */
  reservationUpdated(reservation: Reservation): boolean;
  /** A new session: nothing of the old one is in progress any more. */
  reset(): void;
  /** The window reports whether the Voice SDK has a call. */
  setInCall(inCall: boolean): void;
  current(): WorkState;
  /** The offer to accept next: the one that expires first. */
  nextOffer(): Reservation | null;
  onChange(listener: () => void): () => void;
}

/**
 * What the agent is doing, as the main process can tell: offers ringing, tasks
 * accepted or in wrap-up (from the host's events), and a call (reported by the
 * window, where the Voice SDK runs). The updater waits on it; the tray names
 * the next offer from it.
 */
export function createWorkTracker(): WorkTracker {
  const pending = new Map<string, Reservation>();
  const active = new Set<string>();
  let inCall = false;
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());

  return {
    reservationUpdated(reservation) {
      const isNew = reservation.status === 'pending' && !pending.has(reservation.sid);
      if (reservation.status === 'pending') pending.set(reservation.sid, reservation);
      else pending.delete(reservation.sid);
      if (reservation.status === 'accepted' || reservation.status === 'wrapping') active.add(reservation.sid);
      else active.delete(reservation.sid);
      changed();
      return isNew;
    },
    reset() {
      pending.clear();
      active.clear();
      changed();
    },
    setInCall(next) {
      if (next === inCall) return;
      inCall = next;
      changed();
    },
    current: () => ({ pendingOffers: pending.size, activeTasks: active.size, inCall }),
    nextOffer() {
      let next: Reservation | null = null;
      for (const offer of pending.values()) if (!next || offer.expiresAt < next.expiresAt) next = offer;
      return next;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
