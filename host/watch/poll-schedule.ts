/** How long to wait before the next poll. Pure, so the policy is testable on its own. */
export interface PollScheduleInput {
  /** The configured interval while the worker is available (offers can arrive any moment). */
  availableMs: number;
  /** The interval while unavailable: offers cannot arrive, only stray changes. */
  unavailableMs: number;
  available: boolean;
  /** Consecutive failed polls (0 after a success). */
  failures: number;
  /** From a 429's Retry-After, when the last poll was rate limited. */
  retryAfterMs: number | null;
  /** A number in [0, 1). */
  random: number;
}

export const MAX_BACKOFF_MS = 30_000;
/** Jitter spreads many desktops' polls apart; it only shortens the wait (by up to 20%) so the interval stays a promise. */
export const JITTER = 0.2;

export function nextPollDelay(input: PollScheduleInput): number {
  const base = input.available ? input.availableMs : input.unavailableMs;
  const jittered = (ms: number) => Math.round(ms * (1 - JITTER * input.random));
  if (input.retryAfterMs !== null) return Math.min(Math.max(input.retryAfterMs, base), 5 * 60_000);
  if (input.failures > 0) return jittered(Math.min(MAX_BACKOFF_MS, base * 2 ** Math.min(input.failures, 10)));
  return jittered(base);
}
