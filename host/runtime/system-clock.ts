import type { Clock, Logger } from '../types';

/**
 * The longest delay setTimeout can hold (about 24.8 days). Node runs a longer
 * (or non-finite) delay after 1 ms instead, so a token claiming to expire in
 * years would be refreshed in a tight loop; such a timer fires at this cap instead.
 */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, Number.isFinite(ms) ? Math.min(ms, MAX_TIMER_DELAY_MS) : MAX_TIMER_DELAY_MS);
    // Timers of the host must never keep a process alive on their own (tests, CLI exit).
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
