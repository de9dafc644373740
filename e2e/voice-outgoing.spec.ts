import { expect, test, type Browser, type Page } from '@playwright/test';
import { startTestEmulator, type TestEmulator } from '../emulator/test-support/start-test-emulator';
import { mintVoiceToken, startSdkPageServer, type SdkPageServer } from './support/voice/voice-harness';
import { browserAudioStats, callMethod, connectCall, latestCallSid, openSdkPage, registerDevice, voiceEvents } from './support/voice/sdk-page';

// Outgoing Device calls (`device.connect`) against the whole emulator: the
// unmodified Voice SDK in Chromium sends PStream `invite`, the emulator
// answers it and runs its built-in demo TwiML app — a number reaches a
// simulated callee that answers with audio; `client:bob` rings Bob's Device.

interface CallView {
  sid: string;
  status: string;
  from: string;
  to: string;
  parentCallSid: string | null;
  activity: { kind: string; detail: string | null };
  media: { packetsReceived: number; packetsSent: number; audioLevel: number };
}

let emulator: TestEmulator;
let pages: SdkPageServer;

test.beforeEach(async () => {
  emulator = await startTestEmulator({ workers: 2 });
  pages = await startSdkPageServer();
});

test.afterEach(async () => {
  await emulator.close();
  await pages.close();
});

const view = async (sid: string) => (await (await fetch(`${emulator.ready.url}/emulator/calls/${sid}`)).json()) as CallView;

async function devicePage(browser: Browser, identity: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openSdkPage(page, { origin: pages.origin, signalingUrl: emulator.ready.url.replace('http://', 'ws://') + '/signal' });
  await registerDevice(page, mintVoiceToken(emulator.ready, identity), pages.soundUrls());
  return page;
}

test('dialing a number: the demo app dials a simulated callee that answers; audio flows both ways', async ({ browser }) => {
  const alice = await devicePage(browser, 'alice');
  await connectCall(alice, { To: '+15557654321' });
  await expect.poll(() => voiceEvents(alice)).toContain('call:accept');
  const parentSid = (await latestCallSid(alice))!;
  expect(parentSid).toMatch(/^CA[0-9a-f]{32}$/);
  const parent = await view(parentSid);
  expect(parent).toMatchObject({ from: 'client:alice', to: '+15557654321' });

  // The parent (Alice's leg, from the Device) and the child (the dialed number) both go to the number.
  const callee = (await emulator.client.calls.list({ to: '+15557654321' })).find((c) => c.sid !== parentSid);
  expect(callee?.parentCallSid).toBe(parentSid);
  expect(callee?.direction).toBe('outbound-dial');
  await expect.poll(async () => (await view(callee!.sid)).status, { timeout: 10_000 }).toBe('in-progress');
  await expect.poll(async () => (await view(parentSid)).activity, { timeout: 10_000 }).toEqual({ kind: 'bridge', detail: callee!.sid });

  // The callee hears Alice's microphone; Alice's browser receives the callee's voice.
  await expect.poll(async () => (await view(callee!.sid)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);
  await expect.poll(async () => (await view(parentSid)).media.packetsSent, { timeout: 10_000 }).toBeGreaterThan(50);
  await expect.poll(async () => (await browserAudioStats(alice)).packetsReceived, { timeout: 10_000 }).toBeGreaterThan(50);

  // Alice hangs up: her leg completes and the callee is hung up.
  await callMethod(alice, 'disconnect');
  await expect.poll(async () => (await view(callee!.sid)).status).toBe('completed');
  expect((await view(parentSid)).status).toBe('completed');
});

test('dialing a colleague: client:bob rings Bob\'s Device, Bob answers, audio both ways; Bob hanging up ends Alice\'s call', async ({ browser }) => {
  const alice = await devicePage(browser, 'alice');
  const bob = await devicePage(browser, 'bob');
  await connectCall(alice, { To: 'client:bob' });
  await expect.poll(() => voiceEvents(bob)).toContain('incoming');
  const from = await bob.evaluate(() => (globalThis as unknown as { __voice: { calls: Array<{ parameters: Record<string, string> }> } }).__voice.calls[0]!.parameters['From']);
  expect(from).toBe('client:alice');
  await callMethod(bob, 'accept');
  await expect.poll(() => voiceEvents(alice)).toContain('call:accept');
  const aliceSid = (await latestCallSid(alice))!;
  const bobSid = (await latestCallSid(bob))!;
  expect((await view(bobSid)).parentCallSid).toBe(aliceSid);
  // Each browser's microphone reaches the emulator and the other browser receives audio.
  await expect.poll(async () => (await view(aliceSid)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);
  await expect.poll(async () => (await view(bobSid)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);
  await expect.poll(async () => (await browserAudioStats(alice)).packetsReceived, { timeout: 10_000 }).toBeGreaterThan(50);
  await expect.poll(async () => (await browserAudioStats(bob)).packetsReceived, { timeout: 10_000 }).toBeGreaterThan(50);

  await callMethod(bob, 'disconnect');
  await expect.poll(() => voiceEvents(alice)).toContain('call:disconnect');
  expect((await view(aliceSid)).status).toBe('completed');
});
