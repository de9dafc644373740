import { describe, expect, it } from 'vitest';
import type { Reservation } from '../../shared/model';
import { EXPIRY_GRACE_MS, ExpiryWatch } from './expiry-watch';
import { manualClock } from '../../test-support/manual-clock';

const offer = (status: Reservation['status'], expiresAt = 30_000) => ({ sid: 'WR1', status, expiresAt }) as Reservation;

describe('ExpiryWatch', () => {
  it('re-reads an offer that is still pending a moment after it should have expired', async () => {
    const clock = manualClock();
    const rechecked: number[] = [];
    const watch = new ExpiryWatch({ clock, recheck: async () => void rechecked.push(clock.now()) });
    watch.update(offer('pending'));
    await clock.settle(30_000 + EXPIRY_GRACE_MS - 1);
    expect(rechecked).toEqual([]);
    await clock.settle(1);
    expect(rechecked).toEqual([30_000 + EXPIRY_GRACE_MS]);
    // Still pending (nothing settled it): asked again later, backing off.
    await clock.settle(5_000);
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
    await clock.settle(120_000);
    expect(rechecks).toBe(0);
    expect(watch.size).toBe(0);
  });
});
