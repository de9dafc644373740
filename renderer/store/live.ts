import { ENDED_STATUSES, type Reservation } from '../../shared/model';
import { activeSids, pendingSids } from './selectors';
import type { AppState } from './types';

/**
 * The desk's view of the reservations: live work (what next/previous walk and
 * what the live zone shows) apart from history (ended, searchable, never mixed in).
 */

/** Live items in the order the live zone shows them: pending offers by time left, then tasks in progress. */
export const liveSids = (s: AppState): string[] => [...pendingSids(s), ...activeSids(s)];

/** How many ended items the history keeps and shows. */
export const HISTORY_LIMIT = 50;

const endedAt = (r: Reservation) => r.endedAt ?? r.updatedAt;

/** What the history search matches: caller, number, topic, queue, channel, status and why it ended. */
const haystack = (r: Reservation): string =>
  [r.caller.name, r.caller.number, r.topic, r.task.queueName, r.task.channel, r.status, r.endedReason].filter(Boolean).join(' ').toLowerCase();

/** Ended items, most recent first, filtered by a search, at most HISTORY_LIMIT. */
export const historySids = (s: AppState, query = ''): string[] => {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return Object.values(s.reservationsBySid)
    .filter((r) => ENDED_STATUSES.includes(r.status))
    .sort((a, b) => endedAt(b) - endedAt(a) || a.sid.localeCompare(b.sid))
    .slice(0, HISTORY_LIMIT)
    .filter((r) => words.length === 0 || words.every((w) => haystack(r).includes(w)))
    .map((r) => r.sid);
};

export const historyCount = (s: AppState): number => Math.min(HISTORY_LIMIT, Object.values(s.reservationsBySid).filter((r) => ENDED_STATUSES.includes(r.status)).length);

/** The item the detail shows: the selected one (live or from history), else the first live item. */
export const detailSid = (s: AppState): string | null => {
  if (s.selectedSid && s.reservationsBySid[s.selectedSid]) return s.selectedSid;
  return liveSids(s)[0] ?? null;
};

/** Offers that timed out after the agent last acknowledged missed offers. */
export const missedCount = (s: AppState): number =>
  Object.values(s.reservationsBySid).filter((r) => r.status === 'timeout' && endedAt(r) > s.missedAcknowledgedAt).length;

/** The latest moment a missed offer ended, which "I'm back" and Dismiss acknowledge. */
export const latestMissedAt = (s: AppState): number =>
  Object.values(s.reservationsBySid).reduce((latest, r) => (r.status === 'timeout' ? Math.max(latest, endedAt(r)) : latest), s.missedAcknowledgedAt);
