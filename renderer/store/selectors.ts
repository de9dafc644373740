import { ENDED_STATUSES, type Reservation } from '../../shared/model';
import type { AppState } from './types';

/**
 * Selectors return SIDs (compared shallowly) so a list re-renders only when its
 * membership or order changes, not when one card's data changes.
 */

const all = (s: AppState): Reservation[] => Object.values(s.reservationsBySid);

/** Pending offers, the one with the least time left first. */
export const pendingSids = (s: AppState): string[] =>
  all(s)
    .filter((r) => r.status === 'pending')
    .sort((a, b) => a.expiresAt - b.expiresAt || a.sid.localeCompare(b.sid))
    .map((r) => r.sid);

/** Accepted and wrapping tasks, oldest first. */
export const activeSids = (s: AppState): string[] =>
  all(s)
    .filter((r) => r.status === 'accepted' || r.status === 'wrapping')
    .sort((a, b) => a.createdAt - b.createdAt || a.sid.localeCompare(b.sid))
    .map((r) => r.sid);

/** How many ended offers the recap keeps on screen. */
export const RECAP_LIMIT = 20;

/** Ended offers, most recent first. */
export const endedSids = (s: AppState): string[] =>
  all(s)
    .filter((r) => ENDED_STATUSES.includes(r.status))
    .sort((a, b) => (b.endedAt ?? b.updatedAt) - (a.endedAt ?? a.updatedAt) || a.sid.localeCompare(b.sid))
    .slice(0, RECAP_LIMIT)
    .map((r) => r.sid);

/** Inbox order: pending by time left, then accepted/wrapping, then the recap. */
export const inboxOrder = (s: AppState): string[] => [...pendingSids(s), ...activeSids(s), ...endedSids(s)];

export const pendingCount = (s: AppState): number => all(s).filter((r) => r.status === 'pending').length;

/** What keyboard actions act on: the selected reservation if still actionable, else the most urgent pending offer. */
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
