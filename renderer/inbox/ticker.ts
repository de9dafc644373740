import { useSyncExternalStore } from 'react';

/**
 * One shared timer for every countdown on screen. It only wakes subscribers;
 * each derives its value from `Date.now()` and a timestamp, so a late or
 * skipped tick never makes a countdown wrong, just briefly stale.
 */
const TICK_MS = 250;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => listeners.forEach((l) => l()), TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** Whole seconds left until `expiresAt` (never negative); re-renders only when the number changes. */
export const secondsLeft = (expiresAt: number, now: number): number => Math.max(0, Math.ceil((expiresAt - now) / 1_000));

/**
 * Seconds since `since`, rounded down to a step (a number, or one chosen by the
 * elapsed time) so the view re-renders only as often as its text can change.
 */
export function useSecondsSince(since: number, step: number | ((elapsedSeconds: number) => number)): number {
  return useSyncExternalStore(subscribe, () => {
    const elapsed = Math.max(0, Math.floor((Date.now() - since) / 1_000));
    const stepSeconds = typeof step === 'number' ? step : step(elapsed);
    return elapsed - (elapsed % stepSeconds);
  });
}

/** Whole seconds until `until`, re-rendering only when the number changes (0 once it has passed). */
export function useSecondsUntil(until: number): number {
  return useSyncExternalStore(subscribe, () => secondsLeft(until, Date.now()));
}
