import type { Worker } from '../../shared/model';
import { useSelect } from '../app/context';

/**
 * When the worker entered the current activity: TaskRouter's own time when the
 * host has it, else the moment this window saw the change (app/desk-watch.ts).
 */
export function useActivitySince(worker: Worker | null): number | null {
  const seen = useSelect((s) => (s.activitySeen && s.activitySeen.sid === worker?.activitySid ? s.activitySeen.at : null));
  if (!worker) return null;
  return worker.activityChangedAt ?? seen;
}
