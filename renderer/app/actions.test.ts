import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/store';
import { ACTIVITIES, makeReservation, makeWorker, recordingApi } from '../test-support/fixtures';
import { createActions } from './actions';

describe('actions', () => {
  it('rejects pending offers when the agent goes unavailable, and only then', async () => {
    const store = createAppStore();
    const { api, calls } = recordingApi(() => makeWorker());
    const actions = createActions(api, store);
    store.getState().setActivities(ACTIVITIES);
    const [available, offline] = ACTIVITIES;
    await actions.setActivity(offline!.sid);
    store.getState().upsertReservation(makeReservation());
    await actions.setActivity(available!.sid);
    await actions.setActivity(offline!.sid);
    expect(calls.map((c) => c.input)).toEqual([{ activitySid: offline!.sid }, { activitySid: available!.sid }, { activitySid: offline!.sid, rejectPendingReservations: true }]);
  });

  it('"I am back" sets the Available activity and clears the missed-offer banner', async () => {
    const store = createAppStore();
    const { api, calls } = recordingApi(() => makeWorker());
    const actions = createActions(api, store);
    store.getState().setActivities(ACTIVITIES);
    const r = makeReservation();
    store.getState().upsertReservation(r);
    store.getState().upsertReservation({ ...r, version: 2, status: 'timeout' });
    expect(store.getState().missedSids).toHaveLength(1);
    await actions.backToAvailable();
    expect(calls).toEqual([{ method: 'setActivity', input: { activitySid: ACTIVITIES[0]!.sid } }]);
    expect(store.getState().missedSids).toEqual([]);
  });

  it('accepts a voice offer with the default instruction and any other channel plainly', async () => {
    const store = createAppStore();
    const { api, calls } = recordingApi();
    const actions = createActions(api, store);
    store.getState().setSettings({ mode: 'demo', accountSid: null, apiKeySid: null, workspaceSid: null, workerSid: null, tokenUrl: null, hasSecret: false, transport: 'subscribe', defaultInstruction: 'conference', contactUri: 'client:alice' });
    const call = makeReservation();
    const sms = makeReservation();
    store.getState().upsertReservation(call);
    store.getState().upsertReservation({ ...sms, task: { ...sms.task, channel: 'sms' } });
    await actions.accept(call.sid);
    await actions.accept(sms.sid);
    expect(calls.map((c) => c.method)).toEqual(['conferenceReservation', 'acceptReservation']);
  });
});
