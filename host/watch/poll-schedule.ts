/**
 * When to poll next, and how much to read. Pure, so the policy is testable on
 * its own. The policy keeps a contact center's desktops cheap and out of step:
 *
 * - while available, only pending offers are read at the fast interval (one
 *   request); the worker and the accepted/wrapping reservations are read on a
 *   slower "full read" cadence, sooner while the agent has work in progress;
 * - while unavailable no offer can arrive, so only the slow full read runs;
 * - errors back off exponentially with full jitter, and a 429's Retry-After is
 *   honoured (plus jitter, so every desktop told "retry in 10 s" does not
 *   return in the same millisecond);
 * - a poller started because the live socket dropped begins at a random
 *   offset, so desktops that lost their sockets together never poll in step.
 */
export interface PollScheduleInput {
  /** The fast interval while the worker is available (offers can arrive any moment). */
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
/** The longest Retry-After obeyed; beyond it TaskRouter is more likely wrong than serious. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

export function nextPollDelay(input: PollScheduleInput): number {
  const base = input.available ? input.availableMs : input.unavailableMs;
  if (input.retryAfterMs !== null) {
    const wait = Math.min(Math.max(input.retryAfterMs, base), MAX_RETRY_AFTER_MS);
    return Math.round(wait + base * input.random);
  }
  if (input.failures > 0) {
    // Full jitter (AWS's "Exponential Backoff And Jitter"): anywhere between the interval and the capped exponential.
    const ceiling = Math.min(MAX_BACKOFF_MS, base * 2 ** Math.min(input.failures, 10));
    return Math.round(base + (Math.max(base, ceiling) - base) * input.random);
  }
  return Math.round(base * (1 - JITTER * input.random));
}

/** A first poll somewhere in the first interval: the cure for a thundering herd after a mass disconnect. */
export function randomStartDelay(intervalMs: number, random: number): number {
  return Math.round(intervalMs * random);
}

export interface FullReadInput {
  /** Local time of the last full read (worker + every active reservation), or null before the first. */
  lastFullReadAt: number | null;
  now: number;
  available: boolean;
  /** The agent has accepted or wrapping reservations, whose end TaskRouter may decide on its own. */
  hasWorkInProgress: boolean;
  fullReadIdleMs: number;
  fullReadBusyMs: number;
}

/** Whether this poll reads everything, or only pending offers. */
export function isFullReadDue(input: FullReadInput): boolean {
  if (input.lastFullReadAt === null || !input.available) return true;
  const every = input.hasWorkInProgress ? input.fullReadBusyMs : input.fullReadIdleMs;
  return input.now - input.lastFullReadAt >= every;
}
