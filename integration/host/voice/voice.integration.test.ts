import { afterEach, describe, expect, it } from 'vitest';
import { verifyVoiceToken } from '../../../emulator/voice/voice-token';
import { startTestEmulator, waitFor, type TestEmulator } from '../../../emulator/test-support';
import type { Reservation } from '../../../shared/model';
import { ok } from '../../../shared/result';
import { createConferenceControl } from '../../../host/voice/conference-control';
import { createVoiceImplementations } from '../../../host/voice/handlers';
import { mintVoiceToken } from '../../../host/voice/voice-token';

// The host's voice pieces against the emulator's: split from host/voice/voice.test.ts, whose
// unit tests stay next to their code.
describe('voice identity and tokens', () => {
  it('mints a token the emulator signaling accepts, with the identity and incoming allowed', () => {
    const token = mintVoiceToken({ accountSid: 'AC' + '1'.repeat(32), apiKeySid: 'SK' + '2'.repeat(32), apiKeySecret: 's3cret', identity: 'alice', ttlSeconds: 600, now: Date.now(), signalingUrl: null });
    const verified = verifyVoiceToken(token.token, (sid) => (sid === 'SK' + '2'.repeat(32) ? 's3cret' : undefined));
    expect(verified).toMatchObject({ ok: true, value: { identity: 'alice', incomingAllowed: true } });
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
    const reservationSid = await waitFor(async () => (await workspace.tasks(inbound.taskSid).reservations.list())[0]?.sid, { description: 'the inbound call reserves the worker' });
    expect(reservationSid).toMatch(/^WR/);

    let status: Reservation['status'] = 'pending';
    const reservation = (): Reservation => ({ sid: reservationSid, taskSid: inbound.taskSid, status, callSid: inbound.callSid }) as Reservation;
    const control = createConferenceControl({ accountSid: ready.accountSid, apiKeySid: ready.apiKeySid, secret: ready.apiKeySecret, workspaceSid: ready.workspaceSid, workerSid: ready.workers[0]!.sid, baseUrl: ready.url }, Date.now);
    const voice = createVoiceImplementations({ voiceToken: async () => ok({ token: 'x', identity: 'a', expiresAt: 0, signalingUrl: null }), conferences: () => ok(control), reservation: (sid) => (sid === reservationSid ? reservation() : undefined) });

    expect(await voice.holdCaller({ reservationSid, hold: true })).toMatchObject({ ok: false, error: { code: 'reservation_not_pending' } });

    // No Device is registered, so the emulator's stand-in phone answers the conference instruction at once.
    await workspace.tasks(inbound.taskSid).reservations(reservationSid).update({ instruction: 'conference' });
    await waitFor(async () => (await workspace.tasks(inbound.taskSid).reservations(reservationSid).fetch()).reservationStatus === 'accepted', { description: 'the conference instruction accepts the reservation' });
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
