import { describe, expect, it } from 'vitest';
import type { Reservation } from '../../shared/model';
import { ClockOffset } from './clock-offset';
import { estimateCreatedLocal, normalizeReservation } from './normalize';
import { ReservationStore } from './reservation-store';

describe('ClockOffset', () => {
  it('narrows the offset from 1-second Date headers to well under a second', () => {
    const trueOffset = 2_345; // the server is 2.345 s ahead
    const offset = new ClockOffset();
    for (let local = 1_000_000; local < 1_000_000 + 8 * 137; local += 137) {
      const server = local + trueOffset;
      offset.addDateSample(Math.floor(server / 1000) * 1000, local - 2, local + 2);
    }
    expect(Math.abs(offset.estimate() - trueOffset)).toBeLessThan(150);
  });

  it('drops old samples when the clocks were stepped', () => {
    const offset = new ClockOffset();
    offset.addDateSample(10_000, 10_000, 10_001);
    offset.addDateSample(70_000, 10_100, 10_101); // the server jumped a minute ahead
    expect(offset.estimate()).toBeGreaterThan(59_000);
  });
});

describe('estimateCreatedLocal', () => {
  it('pins a live offer to when it arrived, within its date_created second', () => {
    expect(estimateCreatedLocal(5_000, { offsetMs: 0, firstSeenMs: 5_640, seenLive: true })).toBe(5_640);
    // Arrived late (after its second ended): capped at the end of that second.
    expect(estimateCreatedLocal(5_000, { offsetMs: 0, firstSeenMs: 9_000, seenLive: true })).toBe(5_999);
  });
  it('takes the middle of what is possible for a polled offer', () => {
    expect(estimateCreatedLocal(5_000, { offsetMs: 0, firstSeenMs: 5_400, seenLive: false })).toBe(5_200);
  });
});

const raw = (status: string) => ({ sid: 'WR1', taskSid: 'WT1', workerSid: 'WK1', status, dateCreatedMs: 1_000, dateUpdatedMs: 2_000, timeoutSeconds: 30, task: undefined });
const ctx = { timeoutSeconds: 30, offsetMs: 0, firstSeenMs: 1_500, seenLive: true, now: 3_000 };

describe('normalizeReservation', () => {
  it('reads caller, topic and call from the task attributes and says why it ended', () => {
    const r = normalizeReservation(
      { ...raw('timeout'), task: { sid: 'WT1', assignmentStatus: 'pending', queueSid: null, queueName: 'Support', channel: 'voice', priority: 0, dateCreatedMs: 900, reason: null, workflowSid: null, attributes: { customer_name: 'Ada', caller: '+14155550100', subject: 'refund', call_sid: 'CA1' } } },
      ctx,
    );
    expect(r).toMatchObject({ caller: { name: 'Ada', number: '+14155550100' }, topic: 'refund', callSid: 'CA1', expiresAt: 31_500, endedReason: 'Timed out after 30 s', endedAt: 2_000 });
  });
});

describe('normalizeReservation with bad data', () => {
  it('refuses a status TaskRouter does not document instead of guessing "pending"', () => {
    expect(normalizeReservation(raw('bogus'), ctx)).toBeNull();
    expect(normalizeReservation(raw(''), ctx)).toBeNull();
  });
  it('does not claim the caller hung up when TaskRouter gave no reason', () => {
    expect(normalizeReservation(raw('canceled'), ctx)?.endedReason).toBe('Canceled by TaskRouter');
  });
});

describe('ReservationStore', () => {
  const at = (status: Reservation['status']) => normalizeReservation(raw(status), ctx)!;
  it('keeps only forward moves and numbers them', () => {
    const store = new ReservationStore();
    expect(store.apply(at('pending'))?.version).toBe(1);
    expect(store.apply(at('pending'))).toBeNull();
    expect(store.apply(at('accepted'))?.version).toBe(2);
    expect(store.apply(at('pending'))).toBeNull();
    expect(store.apply(at('completed'))?.version).toBe(3);
    expect(store.apply(at('canceled'))).toBeNull();
    expect(store.pendingCount()).toBe(0);
  });
  it('keeps every active reservation and a capped recap, reporting what it dropped', () => {
    const store = new ReservationStore(3);
    const dropped: string[] = [];
    store.onEvict((sids) => dropped.push(...sids));
    store.apply({ ...at('pending'), sid: 'WRactive' });
    for (let i = 0; i < 10; i++) store.apply({ ...at('completed'), sid: `WRended${i}` });
    expect(store.size()).toBe(4);
    expect(store.active().map((r) => r.sid)).toEqual(['WRactive']);
    expect(dropped).toEqual(['WRended0', 'WRended1', 'WRended2', 'WRended3', 'WRended4', 'WRended5', 'WRended6']);
  });
  it('keeps the first expiry estimate', () => {
    const store = new ReservationStore();
    store.apply(at('pending'));
    const later = store.apply({ ...at('accepted'), expiresAt: 99_999 });
    expect(later?.expiresAt).toBe(31_500);
  });
});

describe('redactTokens', () => {
  it('removes JWTs from text that may be logged', async () => {
    const { redactTokens } = await import('../runtime/redact');
    expect(redactTokens('GET ws://127.0.0.1/x?token=eyJhbGciOi.eyJzdWIiOiJB.c2lnbmF0dXJl&x=1 failed')).toBe('GET ws://127.0.0.1/x?token=[token]&x=1 failed');
  });
});
