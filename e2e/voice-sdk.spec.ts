import { expect, test } from '@playwright/test';
import { startVoiceHarness, type VoiceHarness } from './support/voice/voice-harness';
import { browserAudioStats, callMethod, openSdkPage, registerDevice, voiceEvents } from './support/voice/sdk-page';

// The foundation of the voice leg: the unmodified @twilio/voice-sdk in
// Chromium registers with the emulator's signaling server and receives a call
// whose audio really flows both ways through werift, all on loopback.

let harness: VoiceHarness;

test.beforeEach(async () => {
  harness = await startVoiceHarness();
});

test.afterEach(async () => {
  await harness.close();
});

function isLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'blob:' || protocol === 'data:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

test('the real Voice SDK registers, answers a call and exchanges audio with the emulator, on loopback only', async ({ page }) => {
  const offLoopback: string[] = [];
  page.on('request', (request) => {
    if (!isLoopback(request.url())) offLoopback.push(request.url());
  });
  page.on('websocket', (socket) => {
    if (!isLoopback(socket.url())) offLoopback.push(socket.url());
  });

  await openSdkPage(page, harness);
  await registerDevice(page, harness.token('alice'), harness.soundUrls());
  expect(harness.voice.signaling.isRegistered('alice')).toBe(true);

  const caller = harness.voice.startCallerCall({ from: '+15551230000', to: '+15559870000' });
  const dial = harness.voice.dialClient({ identity: 'alice', from: caller.from, to: 'client:alice', params: { taskSid: 'WT' + '1'.repeat(32) } });
  await expect.poll(() => voiceEvents(page)).toContain('incoming');
  const params = await page.evaluate(() => {
    const call = (globalThis as unknown as { __voice: { calls: Array<{ parameters: Record<string, string>; customParameters: Map<string, string> }> } }).__voice.calls[0]!;
    return { from: call.parameters.From, taskSid: call.customParameters.get('taskSid') };
  });
  expect(params).toEqual({ from: '+15551230000', taskSid: 'WT' + '1'.repeat(32) });

  await callMethod(page, 'accept');
  const outcome = await dial;
  expect(outcome.outcome).toBe('answered');
  const agentLeg = harness.voice.calls.get(outcome.callSid)!;
  expect(agentLeg.status).toBe('in-progress');
  const { conference } = harness.voice.joinConference('WT' + '1'.repeat(32), caller.sid, { endConferenceOnExit: true })!;
  harness.voice.joinConference('WT' + '1'.repeat(32), agentLeg.sid);
  expect(conference.participants.size).toBe(2);

  // Audio both ways: the browser's own counters and the emulator's.
  await expect.poll(async () => (await browserAudioStats(page)).packetsReceived, { timeout: 15_000 }).toBeGreaterThan(50);
  await expect.poll(async () => (await browserAudioStats(page)).packetsSent, { timeout: 15_000 }).toBeGreaterThan(50);
  await expect.poll(() => harness.voice.calls.view(agentLeg).media.packetsReceived, { timeout: 15_000 }).toBeGreaterThan(50);
  await expect.poll(() => harness.voice.calls.view(caller).media.packetsReceived).toBeGreaterThan(50);
  // The caller hears the agent's microphone (Chromium's fake device) through the conference mix.
  await expect.poll(() => harness.voice.calls.view(caller).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);

  // Mute: what the emulator hears from the agent falls to silence; unmute restores it.
  await expect.poll(() => harness.voice.calls.view(agentLeg).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);
  await callMethod(page, 'mute', true);
  await expect.poll(() => harness.voice.calls.view(agentLeg).media.audioLevel, { timeout: 10_000 }).toBeLessThan(0.001);
  await callMethod(page, 'mute', false);
  await expect.poll(() => harness.voice.calls.view(agentLeg).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);

  // Keypad digits reach the emulator (the werift peer offers no telephone-event, so the SDK signals them).
  await callMethod(page, 'sendDigits', '4');
  await callMethod(page, 'sendDigits', '2#');
  await expect.poll(() => harness.voice.calls.view(agentLeg).media.dtmfReceived).toBe('42#');
  expect(harness.voice.calls.view(caller).media.dtmfReceived).toBe('42#');

  // Hanging up in the browser ends the agent's leg and takes it out of the conference; the caller stays.
  await callMethod(page, 'disconnect');
  await expect.poll(() => agentLeg.status).toBe('completed');
  expect(conference.participants.has(agentLeg.sid)).toBe(false);
  expect(await voiceEvents(page)).toContain('call:disconnect');
  expect(caller.status).toBe('in-progress');

  expect(offLoopback).toEqual([]);
});

