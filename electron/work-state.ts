import type { CallState } from '../shared/call-state';
import { isOffer, type Reservation } from '../shared/model';
import type { WorkState } from './updates/update-policy';

export interface WorkTracker {
  /** Feed every reservationUpdated event; answers true the first time an offer is seen pending. */
  reservationUpdated(reservation: Reservation): boolean;
  /** A new session: nothing of the old one is in progress any more. */
  reset(): void;
  /** Feed every callUpdated event: a call the host's supervisor has not seen end is a call in progress. */
  callUpdated(call: Pick<CallState, 'id' | 'phase'>): void;
  current(): WorkState;
  /** The offer to accept next: the one that expires first. */
  nextOffer(): Reservation | null;
  onChange(listener: () => void): () => void;
}

/**
 * What the agent is doing, as the main process can tell: offers ringing, tasks
 * accepted or in wrap-up, and calls in progress (all from the host's events;
 * the host's call supervisor also ends a call whose window went away). The updater waits on it; the tray names
 * the next offer from it.
 */
export function createWorkTracker(): WorkTracker {
  const pending = new Map<string, Reservation>();
  const active = new Set<string>();
  const calls = new Set<string>();
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((listener) => listener());

  return {
    reservationUpdated(reservation) {
      // Only an offer the agent can take counts: not one its assignment server or an instruction is handling.
      const isNew = isOffer(reservation) && !pending.has(reservation.sid);
      if (isOffer(reservation)) pending.set(reservation.sid, reservation);
      else pending.delete(reservation.sid);
      if (reservation.status === 'accepted' || reservation.status === 'wrapping') active.add(reservation.sid);
      else active.delete(reservation.sid);
      changed();
      return isNew;
    },
    reset() {
      pending.clear();
      active.clear();
      calls.clear();
      changed();
    },
    callUpdated(call) {
      const was = calls.size > 0;
      if (call.phase === 'ended') calls.delete(call.id);
      else calls.add(call.id);
      if (calls.size > 0 !== was) changed();
    },
    current: () => ({ pendingOffers: pending.size, activeTasks: active.size, inCall: calls.size > 0 }),
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
