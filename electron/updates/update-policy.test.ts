import { describe, expect, it } from 'vitest';
import { mayDownload, mayRestart, type WorkState } from './update-policy';

const idle: WorkState = { pendingOffers: 0, activeTasks: 0, inCall: false };

describe('update decisions', () => {
  it('restarts only when there is no call, no offer and no task in progress', () => {
    expect(mayRestart(idle)).toEqual({ ok: true });
    expect(mayRestart({ ...idle, inCall: true })).toMatchObject({ ok: false, reason: expect.stringContaining('call') });
    expect(mayRestart({ ...idle, pendingOffers: 1 })).toMatchObject({ ok: false, reason: expect.stringContaining('offer') });
    expect(mayRestart({ ...idle, activeTasks: 2 })).toMatchObject({ ok: false, reason: expect.stringContaining('task') });
  });

  it('never restarts while anything is in progress, whatever the combination', () => {
    for (const pendingOffers of [0, 1, 3])
      for (const activeTasks of [0, 1])
        for (const inCall of [false, true]) {
          const busy = pendingOffers > 0 || activeTasks > 0 || inCall;
          expect(mayRestart({ pendingOffers, activeTasks, inCall }).ok).toBe(!busy);
        }
  });

  it('downloads unless a call is up (offers and tasks do not hold a download back)', () => {
    expect(mayDownload(idle)).toEqual({ ok: true });
    expect(mayDownload({ ...idle, pendingOffers: 2, activeTasks: 1 })).toEqual({ ok: true });
    expect(mayDownload({ ...idle, inCall: true }).ok).toBe(false);
  });
});
