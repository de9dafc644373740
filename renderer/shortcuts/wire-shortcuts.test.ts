import { describe, expect, it } from 'vitest';
import { createActions } from '../app/actions';
import { createAppStore } from '../store/store';
import { makeReservation, recordingApi } from '../test-support/fixtures';
import { SHORTCUTS } from './defaults';
import { createShortcutRegistry } from './registry';
import { wireShortcuts } from './wire-shortcuts';

function setup() {
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
  const { api, calls } = recordingApi();
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
});
