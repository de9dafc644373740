import { ENDED_STATUSES, isOffer, type Reservation } from '../../shared/model';
import type { AnswerKind } from './answers';
import type { AppState } from './types';

/**
 * Selectors return SIDs (compared shallowly) so a list re-renders only when its
 * membership or order changes, not when one card's data changes.
 */

type ById = AppState['reservationsBySid'];

/**
 * A selector computed once per reservations object: the store replaces that
 * object on every change, so a keypress or a countdown tick (which change
 * other state) never re-sorts the list.
 */
function perReservations<T>(compute: (all: Reservation[]) => T): (s: AppState) => T {
  const cache = new WeakMap<ById, T>();
  return (s) => {
    const hit = cache.get(s.reservationsBySid);
    if (hit !== undefined) return hit;
    const value = compute(Object.values(s.reservationsBySid));
    cache.set(s.reservationsBySid, value);
    return value;
  };
}

/** Pending offers, the one with the least time left first. */
export const pendingSids = perReservations((all) =>
  all
    .filter((r) => r.status === 'pending')
    .sort((a, b) => a.expiresAt - b.expiresAt || a.sid.localeCompare(b.sid))
    .map((r) => r.sid),
);

/** Accepted and wrapping tasks, oldest first. */
export const activeSids = perReservations((all) =>
  all
    .filter((r) => r.status === 'accepted' || r.status === 'wrapping')
    .sort((a, b) => a.createdAt - b.createdAt || a.sid.localeCompare(b.sid))
    .map((r) => r.sid),
);

/** How many ended offers the recap keeps on screen. */
export const RECAP_LIMIT = 20;

/** Ended offers, most recent first. */
export const endedSids = perReservations((all) =>
  all
    .filter((r) => ENDED_STATUSES.includes(r.status))
    .sort((a, b) => (b.endedAt ?? b.updatedAt) - (a.endedAt ?? a.updatedAt) || a.sid.localeCompare(b.sid))
    .slice(0, RECAP_LIMIT)
    .map((r) => r.sid),
);

/** Inbox order: pending by time left, then accepted/wrapping, then the recap. */
export const inboxOrder = (s: AppState): string[] => [...pendingSids(s), ...activeSids(s), ...endedSids(s)];

export const pendingCount = (s: AppState): number => pendingSids(s).length;

/** How long after an answer lands a second press of the same key is still a repeat of it. */
export const REPEAT_PRESS_MS = 2_000;

/**
 * What Accept (or Reject) acts on: the selected card if it is a pending offer,
 * otherwise the most urgent pending offer — never an accepted task the agent
 * clicked last, on which accepting would silently do nothing. One exception:
 * the same key pressed while the selected offer's answer is on its way
 * (TaskRouter may already say accepted) or just after it landed is the agent
 * pressing again because the first seemed slow. It stays on that card (the host
 * answers a repeat without sending it twice) instead of accepting or rejecting
 * another offer the agent never chose.
 */
export const offerTargetSid = (s: AppState, press: AnswerKind, now = Date.now()): string | null => {
  const selected = s.selectedSid ? s.reservationsBySid[s.selectedSid] : undefined;
  if (selected && isOffer(selected)) return selected.sid;
  const last = s.lastAnswer;
  const repeat = selected && (s.answering[selected.sid] === press || (last?.sid === selected.sid && last.kind === press && now - last.at < REPEAT_PRESS_MS));
  if (repeat) return selected.sid;
  return pendingSids(s).find((sid) => isOffer(s.reservationsBySid[sid]!)) ?? null;
};

/** What task actions (wrap up, complete) act on: the selected reservation if still actionable, else the most urgent one. */
export const targetSid = (s: AppState): string | null => {
  const selected = s.selectedSid ? s.reservationsBySid[s.selectedSid] : undefined;
  if (selected && (selected.status === 'pending' || selected.status === 'accepted' || selected.status === 'wrapping')) return selected.sid;
  return pendingSids(s)[0] ?? activeSids(s)[0] ?? null;
};

/** The activity an agent returns to after a missed offer: the workspace default if available, else one named Available. */
export const availableActivitySid = (s: AppState): string | null => {
  const byName = s.activities.find((a) => a.available && a.friendlyName.toLowerCase() === 'available');
  const fallback = s.activities.find((a) => a.sid === s.workspace?.defaultActivitySid && a.available) ?? s.activities.find((a) => a.available);
  return (byName ?? fallback)?.sid ?? null;
};
