import { afterEach, describe, expect, it } from 'vitest';
import { verifyVoiceToken } from '../../emulator/voice/voice-token';
import { startTestEmulator, type TestEmulator } from '../../emulator/test-support/start-test-emulator';
import type { VoiceToken } from '../../shared/contract';
import type { Reservation } from '../../shared/model';
import { ok } from '../../shared/result';
import { createConferenceControl } from './conference-control';
import { createVoiceImplementations } from './handlers';
import { mintVoiceToken, voiceIdentityFromContactUri } from './voice-token';
import { VoiceTokenKeeper } from './voice-token-keeper';

describe('voice identity and tokens', () => {
  it('derives the Device identity from a client: contact URI only', () => {
    expect(voiceIdentityFromContactUri('client:alice')).toBe('alice');
    expect(voiceIdentityFromContactUri('+15551234567')).toBeNull();
    expect(voiceIdentityFromContactUri('client:')).toBeNull();
    expect(voiceIdentityFromContactUri(null)).toBeNull();
  });

  it('mints a token the emulator signaling accepts, with the identity and incoming allowed', () => {
    const token = mintVoiceToken({ accountSid: 'AC' + '1'.repeat(32), apiKeySid: 'SK' + '2'.repeat(32), apiKeySecret: 's3cret', identity: 'alice', ttlSeconds: 600, now: Date.now(), signalingUrl: null });
    const verified = verifyVoiceToken(token.token, (sid) => (sid === 'SK' + '2'.repeat(32) ? 's3cret' : undefined));
    expect(verified).toMatchObject({ ok: true, value: { identity: 'alice', incomingAllowed: true } });
  });
});

/** A clock whose timers fire only when the test advances it. */
function manualClock() {
  let now = 1_000_000;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  return {
    now: () => now,
    setTimeout: (fn: () => void, ms: number) => {
      timers.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimeout: (handle: unknown) => void timers.delete(handle as number),
    async advance(ms: number) {
      now += ms;
      for (const [id, timer] of [...timers]) {
        if (timer.at <= now) {
          timers.delete(id);
          timer.fn();
        }
      }
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('VoiceTokenKeeper', () => {
  it('renews the token before it expires and pushes each new one', async () => {
    const clock = manualClock();
    let minted = 0;
    const pushed: VoiceToken[] = [];
    const keeper = new VoiceTokenKeeper({
      clock,
      obtain: async () => ok({ token: `t${++minted}`, identity: 'alice', expiresAt: clock.now() + 10_000, signalingUrl: null }),
      onRefreshed: (token) => pushed.push(token),
    });
    const first = await keeper.get();
    expect(first).toMatchObject({ ok: true, value: { token: 't1' } });
    // A second read while the token is fresh mints nothing.
    await keeper.get();
    expect(minted).toBe(1);
    // Half-way through a short lifetime the keeper renews.
    await clock.advance(5_000);
    expect(pushed.map((t) => t.token)).toEqual(['t2']);
    await clock.advance(5_000);
    expect(pushed.map((t) => t.token)).toEqual(['t2', 't3']);
    keeper.stop();
    await clock.advance(60_000);
    expect(minted).toBe(3);
  });

  it('does not refresh in a tight loop when the token URL answers an already-expired token', async () => {
    const clock = manualClock();
    let fetched = 0;
    const keeper = new VoiceTokenKeeper({
      clock,
      obtain: async () => ok({ token: `t${++fetched}`, identity: 'alice', expiresAt: clock.now() - 1_000, signalingUrl: null }),
      onRefreshed: () => {},
    });
    await keeper.get();
    for (let i = 0; i < 10; i++) await clock.advance(100);
    // A second of back-to-back refreshes would hammer the customer's token URL; at most one retry per second.
    expect(fetched).toBeLessThanOrEqual(2);
    keeper.stop();
  });
});

describe('conference control against the emulator', () => {
  let emulator: TestEmulator | undefined;
  afterEach(async () => {
    await emulator?.close();
  });

  it('holds the caller and mutes the agent through the Participants API; refuses when not accepted', async () => {
    emulator = await startTestEmulator({ workers: 1 });
    const ready = emulator.ready;
    const workspace = emulator.client.taskrouter.v1.workspaces(ready.workspaceSid);
    await workspace.workers(ready.workers[0]!.sid).update({ activitySid: ready.activities['Available']! });
    const inbound = (await (await fetch(`${ready.url}/emulator/inbound-call`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: '+15551110000' }) })).json()) as { callSid: string; taskSid: string };
    let reservationSid = '';
    for (let i = 0; i < 100 && !reservationSid; i++) {
      reservationSid = (await workspace.tasks(inbound.taskSid).reservations.list())[0]?.sid ?? '';
      if (!reservationSid) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(reservationSid).toMatch(/^WR/);

    let status: Reservation['status'] = 'pending';
    const reservation = (): Reservation => ({ sid: reservationSid, taskSid: inbound.taskSid, status, callSid: inbound.callSid }) as Reservation;
    const control = createConferenceControl({ accountSid: ready.accountSid, apiKeySid: ready.apiKeySid, secret: ready.apiKeySecret, workspaceSid: ready.workspaceSid, workerSid: ready.workers[0]!.sid, baseUrl: ready.url }, Date.now);
    const voice = createVoiceImplementations({ voiceToken: async () => ok({ token: 'x', identity: 'a', expiresAt: 0, signalingUrl: null }), conferences: () => ok(control), reservation: (sid) => (sid === reservationSid ? reservation() : undefined) });

    expect(await voice.holdCaller({ reservationSid, hold: true })).toMatchObject({ ok: false, error: { code: 'reservation_not_pending' } });

    // No Device is registered, so the emulator's stand-in phone answers the conference instruction at once.
    await workspace.tasks(inbound.taskSid).reservations(reservationSid).update({ instruction: 'conference' });
    for (let i = 0; i < 100 && (await workspace.tasks(inbound.taskSid).reservations(reservationSid).fetch()).reservationStatus !== 'accepted'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    status = 'accepted';

    const held = await voice.holdCaller({ reservationSid, hold: true });
    expect(held).toMatchObject({ ok: true, value: { callSid: inbound.callSid, hold: true } });
    const view = (await (await fetch(`${ready.url}/emulator/calls/${inbound.callSid}`)).json()) as { hold: boolean };
    expect(view.hold).toBe(true);

    const muted = await voice.muteParticipant({ reservationSid, muted: true });
    expect(muted.ok && muted.value.callSid).not.toBe(inbound.callSid);
    expect(muted).toMatchObject({ ok: true, value: { muted: true } });

    const ended = await voice.endConference({ reservationSid });
    expect(ended.ok).toBe(true);
    const after = (await (await fetch(`${ready.url}/emulator/calls/${inbound.callSid}`)).json()) as { status: string };
    expect(after.status).toBe('completed');
    expect(await voice.holdCaller({ reservationSid, hold: false })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
