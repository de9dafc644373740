import { describe, expect, it } from 'vitest';
import { MAX_BACKOFF_MS, nextPollDelay } from './poll-schedule';

const base = { availableMs: 1_000, unavailableMs: 5_000, available: true, failures: 0, retryAfterMs: null, random: 0 };

describe('nextPollDelay', () => {
  it('polls faster while available, with jitter that only shortens the interval', () => {
    expect(nextPollDelay(base)).toBe(1_000);
    expect(nextPollDelay({ ...base, random: 0.999 })).toBe(800);
    expect(nextPollDelay({ ...base, available: false })).toBe(5_000);
  });
  it('backs off exponentially on errors, capped', () => {
    expect(nextPollDelay({ ...base, failures: 1 })).toBe(2_000);
    expect(nextPollDelay({ ...base, failures: 3 })).toBe(8_000);
    expect(nextPollDelay({ ...base, failures: 40 })).toBe(MAX_BACKOFF_MS);
  });
  it('honours Retry-After, never polling sooner than the interval', () => {
    expect(nextPollDelay({ ...base, failures: 1, retryAfterMs: 7_000 })).toBe(7_000);
    expect(nextPollDelay({ ...base, failures: 1, retryAfterMs: 0 })).toBe(1_000);
  });
});
