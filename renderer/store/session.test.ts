import { describe, expect, it } from 'vitest';
import { ok, type Result } from '../../shared/result';
import type { Reservation, Snapshot } from '../../shared/model';
import type { HostLink } from '../client/host-link';
import { createActions } from '../app/actions';
import { ACTIVITIES, makeReservation, makeSettings, makeWorker, recordingApi } from '../test-support/fixtures';
import { KEEP_ENDED } from './reservations';
import { offerTargetSid, pendingSids } from './selectors';
import { createAppStore } from './store';
import { wireHostToStore } from './wire';

const snapshot = (epoch: number, reservations: Reservation[], workerName = 'Alice'): Snapshot => ({
  epoch,
  settings: { mode: 'account', accountSid: null, apiKeySid: null, workspaceSid: null, workerSid: null, tokenUrl: null, hasSecret: true, transport: 'subscribe', defaultInstruction: 'accept', contactUri: null, desk: makeSettings().desk },
  worker: makeWorker({ friendlyName: workerName }),
  activities: ACTIVITIES,
  reservations,
  connection: { state: 'subscribed', since: 0, detail: null, lastGap: null },
  workspace: null,
  wrapUps: [],
});

/** A host link whose pushed events the test fires by hand. */
function fakeLink(answer: (method: string) => unknown) {
  const { api, calls } = recordingApi(answer);
  const listeners: Record<string, (payload: unknown) => void> = {};
  for (const name of ['onSessionReset', 'onReservationUpdated', 'onWorkerUpdated']) {
    (api as unknown as Record<string, unknown>)[name] = (l: (p: unknown) => void) => ((listeners[name] = l), () => delete listeners[name]);
  }
  const link: HostLink = { api, inElectron: false, status: () => 'connected', onStatus: () => () => undefined, close: () => undefined };
  return { link, api, calls, fire: (name: string, payload: unknown) => listeners[name]!(payload) };
}

describe('session epochs in the renderer', () => {
  it('a new epoch drops the old worker\'s offers, errors and selection at once, then loads the new snapshot', async () => {
    const alice = makeReservation();
    let current = snapshot(1, [alice]);
    const { link, fire } = fakeLink((method) => (method === 'getSnapshot' ? ok(current) : undefined));
    const store = createAppStore();
    wireHostToStore(link, store);
    await expect.poll(() => Object.keys(store.getState().reservationsBySid)).toEqual([alice.sid]);
    store.getState().select(alice.sid);
    store.getState().setError(`${alice.sid}:accept`, { code: 'not_found', message: 'x' });

    const bob = makeReservation({ callerName: 'For Bob' });
    current = snapshot(2, [bob], 'Bob');
    fire('onSessionReset', { epoch: 2, reason: 'identity' });
    // Before the new snapshot even arrives, nothing of Alice's session is left.
    expect(store.getState().reservationsBySid[alice.sid]).toBeUndefined();
    expect(store.getState().selectedSid).toBeNull();
    expect(store.getState().errorsByTarget).toEqual({});
    await expect.poll(() => Object.keys(store.getState().reservationsBySid)).toEqual([bob.sid]);
    expect(store.getState().worker?.friendlyName).toBe('Bob');
    expect(store.getState().epoch).toBe(2);
  });

  it('ignores a snapshot taken before the newest epoch began', async () => {
    const old = makeReservation();
    const { link, fire, calls } = fakeLink((method) => (method === 'getSnapshot' ? ok(snapshot(1, [old])) : undefined));
    const store = createAppStore();
    store.getState().resetSession(3);
    wireHostToStore(link, store);
    fire('onSessionReset', { epoch: 3, reason: 'connection' });
    await expect.poll(() => calls.filter((c) => c.method === 'getSnapshot').length).toBe(2);
    // Let both answers land (they resolve in the next turns of the event loop).
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().reservationsBySid).toEqual({});
    expect(store.getState().epoch).toBe(3);
  });

  it('an action answered after the epoch changed does not bring the old reservation back', async () => {
    const store = createAppStore();
    let release: (value: Result<Reservation>) => void = () => undefined;
    const { api } = recordingApi();
    api.acceptReservation = () => new Promise((resolve) => (release = resolve));
    const actions = createActions(api, store);
    const r = makeReservation();
    store.getState().upsertReservation(r);
    const accepting = actions.accept(r.sid);
    store.getState().resetSession(2);
    release(ok({ ...r, status: 'accepted', version: 2 }));
    await accepting;
    expect(store.getState().reservationsBySid).toEqual({});
  });
});

describe('reservations kept in the renderer', () => {
  it('keeps every active reservation and a capped recap of ended ones', () => {
    const store = createAppStore();
    const live = makeReservation();
    store.getState().upsertReservation(live);
    for (let i = 0; i < KEEP_ENDED + 30; i++) store.getState().upsertReservation(makeReservation({ status: 'completed', endedAt: Date.now() + i }));
    const all = Object.values(store.getState().reservationsBySid);
    expect(all.filter((r) => r.status === 'completed')).toHaveLength(KEEP_ENDED);
    expect(store.getState().reservationsBySid[live.sid]).toBeDefined();
  });

  it('sorts once per change, not once per read', () => {
    const store = createAppStore();
    store.getState().upsertReservation(makeReservation());
    const s = store.getState();
    expect(pendingSids(s)).toBe(pendingSids(s));
    store.getState().select('WR-other');
    expect(pendingSids(store.getState())).toBe(pendingSids(s));
  });
});

describe('what Accept and Reject act on', () => {
  it('the selected card only if it is a pending offer, else the most urgent pending offer', () => {
    const store = createAppStore();
    const accepted = makeReservation({ status: 'accepted' });
    const pending = makeReservation({ expiresAt: Date.now() + 20_000 });
    const urgent = makeReservation({ expiresAt: Date.now() + 5_000 });
    for (const r of [accepted, pending, urgent]) store.getState().upsertReservation(r);
    // The agent clicked a button on the accepted card last, which selected it.
    store.getState().select(accepted.sid);
    expect(offerTargetSid(store.getState(), 'accept')).toBe(urgent.sid);
    store.getState().select(pending.sid);
    expect(offerTargetSid(store.getState(), 'accept')).toBe(pending.sid);
  });

  it('never a reservation its assignment server or an instruction handles, selected or most urgent', () => {
    const store = createAppStore();
    const calling = makeReservation({ expiresAt: Date.now() + 1_000, assignment: 'calling' });
    const offer = makeReservation({ expiresAt: Date.now() + 20_000 });
    for (const r of [calling, offer]) store.getState().upsertReservation(r);
    store.getState().select(calling.sid);
    expect(offerTargetSid(store.getState(), 'accept')).toBe(offer.sid);
    store.getState().upsertReservation({ ...offer, version: offer.version + 1, assignment: 'assigning' });
    expect(offerTargetSid(store.getState(), 'accept')).toBeNull();
  });
});
