import { expect, test, type Browser, type Page } from '@playwright/test';
import { startTestEmulator, type TestEmulator } from '../emulator/test-support/start-test-emulator';
import { startTwimlServer } from '../emulator/test-support/twiml-server';
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

test('the Participants API adds client:bob to a live conference: Bob\'s Device rings, joins with audio, hears HoldUrl audio on hold, is kicked', async ({ browser }) => {
  const twiml = await startTwimlServer(emulator.ready.authToken);
  try {
    twiml.route('/hold', `<Response><Play loop="0">${emulator.ready.url}/assets/tone.wav</Play></Response>`);
    const bob = await devicePage(browser, 'bob');
    const workspace = emulator.client.taskrouter.v1.workspaces(emulator.ready.workspaceSid);
    await workspace.workers(emulator.ready.workers[1]!.sid).update({ activitySid: emulator.ready.activities['Offline']! });
    const inbound = (await (await fetch(`${emulator.ready.url}/emulator/inbound-call`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: '+15551239999' }) })).json()) as { callSid: string; taskSid: string };
    let reservationSid = '';
    await expect.poll(async () => (reservationSid = (await workspace.tasks(inbound.taskSid).reservations.list())[0]?.sid ?? '')).toMatch(/^WR/);
    // Alice has no Device here: the emulator's stand-in phone answers her conference leg.
    await workspace.tasks(inbound.taskSid).reservations(reservationSid).update({ instruction: 'conference' });
    await expect.poll(async () => (await workspace.tasks(inbound.taskSid).reservations(reservationSid).fetch()).reservationStatus).toBe('accepted');
    const [conference] = await emulator.client.conferences.list({ friendlyName: inbound.taskSid, status: 'in-progress' });
    const participants = emulator.client.conferences(conference!.sid).participants;

    const added = await participants.create({ from: '+15550000001', to: 'client:bob', label: 'colleague' });
    await expect.poll(() => voiceEvents(bob)).toContain('incoming');
    expect((await participants(added.callSid).fetch()).status).toBe('ringing');
    await callMethod(bob, 'accept');
    await expect.poll(async () => (await participants(added.callSid).fetch()).status).toBe('connected');
    // Bob's microphone reaches the caller; Bob's browser receives the conference.
    await expect.poll(async () => (await view(inbound.callSid)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);
    await expect.poll(async () => (await browserAudioStats(bob)).packetsReceived, { timeout: 10_000 }).toBeGreaterThan(50);

    // Hold the caller with HoldUrl while Bob is muted: what the caller hears is the HoldUrl's tone.
    await participants(added.callSid).update({ muted: true });
    await participants(inbound.callSid).update({ hold: true, holdUrl: `${twiml.url}/hold`, holdMethod: 'POST' });
    await expect.poll(() => twiml.requests.filter((r) => r.path === '/hold').length).toBe(1);
    await expect.poll(async () => (await view(inbound.callSid)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.1);

    await participants(added.callSid).remove();
    await expect.poll(() => voiceEvents(bob)).toContain('call:disconnect');
    expect((await participants.list()).map((p) => p.callSid)).not.toContain(added.callSid);
  } finally {
    await twiml.close();
  }
});
