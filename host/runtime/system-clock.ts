import type { Clock, Logger } from '../types';

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // Timers of the host must never keep a process alive on their own (tests, CLI exit).
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
