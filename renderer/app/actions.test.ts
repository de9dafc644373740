import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/store';
import { ACTIVITIES, makeReservation, makeSettings, makeWorker, recordingApi } from '../test-support/fixtures';
import { createActions } from './actions';
import { missedCount } from '../store/live';

describe('actions', () => {
  it('never rejects pending offers on its own: only when the agent said so', async () => {
    const store = createAppStore();
    const { api, calls } = recordingApi(() => makeWorker());
    const actions = createActions(api, store);
    store.getState().setActivities(ACTIVITIES);
    const [, offline] = ACTIVITIES;
    store.getState().upsertReservation(makeReservation());
    await actions.setActivity(offline!.sid);
    await actions.setActivity(offline!.sid, { rejectPending: true });
    expect(calls.map((c) => c.input)).toEqual([{ activitySid: offline!.sid }, { activitySid: offline!.sid, rejectPendingReservations: true }]);
  });

  it('"I am back" sets the Available activity and the missed offers stay acknowledged after a reload and in a new window', async () => {
    localStorage.clear();
    const store = createAppStore();
    const { api, calls } = recordingApi(() => makeWorker());
    const actions = createActions(api, store);
    store.getState().setActivities(ACTIVITIES);
    const r = makeReservation();
    const missed = { ...r, version: 2, status: 'timeout' as const, endedAt: Date.now() - 1_000 };
    store.getState().upsertReservation(missed);
    expect(missedCount(store.getState())).toBe(1);
    await actions.backToAvailable();
    expect(calls).toEqual([{ method: 'setActivity', input: { activitySid: ACTIVITIES[0]!.sid } }]);
    expect(missedCount(store.getState())).toBe(0);
    // A reload or a second window loads the same ended offer from the host's snapshot: it was acknowledged.
    const other = createAppStore();
    other.getState().replaceReservations([missed]);
    expect(missedCount(other.getState())).toBe(0);
    // A later miss counts again.
    other.getState().upsertReservation({ ...makeReservation(), status: 'timeout', endedAt: Date.now() + 1_000 });
    expect(missedCount(other.getState())).toBe(1);
  });

  it('accepts a voice offer with the default instruction and any other channel plainly', async () => {
    const store = createAppStore();
    const { api, calls } = recordingApi();
    const actions = createActions(api, store);
    store.getState().setSettings({ mode: 'demo', accountSid: null, apiKeySid: null, workspaceSid: null, workerSid: null, tokenUrl: null, hasSecret: false, transport: 'subscribe', defaultInstruction: 'conference', contactUri: 'client:alice', desk: makeSettings().desk });
    const call = makeReservation();
    const sms = makeReservation();
    store.getState().upsertReservation(call);
    store.getState().upsertReservation({ ...sms, task: { ...sms.task, channel: 'sms' } });
    await actions.accept(call.sid);
    await actions.accept(sms.sid);
    expect(calls.map((c) => c.method)).toEqual(['conferenceReservation', 'acceptReservation']);
  });
});
