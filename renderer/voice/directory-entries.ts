import type { Directory } from '../../shared/contract';
import { activityName } from '../activity/activity-name';
import type { Translate } from '../i18n/react';

/** One choice of the directory: a colleague (with their activity) or a queue. */
export interface DirectoryEntry {
  key: string;
  kind: 'worker' | 'queue';
  sid: string;
  name: string;
  /** A colleague's `client:` contact, for adding them or calling them. */
  contactUri: string | null;
  detail: string;
  available: boolean;
}

export function directoryEntries(directory: Directory, include: { workers: boolean; queues: boolean }, t: Translate): DirectoryEntry[] {
  const workers = include.workers
    ? directory.workers.map((w) => ({ key: w.sid, kind: 'worker' as const, sid: w.sid, name: w.friendlyName, contactUri: w.contactUri, detail: w.available ? activityName(w.activityName, t) : t('directory.unavailable', { activity: activityName(w.activityName, t) }), available: w.available }))
    : [];
  const queues = include.queues ? directory.queues.map((q) => ({ key: q.sid, kind: 'queue' as const, sid: q.sid, name: q.friendlyName, contactUri: null, detail: t('directory.queue'), available: true })) : [];
  // Available colleagues first, then the rest, then queues; each by name.
  return [...workers.sort((a, b) => Number(b.available) - Number(a.available) || a.name.localeCompare(b.name)), ...queues.sort((a, b) => a.name.localeCompare(b.name))];
}
