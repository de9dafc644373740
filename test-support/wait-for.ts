import { setTimeout as delay } from 'node:timers/promises';

export interface WaitForOptions {
  timeoutMs?: number;
  /** Pause between polls; the wait ends as soon as the condition holds. */
  intervalMs?: number;
  /** Said in the timeout error, so a failure explains what never happened. */
  description?: string;
}

/**
 * Polls `condition` until it returns a truthy value (which is returned) or the deadline
 * passes (then throws with the last value or error seen). Use this instead of sleeping.
 */
export async function waitFor<T>(condition: () => T | Promise<T>, options: WaitForOptions = {}): Promise<NonNullable<T>> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const intervalMs = options.intervalMs ?? 10;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`waitFor timed out after ${timeoutMs} ms: ${options.description ?? 'condition'} (last: ${detail})`);
    }
    await delay(intervalMs);
  }
}
