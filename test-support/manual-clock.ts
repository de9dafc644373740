/**
 * A clock whose time moves only when a test says so, with the
 * `now`/`setTimeout`/`clearTimeout` trio the host's watchers take. Due timers
 * run in time order; one cleared by an earlier timer does not run.
 */
export function manualClock(start = 0) {
  let now = start;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  /** Removes and returns the earliest timer due by now, if any. */
  const takeDue = (): (() => void) | null => {
    let due: [number, { at: number; fn: () => void }] | null = null;
    for (const entry of timers) if (entry[1].at <= now && (!due || entry[1].at < due[1].at)) due = entry;
    if (!due) return null;
    timers.delete(due[0]);
    return due[1].fn;
  };
  return {
    now: () => now,
    setTimeout: (fn: () => void, ms: number) => {
      const id = next++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id: unknown) => void timers.delete(id as number),
    /** Moves time on and runs every timer now due, synchronously. */
    advance(ms: number): void {
      now += ms;
      for (let fn = takeDue(); fn; fn = takeDue()) fn();
    },
    /** The same, yielding to the event loop after each timer and at the end, so work a timer starts can settle. */
    async settle(ms: number): Promise<void> {
      now += ms;
      for (let fn = takeDue(); fn; fn = takeDue()) {
        fn();
        await new Promise((resolve) => setImmediate(resolve));
      }
      await new Promise((resolve) => setImmediate(resolve));
    },
    pending: () => timers.size,
  };
}
