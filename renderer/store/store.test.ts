import { describe, expect, it, vi } from 'vitest';
import { makeReservation } from '../test-support/fixtures';
import { createAppStore } from './store';

/** Every subscriber (each card's selectors, the watchers) runs on a notification: a no-op must not send one. */
describe('store notifications', () => {
  it('does not notify for a stale or duplicate reservation event', () => {
    const store = createAppStore();
    const r = makeReservation({ version: 3 });
    store.getState().upsertReservation(r);
    const listener = vi.fn();
    store.subscribe(listener);
    store.getState().upsertReservation({ ...r });
    store.getState().upsertReservation({ ...r, version: 2 });
    expect(listener).not.toHaveBeenCalled();
    store.getState().upsertReservation({ ...r, version: 4, status: 'accepted' });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('does not notify when a value is set to what it already is', () => {
    const store = createAppStore();
    store.getState().select('WR1');
    store.getState().noteActivity('WA1', 1_000);
    const listener = vi.fn();
    store.subscribe(listener);
    store.getState().select('WR1');
    store.getState().noteActivity('WA1', 2_000);
    store.getState().clearError('nothing');
    store.getState().endWrapUp('WRnone');
    store.getState().resetSession(0);
    expect(listener).not.toHaveBeenCalled();
    store.getState().select('WR2');
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
