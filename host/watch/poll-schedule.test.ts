import { describe, expect, it } from 'vitest';
import { isFullReadDue, MAX_BACKOFF_MS, nextPollDelay, randomStartDelay } from './poll-schedule';

const base = { availableMs: 1_000, unavailableMs: 5_000, available: true, failures: 0, retryAfterMs: null, random: 0 };

describe('nextPollDelay', () => {
  it('polls faster while available, with jitter that only shortens the interval', () => {
    expect(nextPollDelay(base)).toBe(1_000);
    expect(nextPollDelay({ ...base, random: 0.999 })).toBe(800);
    expect(nextPollDelay({ ...base, available: false })).toBe(5_000);
  });
  it('backs off exponentially with full jitter on errors, capped', () => {
    expect(nextPollDelay({ ...base, failures: 1 })).toBe(1_000);
    expect(nextPollDelay({ ...base, failures: 1, random: 0.999 })).toBe(1_999);
    expect(nextPollDelay({ ...base, failures: 3, random: 0.5 })).toBe(4_500);
    expect(nextPollDelay({ ...base, failures: 40, random: 0.999 })).toBeLessThanOrEqual(MAX_BACKOFF_MS);
    expect(nextPollDelay({ ...base, failures: 40, random: 0.999 })).toBeGreaterThan(MAX_BACKOFF_MS - 100);
  });
  it('spreads retries: two desktops failing together wait different times', () => {
    const delays = [0.1, 0.4, 0.7].map((random) => nextPollDelay({ ...base, failures: 4, random }));
    expect(new Set(delays).size).toBe(3);
  });
  it('honours Retry-After, never polling sooner than asked or than the interval, and jitters after it', () => {
    expect(nextPollDelay({ ...base, failures: 1, retryAfterMs: 7_000 })).toBe(7_000);
    expect(nextPollDelay({ ...base, failures: 1, retryAfterMs: 7_000, random: 0.5 })).toBe(7_500);
    expect(nextPollDelay({ ...base, failures: 1, retryAfterMs: 0 })).toBe(1_000);
  });
});

describe('randomStartDelay', () => {
  it('lands anywhere in the first interval', () => {
    expect(randomStartDelay(2_000, 0)).toBe(0);
    expect(randomStartDelay(2_000, 0.5)).toBe(1_000);
    expect(randomStartDelay(2_000, 0.999)).toBeLessThan(2_000);
  });
});

describe('isFullReadDue', () => {
  const at = { lastFullReadAt: 10_000, now: 10_000, available: true, hasWorkInProgress: false, fullReadIdleMs: 60_000, fullReadBusyMs: 10_000 };
  it('reads everything first, and always while unavailable', () => {
    expect(isFullReadDue({ ...at, lastFullReadAt: null })).toBe(true);
    expect(isFullReadDue({ ...at, available: false })).toBe(true);
  });
  it('reads only pending offers between full reads, which come sooner with work in progress', () => {
    expect(isFullReadDue({ ...at, now: 40_000 })).toBe(false);
    expect(isFullReadDue({ ...at, now: 70_000 })).toBe(true);
    expect(isFullReadDue({ ...at, now: 20_000, hasWorkInProgress: true })).toBe(true);
  });
});
