import { describe, expect, it } from 'vitest';
import type { Reservation } from '../../shared/model';
import { EXPIRY_GRACE_MS, ExpiryWatch } from './expiry-watch';

function manualClock() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  return {
    now: () => now,
    setTimeout: (fn: () => void, ms: number) => {
      const id = next++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id: unknown) => void timers.delete(id as number),
    async advance(ms: number) {
      now += ms;
      for (const [id, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at > now || !timers.has(id)) continue;
        timers.delete(id);
        t.fn();
        await new Promise((r) => setImmediate(r));
      }
    },
    pending: () => timers.size,
  };
}

const offer = (status: Reservation['status'], expiresAt = 30_000) => ({ sid: 'WR1', status, expiresAt }) as Reservation;

describe('ExpiryWatch', () => {
  it('re-reads an offer that is still pending a moment after it should have expired', async () => {
    const clock = manualClock();
    const rechecked: number[] = [];
    const watch = new ExpiryWatch({ clock, recheck: async () => void rechecked.push(clock.now()) });
    watch.update(offer('pending'));
    await clock.advance(30_000 + EXPIRY_GRACE_MS - 1);
    expect(rechecked).toEqual([]);
    await clock.advance(1);
    expect(rechecked).toEqual([30_000 + EXPIRY_GRACE_MS]);
    // Still pending (nothing settled it): asked again later, backing off.
    await clock.advance(5_000);
    expect(rechecked).toHaveLength(2);
  });

  it('drops the timer once the offer is no longer pending, and holds none after clear()', async () => {
    const clock = manualClock();
    let rechecks = 0;
    const watch = new ExpiryWatch({ clock, recheck: async () => void rechecks++ });
    watch.update(offer('pending'));
    watch.update(offer('accepted'));
    expect(clock.pending()).toBe(0);
    watch.update({ ...offer('pending'), sid: 'WR2' } as Reservation);
    watch.clear();
    await clock.advance(120_000);
    expect(rechecks).toBe(0);
    expect(watch.size).toBe(0);
  });
});
