import { describe, expect, it } from 'vitest';
import { newCall, reduceCall, type CallState } from '../../shared/call-state';
import type { Reservation } from '../../shared/model';
import { ASSIGNMENT_WAIT_MS, AssignmentWatch, GUESS_CONFIRM_MS } from './assignment-watch';
import { ReservationStore } from './reservation-store';
import { manualClock } from '../../test-support/manual-clock';

const pending = (assignment?: Reservation['assignment']): Omit<Reservation, 'version'> => ({
  sid: 'WR1',
  taskSid: 'WT1',
  workerSid: 'WK1',
  status: 'pending',
  createdAt: 0,
  updatedAt: 0,
  expiresAt: 120_000,
  timeoutSeconds: 120,
  task: { sid: 'WT1', status: 'reserved', queueSid: null, queueName: null, channel: 'voice', priority: 0, createdAt: 0, reason: null, attributes: {} },
  caller: { name: null, number: null },
  topic: null,
  callSid: null,
  endedAt: null,
  endedReason: null,
  ...(assignment ? { assignment } : {}),
});

function setup(assignment?: Reservation['assignment']) {
  const clock = manualClock();
  const store = new ReservationStore();
  const pushed: Reservation[] = [];
  const watch = new AssignmentWatch({ clock, store, emit: (r) => pushed.push(r) });
  const first = store.apply(pending(assignment))!;
  watch.onReservation(first);
  return { clock, store, pushed, watch };
}

const ringing = (): CallState => newCall({ id: 'CA1', direction: 'inbound', phase: 'ringing', at: 0, callSid: 'CA1', reservationSid: 'WR1' });

describe('AssignmentWatch', () => {
  it('an assigning reservation becomes an offer once its server had its time, and keeps its place in line (a later sighting keeps the mark)', () => {
    const { clock, store, pushed } = setup('assigning');
    // A sighting from TaskRouter (no assignment of its own) does not undo the host's mark.
    store.apply({ ...pending(), task: { ...pending().task, attributes: { changed: true } } });
    expect(store.get('WR1')?.assignment).toBe('assigning');
    clock.advance(ASSIGNMENT_WAIT_MS - 1);
    expect(pushed).toEqual([]);
    clock.advance(1);
    expect(pushed.map((r) => r.assignment)).toEqual(['offer']);
  });

  it('a call for it makes it "calling" (the wait is over); the call ending while it is still pending makes it an offer again', () => {
    const { clock, pushed, watch } = setup('assigning');
    const call = ringing();
    watch.onCall(call, false);
    expect(pushed.map((r) => r.assignment)).toEqual(['calling']);
    clock.advance(ASSIGNMENT_WAIT_MS);
    expect(pushed.map((r) => r.assignment)).toEqual(['calling']);
    watch.onCall(reduceCall(call, { type: 'ended', reason: 'declined', at: 1 }), false);
    expect(pushed.map((r) => r.assignment)).toEqual(['calling', 'offer']);
  });

  it('a guessed call that connects while the reservation stays pending was not TaskRouter\'s: an offer again, for good', () => {
    const { clock, pushed, watch } = setup();
    const call = ringing();
    watch.onCall(call, true);
    const live = reduceCall(call, { type: 'answered', at: 1 });
    watch.onCall(live, true);
    clock.advance(GUESS_CONFIRM_MS);
    expect(pushed.map((r) => r.assignment)).toEqual(['calling', 'offer']);
    // Later updates of the same call (a conference poll) do not bring "calling" back.
    watch.onCall({ ...live, muted: true }, true);
    expect(pushed.map((r) => r.assignment)).toEqual(['calling', 'offer']);
  });

  it('a reservation that leaves pending stops its timers; clear() drops them all', () => {
    const { clock, store, pushed, watch } = setup('assigning');
    const accepted = store.apply({ ...pending(), status: 'accepted' })!;
    watch.onReservation(accepted);
    expect(clock.pending()).toBe(0);
    clock.advance(ASSIGNMENT_WAIT_MS);
    expect(pushed).toEqual([]);
    const other = setup('assigning');
    other.watch.clear();
    expect(other.clock.pending()).toBe(0);
  });
});
