import { useRef } from 'react';
import type { Worker } from '../../shared/model';

/**
 * When the worker entered the current activity: TaskRouter's own time when the
 * host has it, else the moment this window saw the change.
 */
export function useActivitySince(worker: Worker | null): number | null {
  const seen = useRef<{ sid: string; at: number } | null>(null);
  if (!worker) return null;
  if (seen.current?.sid !== worker.activitySid) seen.current = { sid: worker.activitySid, at: Date.now() };
  return worker.activityChangedAt ?? seen.current.at;
}
