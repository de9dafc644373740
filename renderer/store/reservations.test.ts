import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';
import { activeSids, endedSids, inboxOrder, pendingSids, targetSid } from './selectors';
import { makeReservation } from '../test-support/fixtures';

describe('reservations slice', () => {
  it('adds a pushed reservation and applies newer versions', () => {
    const store = createAppStore();
    const r = makeReservation();
    store.getState().upsertReservation(r);
    store.getState().upsertReservation({ ...r, version: 2, status: 'accepted' });
    expect(store.getState().reservationsBySid[r.sid]?.status).toBe('accepted');
  });

  it('drops duplicate and stale events', () => {
    const store = createAppStore();
    const r = makeReservation({ version: 3, status: 'accepted' });
    store.getState().upsertReservation(r);
    const before = store.getState().reservationsBySid;
    store.getState().upsertReservation({ ...r }); // duplicate
    expect(store.getState().reservationsBySid).toBe(before);
    store.getState().upsertReservation({ ...r, version: 2, status: 'pending' }); // stale
    expect(store.getState().reservationsBySid[r.sid]?.status).toBe('accepted');
  });

  it('orders pending by time left, then accepted/wrapping, then ended most recent first', () => {
    const store = createAppStore();
    const now = Date.now();
    const late = makeReservation({ expiresAt: now + 25_000 });
    const soon = makeReservation({ expiresAt: now + 5_000 });
    const accepted = makeReservation({ status: 'accepted' });
    const oldEnd = makeReservation({ status: 'rejected', endedAt: now - 60_000 });
    const newEnd = makeReservation({ status: 'timeout', endedAt: now - 1_000 });
    for (const r of [late, oldEnd, accepted, newEnd, soon]) store.getState().upsertReservation(r);
    const s = store.getState();
    expect(pendingSids(s)).toEqual([soon.sid, late.sid]);
    expect(activeSids(s)).toEqual([accepted.sid]);
    expect(endedSids(s)).toEqual([newEnd.sid, oldEnd.sid]);
    expect(inboxOrder(s)).toEqual([soon.sid, late.sid, accepted.sid, newEnd.sid, oldEnd.sid]);
  });

  it('targets the selected offer, else the most urgent', () => {
    const store = createAppStore();
    const a = makeReservation({ expiresAt: Date.now() + 20_000 });
    const b = makeReservation({ expiresAt: Date.now() + 3_000 });
    store.getState().upsertReservation(a);
    store.getState().upsertReservation(b);
    expect(targetSid(store.getState())).toBe(b.sid);
    store.getState().select(a.sid);
    expect(targetSid(store.getState())).toBe(a.sid);
    store.getState().upsertReservation({ ...a, version: 2, status: 'rejected' });
    expect(targetSid(store.getState())).toBe(b.sid);
  });

  it('keeps the newer copy when a snapshot is older than a pushed event', () => {
    const store = createAppStore();
    const r = makeReservation({ version: 5, status: 'accepted' });
    store.getState().upsertReservation(r);
    const other = makeReservation();
    store.getState().replaceReservations([{ ...r, version: 4, status: 'pending' }, other]);
    expect(store.getState().reservationsBySid[r.sid]?.status).toBe('accepted');
    expect(Object.keys(store.getState().reservationsBySid).sort()).toEqual([r.sid, other.sid].sort());
  });
});
