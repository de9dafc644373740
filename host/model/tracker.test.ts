import { describe, expect, it } from 'vitest';
import { waitFor } from '../../test-support/wait-for';
import type { Reservation } from '../../shared/model';
import type { RawReservation, RawTask, TaskRouterApi } from '../twilio/api';
import { ClockOffset } from './clock-offset';
import { ReservationStore } from './reservation-store';
import { GONE_REASON, ReservationTracker } from './tracker';

const task = (sid: string): RawTask => ({ sid, assignmentStatus: 'reserved', queueSid: null, queueName: null, channel: 'voice', priority: 0, dateCreatedMs: 1_000, reason: null, attributes: {}, workflowSid: 'WW1' });
const raw = (sid: string, status: string, withTask = true): RawReservation => ({
  sid,
  taskSid: `WT${sid.slice(2)}`,
  workerSid: 'WK1',
  status,
  dateCreatedMs: 1_000,
  dateUpdatedMs: 1_000,
  timeoutSeconds: 30,
  ...(withTask ? { task: task(`WT${sid.slice(2)}`) } : {}),
});

function setup(options: { keepEnded?: number; api?: Partial<TaskRouterApi> } = {}) {
  const store = new ReservationStore(options.keepEnded ?? 50);
  const emitted: Reservation[] = [];
  const unknown: string[] = [];
  const tracker = new ReservationTracker({
    store,
    offset: new ClockOffset(),
    now: () => 2_000,
    api: () => (options.api ? (options.api as TaskRouterApi) : null),
    emit: (r) => emitted.push(r),
    onError: () => undefined,
    onUnknownStatus: (sid, status) => unknown.push(`${sid}:${status}`),
  });
  store.onEvict((sids) => tracker.forget(sids));
  return { store, tracker, emitted, unknown };
}

describe('ReservationTracker', () => {
  it('ignores and reports a reservation whose status is unknown: it never becomes an offer', async () => {
    const { tracker, emitted, unknown, store } = setup();
    await tracker.observe(raw('WR1', 'surprise'), { live: true });
    expect(emitted).toEqual([]);
    expect(store.size()).toBe(0);
    expect(unknown).toEqual(['WR1:surprise']);
  });

  it('settles a reservation TaskRouter no longer knows as canceled, for good', async () => {
    const { tracker, emitted, store } = setup();
    await tracker.observe(raw('WR1', 'pending'), { live: true });
    tracker.gone('WR1');
    expect(store.get('WR1')).toMatchObject({ status: 'canceled', endedReason: GONE_REASON, task: { status: 'canceled' } });
    expect(store.pendingCount()).toBe(0);
    // A stale pending sighting afterwards cannot bring it back.
    await tracker.observe(raw('WR1', 'pending'), { live: false });
    expect(store.get('WR1')?.status).toBe('canceled');
    expect(emitted.map((r) => r.status)).toEqual(['pending', 'canceled']);
  });

  it('drops an observation that was still being completed when the session was reset', async () => {
    let release: ((t: RawTask) => void) | null = null;
    const { tracker, emitted } = setup({ api: { fetchTask: () => new Promise<RawTask>((resolve) => (release = resolve)), fetchWorkflowTimeout: async () => 30 } });
    const pending = tracker.observe(raw('WR1', 'pending', false), { live: true });
    await waitFor(() => release);
    tracker.reset();
    release!(task('WT1'));
    await pending;
    expect(emitted).toEqual([]);
  });

  it('keeps its caches no larger than the store over a long shift', async () => {
    const { tracker, store } = setup({ keepEnded: 5 });
    for (let i = 0; i < 500; i++) {
      const sid = `WR${String(i).padStart(4, '0')}`;
      await tracker.observe(raw(sid, 'pending'), { live: true });
      await tracker.observe(raw(sid, 'completed'), { live: true });
    }
    expect(store.size()).toBe(5);
    const sizes = tracker.size();
    expect(sizes.firstSeen).toBe(5);
    expect(sizes.reservationTimeouts).toBe(5);
    expect(sizes.tasks).toBe(5);
  });
});
