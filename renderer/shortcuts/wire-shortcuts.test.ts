import { afterEach, describe, expect, it, vi } from 'vitest';
import { createActions } from '../app/actions';
import { createAppStore } from '../store/store';
import { makeReservation, recordingApi } from '../test-support/fixtures';
import { SHORTCUTS } from './defaults';
import { createShortcutRegistry } from './registry';
import { wireShortcuts } from './wire-shortcuts';

function setup(answer?: Parameters<typeof recordingApi>[0]) {
  const timers = new Map<number, () => void>();
  let next = 1;
  const registry = createShortcutRegistry({
    setTimer: (fn) => {
      const id = next++;
      timers.set(id, fn);
      return id;
    },
    clearTimer: (id) => void timers.delete(id as number),
  });
  const store = createAppStore();
  const { api, calls } = recordingApi(answer);
  const unwire = wireShortcuts(registry, store, createActions(api, store));
  const fireTimers = () => [...timers.entries()].forEach(([id, fn]) => (timers.delete(id), fn()));
  const press = (init: KeyboardEventInit) => window.dispatchEvent(new KeyboardEvent('keydown', { ctrlKey: true, shiftKey: true, bubbles: true, ...init }));
  return { registry, store, calls, unwire, fireTimers, press };
}

describe('wired shortcuts', () => {
  it('a hold-to-confirm hang-up is canceled when the window loses focus mid-hold (the key-up goes elsewhere)', () => {
    const { registry, fireTimers, press, unwire } = setup();
    expect(SHORTCUTS.hangUp.holdMs).toBeGreaterThan(0);
    let hungUp = 0;
    registry.handle('hangUp', () => hungUp++);
    press({ key: '!', code: 'Digit1' });
    window.dispatchEvent(new Event('blur'));
    fireTimers();
    expect(hungUp).toBe(0);
    // Held through without losing focus, it still works.
    press({ key: '!', code: 'Digit1' });
    fireTimers();
    expect(hungUp).toBe(1);
    unwire();
  });

  it('Accept acts on the most urgent pending offer when the selected card is an accepted task', () => {
    const { store, calls, press, unwire } = setup();
    const accepted = makeReservation({ status: 'accepted' });
    const offer = makeReservation();
    store.getState().upsertReservation(accepted);
    store.getState().upsertReservation(offer);
    store.getState().select(accepted.sid);
    press({ key: 'A', code: 'KeyA' });
    expect(calls).toEqual([{ method: 'acceptReservation', input: { reservationSid: offer.sid } }]);
    unwire();
  });

  afterEach(() => vi.useRealTimers());

  it('pressing Accept again because the first seemed slow repeats it on the selected card, never accepting another offer', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let land: () => void = () => undefined;
    const chosen = makeReservation({ expiresAt: Date.now() + 20_000 });
    const other = makeReservation({ expiresAt: Date.now() + 5_000 });
    const acceptedChosen = { ...chosen, status: 'accepted' as const, version: chosen.version + 1 };
    // The first accept stays on its way until the test lands it.
    const { store, calls, press, unwire } = setup((method) => (method === 'acceptReservation' && calls.length === 1 ? new Promise((resolve) => (land = () => resolve(acceptedChosen))) : acceptedChosen));
    store.getState().upsertReservation(chosen);
    store.getState().upsertReservation(other);
    store.getState().select(chosen.sid);
    press({ key: 'A', code: 'KeyA' });
    // TaskRouter has accepted it and the host's push says so before the answer to the request comes back.
    store.getState().upsertReservation(acceptedChosen);
    press({ key: 'A', code: 'KeyA' });
    land();
    await vi.waitFor(() => expect(store.getState().answering).toEqual({}));
    // Just after it landed: still a repeat.
    vi.setSystemTime(Date.now() + 1_500);
    press({ key: 'A', code: 'KeyA' });
    expect(calls.map((c) => (c.input as { reservationSid: string }).reservationSid)).toEqual([chosen.sid, chosen.sid, chosen.sid]);
    await vi.waitFor(() => expect(store.getState().answering).toEqual({}));
    // Later, a press is a new decision: the most urgent offer.
    vi.setSystemTime(Date.now() + 2_500);
    press({ key: 'A', code: 'KeyA' });
    expect(calls.at(-1)).toEqual({ method: 'acceptReservation', input: { reservationSid: other.sid } });
    unwire();
  });

  it('another key just after an answer landed is a new decision: Reject right after accepting rejects the most urgent offer', async () => {
    const chosen = makeReservation({ expiresAt: Date.now() + 20_000 });
    const other = makeReservation({ expiresAt: Date.now() + 5_000 });
    const { store, calls, press, unwire } = setup((method) => (method === 'acceptReservation' ? { ...chosen, status: 'accepted', version: chosen.version + 1 } : { ...other, status: 'rejected', version: other.version + 1 }));
    store.getState().upsertReservation(chosen);
    store.getState().upsertReservation(other);
    store.getState().select(chosen.sid);
    press({ key: 'A', code: 'KeyA' });
    await vi.waitFor(() => expect(store.getState().reservationsBySid[chosen.sid]!.status).toBe('accepted'));
    press({ key: 'X', code: 'KeyX' });
    expect(calls.at(-1)).toEqual({ method: 'rejectReservation', input: { reservationSid: other.sid } });
    unwire();
  });
});
