import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/model';
import { ok } from '../../shared/result';
import type { HostLink, HostStatus } from '../client/host-link';
import { ACTIVITIES, makeReservation, makeSettings, makeWorker, recordingApi } from '../test-support/fixtures';
import { createAppStore } from './store';
import { wireHostToStore } from './wire';

const snapshotWith = (reservations: Snapshot['reservations'], epoch = 1): Snapshot => ({
  epoch,
  settings: makeSettings(),
  worker: makeWorker(),
  activities: ACTIVITIES,
  reservations,
  connection: { state: 'subscribed', since: 0, detail: null, lastGap: null },
  workspace: { sid: null, timeoutActivitySid: ACTIVITIES[2]!.sid, defaultActivitySid: ACTIVITIES[1]!.sid },
  wrapUps: [],
});

describe('wireHostToStore', () => {
  it('loads the snapshot on every (re)connect, applies pushed events, and unwires', async () => {
    const first = makeReservation();
    const second = makeReservation();
    let snapshot = snapshotWith([first]);
    const { api, calls } = recordingApi((method) => (method === 'getSnapshot' ? ok(snapshot) : undefined));
    const listeners: Record<string, (payload: unknown) => void> = {};
    (api as unknown as Record<string, unknown>).onReservationUpdated = (l: (p: unknown) => void) => ((listeners.reservation = l), () => delete listeners.reservation);
    let status: HostStatus = 'connected';
    let onStatus: ((s: HostStatus) => void) | null = null;
    const link: HostLink = { api, inElectron: false, status: () => status, onStatus: (l) => ((onStatus = l), () => (onStatus = null)), close: () => undefined };
    const store = createAppStore();

    const unwire = wireHostToStore(link, store);
    await expect.poll(() => Object.keys(store.getState().reservationsBySid)).toEqual([first.sid]);
    expect(store.getState().worker?.friendlyName).toBe('Alice');

    listeners.reservation!({ ...first, version: 2, status: 'accepted' });
    expect(store.getState().reservationsBySid[first.sid]?.status).toBe('accepted');

    // The link drops; while down an offer arrives that no event reports. The reconnect snapshot brings it.
    status = 'disconnected';
    onStatus!(status);
    expect(store.getState().hostStatus).toBe('disconnected');
    snapshot = snapshotWith([{ ...first, version: 2, status: 'accepted' }, second]);
    status = 'connected';
    onStatus!(status);
    await expect.poll(() => Object.keys(store.getState().reservationsBySid).sort()).toEqual([first.sid, second.sid].sort());
    expect(calls.filter((c) => c.method === 'getSnapshot')).toHaveLength(2);

    unwire();
    expect(listeners.reservation).toBeUndefined();
    expect(onStatus).toBeNull();
  });
});
