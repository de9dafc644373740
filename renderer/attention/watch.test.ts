import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../store/store';
import { makeReservation } from '../test-support/fixtures';
import type { Ringtone } from './ringtone';
import { RING_GRACE_MS, watchAttention } from './watch';

function fakeRingtone() {
  const state = { ringing: false, urgent: false };
  const ringtone: Ringtone = {
    get ringing() {
      return state.ringing;
    },
    ring: (urgent) => Object.assign(state, { ringing: true, urgent }),
    stop: () => Object.assign(state, { ringing: false }),
    setDevice: async () => undefined,
  };
  return { ringtone, state };
}

/** Runs the attention pass within the change, so these tests read its effects at once. */
const atOnce = (run: () => void) => {
  run();
  return () => undefined;
};

describe('attention', () => {
  afterEach(() => vi.useRealTimers());

  it('stops ringing for an offer past its expiry even before the host says it ended', () => {
    let now = 1_000_000;
    const store = createAppStore();
    const { ringtone, state } = fakeRingtone();
    const stop = watchAttention({ store, ringtone, notify: null, now: () => now, later: atOnce });
    const offer = makeReservation({ expiresAt: now + 20_000 });
    store.getState().upsertReservation(offer);
    expect(state).toMatchObject({ ringing: true, urgent: false });
    now = offer.expiresAt - 1_000;
    store.getState().select(null);
    store.getState().upsertReservation({ ...offer, version: 2, topic: 'still pending' });
    expect(state).toMatchObject({ ringing: true, urgent: true });
    now = offer.expiresAt + RING_GRACE_MS;
    store.getState().upsertReservation({ ...offer, version: 3, topic: 'the host is silent' });
    expect(state.ringing).toBe(false);
    expect(document.title).toBe('(1) Agent Desktop');
    stop();
  });

  it('neither rings nor announces a reservation its assignment server or an instruction handles; it does once the server leaves it to the agent', () => {
    const store = createAppStore();
    const { ringtone, state } = fakeRingtone();
    const announced: string[] = [];
    const stop = watchAttention({ store, ringtone, notify: (r) => announced.push(r.sid), later: atOnce });
    const calling = makeReservation({ assignment: 'calling' });
    const assigning = makeReservation({ assignment: 'assigning' });
    store.getState().upsertReservation(calling);
    store.getState().upsertReservation(assigning);
    expect(state.ringing).toBe(false);
    expect(announced).toEqual([]);
    store.getState().upsertReservation({ ...assigning, version: assigning.version + 1, assignment: 'offer' });
    expect(state.ringing).toBe(true);
    expect(announced).toEqual([assigning.sid]);
    stop();
  });

  it('announces each offer once, and forgets offers the store no longer holds', () => {
    const store = createAppStore();
    const announced: string[] = [];
    const stop = watchAttention({ store, ringtone: null, notify: (r) => announced.push(r.sid), later: atOnce });
    const a = makeReservation();
    store.getState().upsertReservation(a);
    store.getState().upsertReservation({ ...a, version: 2, topic: 'changed' });
    expect(announced).toEqual([a.sid]);
    store.getState().resetSession(5);
    const b = makeReservation();
    store.getState().upsertReservation(b);
    expect(announced).toEqual([a.sid, b.sid]);
    stop();
  });

  it('runs after the change that caused it, once for a burst of changes, so a new card is drawn first', () => {
    vi.useFakeTimers();
    const store = createAppStore();
    const announced: string[] = [];
    const stop = watchAttention({ store, ringtone: null, notify: (r) => announced.push(r.sid) });
    const titleBefore = document.title;
    const a = makeReservation();
    const b = makeReservation();
    store.getState().upsertReservation(a);
    store.getState().upsertReservation(b);
    expect(announced).toEqual([]);
    expect(document.title).toBe(titleBefore);
    vi.runOnlyPendingTimers();
    expect(announced).toEqual([a.sid, b.sid]);
    expect(document.title).toBe('(2) Agent Desktop');
    // Stopped with a pass pending: the pass never runs.
    store.getState().upsertReservation(makeReservation());
    stop();
    vi.runOnlyPendingTimers();
    expect(announced).toHaveLength(2);
  });
});