test('a caller hanging up while the agent rings cancels the ringing call in the SDK', async ({ page }) => {
  await openSdkPage(page, harness);
  await registerDevice(page, harness.token('bob'), harness.soundUrls());
  const abort = new AbortController();
  const dial = harness.voice.dialClient({ identity: 'bob', from: '+15550001111', to: 'client:bob', signal: abort.signal });
  await expect.poll(() => voiceEvents(page)).toContain('incoming');
  abort.abort();
  const outcome = await dial;
  expect(outcome).toMatchObject({ outcome: 'caller-hung-up' });
  expect(harness.voice.calls.get(outcome.callSid)!.status).toBe('canceled');
  await expect.poll(() => voiceEvents(page)).toContain('call:cancel');
});

test('an expired token is refused (signaling 31205, surfaced by the SDK as 20104) and never registers', async ({ page }) => {
  await openSdkPage(page, harness);
  const expired = harness.token('carol', -10);
  await page.evaluate(
    ({ token, sounds }) => {
      const w = globalThis as unknown as { Twilio: { Device: new (t: string, o: Record<string, unknown>) => { on(e: string, f: (a: { code?: number }) => void): void; register(): Promise<void> } }; __errors: number[] };
      w.__errors = [];
      const device = new w.Twilio.Device(token, { sounds, publishEvents: false, logLevel: 'silent' });
      device.on('error', (error) => w.__errors.push(error.code ?? 0));
      device.register().catch(() => undefined);
    },
    { token: expired, sounds: harness.soundUrls() },
  );
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as { __errors: number[] }).__errors)).toContain(20104);
  expect(harness.voice.signaling.isRegistered('carol')).toBe(false);
});

test('the Device stays registered across token refreshes with a short lifetime', async ({ page }) => {
  await openSdkPage(page, harness);
  // A 3 s token refreshed 2 s before expiry: tokenWillExpire every ~1 s.
  await page.exposeFunction('mintVoiceToken', () => harness.token('dave', 3));
  await registerDevice(page, harness.token('dave', 3), harness.soundUrls(), 2_000);
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as { __voice: { tokenRefreshes: number } }).__voice.tokenRefreshes), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);
  // Well past the first token's expiry, the Device is still registered and reachable.
  expect(await page.evaluate(() => (globalThis as unknown as { __voice: { device: { state: string } } }).__voice.device.state)).toBe('registered');
  expect(harness.voice.signaling.isRegistered('dave')).toBe(true);
  expect((await voiceEvents(page)).filter((e) => e.startsWith('error'))).toEqual([]);
});

test('a Device that goes away mid-call (page closed) has its answered call ended after the grace period, not left as a ghost', async ({ page }) => {
  await openSdkPage(page, harness);
  await registerDevice(page, harness.token('erin'), harness.soundUrls());
  const caller = harness.voice.startCallerCall({ from: '+15551230001', to: '+15559870001' });
  const dial = harness.voice.dialClient({ identity: 'erin', from: caller.from, to: 'client:erin' });
  await expect.poll(() => voiceEvents(page)).toContain('incoming');
  await callMethod(page, 'accept');
  const outcome = await dial;
  expect(outcome.outcome).toBe('answered');
  await page.close();
  await expect.poll(() => harness.voice.calls.get(outcome.callSid)!.status, { timeout: 5_000 }).toBe('completed');
});
