import { expect, test, type Page } from '@playwright/test';
import { card, openInbox } from './support/app';
import { audioContextStates, pageAudioStats, recordAudioContexts, recordPeerConnections, startVoiceApp, type VoiceApp } from './support/voice/voice-app';

// The agent's voice leg end to end: the real UI (browser mode) with the real
// Voice SDK in Chromium (fake media devices), the real host, and the emulator
// playing the caller — audio checked from both ends.

let app: VoiceApp;
const offLoopback: string[] = [];

function isLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'blob:' || protocol === 'data:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

async function openApp(page: Page): Promise<void> {
  offLoopback.length = 0;
  page.on('request', (request) => {
    if (!isLoopback(request.url())) offLoopback.push(request.url());
  });
  page.on('websocket', (socket) => {
    if (!isLoopback(socket.url())) offLoopback.push(socket.url());
  });
  await recordPeerConnections(page);
  await openInbox(page, app as unknown as Parameters<typeof openInbox>[1]);
  await expect(call(page).getByRole('status').filter({ hasText: 'Phone:' })).toHaveText('Phone: ready for calls', { timeout: 15_000 });
}

const call = (page: Page) => page.getByRole('region', { name: 'Call' });

test.afterEach(async () => {
  await app?.close();
});

test('an inbound call: accept → connected with audio both ways; mute, hold, keypad act on the emulator; hang up → wrapping; nothing leaves loopback', async ({ page }) => {
  app = await startVoiceApp();
  await openApp(page);
  const { callSid: callerSid, taskSid } = await app.inboundCall('+14155550111', 'Grace Hopper');
  const offer = card(page, 'Grace Hopper');
  await offer.getByRole('button', { name: /^Accept/ }).click();

  // The call rings the panel's Device and, belonging to the offer just accepted, connects by itself.
  await expect(call(page).getByText('On a call with')).toBeVisible({ timeout: 15_000 });
  await expect(call(page).getByText('On a call with Grace Hopper')).toBeVisible();
  await expect.poll(async () => (await app.reservation(taskSid))?.status).toBe('accepted');
  const agentCallSid = (await app.reservation(taskSid))!.instruction!.callSid!;
  expect(agentCallSid).toMatch(/^CA/);

  // Audio both ways, from the browser's own stats and from the emulator's.
  await expect.poll(async () => (await pageAudioStats(page)).packetsReceived, { timeout: 10_000 }).toBeGreaterThan(50);
  await expect.poll(async () => (await pageAudioStats(page)).packetsSent).toBeGreaterThan(50);
  await expect.poll(async () => (await app.callView(agentCallSid)).media.packetsReceived).toBeGreaterThan(50);
  await expect.poll(async () => (await app.callView(agentCallSid)).media.packetsSent).toBeGreaterThan(50);
  await expect.poll(async () => (await app.callView(callerSid)).media.packetsReceived).toBeGreaterThan(50);
  await expect.poll(async () => (await app.callView(agentCallSid)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);

  // Mute silences what the emulator receives; unmute restores it.
  await call(page).getByRole('button', { name: 'Mute' }).click();
  await expect(call(page).getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await app.callView(agentCallSid)).media.audioLevel, { timeout: 10_000 }).toBeLessThan(0.001);
  await call(page).getByRole('button', { name: 'Unmute' }).click();
  await expect.poll(async () => (await app.callView(agentCallSid)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);

  // Hold puts the caller on hold in the emulator; resume takes them off.
  await call(page).getByRole('button', { name: 'Hold caller' }).click();
  await expect(call(page).getByText('The caller is on hold')).toBeVisible();
  expect((await app.callView(callerSid)).hold).toBe(true);
  await call(page).getByRole('button', { name: 'Resume caller' }).click();
  await expect.poll(async () => (await app.callView(callerSid)).hold).toBe(false);

  // Keypad digits arrive at the emulator.
  await call(page).getByRole('button', { name: 'Keypad' }).click();
  for (const digit of ['4', '2', '#']) await call(page).getByRole('button', { name: `Digit ${digit}` }).click();
  await expect.poll(async () => (await app.callView(agentCallSid)).media.dtmfReceived).toBe('42#');

  // Hang up ends the leg; TaskRouter moves the reservation to wrapping.
  await call(page).getByRole('button', { name: 'Hang up' }).click();
  await expect(call(page).getByText(/^Call ended · \d+:\d\d$/)).toBeVisible();
  await expect.poll(async () => (await app.callView(agentCallSid)).status).toBe('completed');
  await expect.poll(async () => (await app.reservation(taskSid))?.status).toBe('wrapping');

  expect(offLoopback).toEqual([]);
});

test('a caller hanging up while the agent rings leaves a consistent state and a clear message', async ({ page }) => {
  app = await startVoiceApp();
  await openApp(page);
  // Ring instead of answering automatically, so the caller can give up first.
  await call(page).getByText('Audio devices').click();
  await call(page).getByLabel('Answer automatically when a call belongs to an offer I accepted').uncheck();
  const { callSid: callerSid, taskSid } = await app.inboundCall('+14155550112', 'Alan Turing');
  await card(page, 'Alan Turing').getByRole('button', { name: /^Accept/ }).click();
  await expect(call(page).getByText('Incoming call from')).toBeVisible({ timeout: 15_000 });

  await app.hangUpCaller(callerSid);
  await expect(call(page).getByText('Caller hung up before you answered')).toBeVisible();
  await expect.poll(() => app.taskStatus(taskSid)).toBe('canceled');
  expect((await app.reservation(taskSid))?.status).toBe('canceled');
  await expect(call(page).getByRole('button', { name: 'Answer' })).toHaveCount(0);
  await expect(call(page).getByRole('status').filter({ hasText: 'Phone:' })).toHaveText('Phone: ready for calls');
});

test('the Voice SDK\'s audio context rests between calls and wakes while a call rings and talks', async ({ page }) => {
  app = await startVoiceApp();
  await recordAudioContexts(page);
  const states = () => audioContextStates(page);
  await openApp(page);
  // A running context renders silence on the audio thread all shift; idle, nothing runs.
  await expect.poll(states, { timeout: 10_000 }).toEqual(['suspended']);

  await call(page).getByText('Audio devices').click();
  await call(page).getByLabel('Answer automatically when a call belongs to an offer I accepted').uncheck();
  await app.inboundCall('+14155550114', 'Barbara Liskov');
  await card(page, 'Barbara Liskov').getByRole('button', { name: /^Accept/ }).click();
  await expect(call(page).getByText('Incoming call from')).toBeVisible({ timeout: 15_000 });
  await expect.poll(async () => (await states())[0]).toBe('running');
  await call(page).getByRole('button', { name: 'Answer' }).click();
  await expect(call(page).getByText('On a call with Barbara Liskov')).toBeVisible({ timeout: 15_000 });
  expect((await states())[0]).toBe('running');

  await call(page).getByRole('button', { name: 'Hang up' }).click();
  await expect(call(page).getByText(/^Call ended · \d+:\d\d$/)).toBeVisible();
  // The SDK's context and the offer ringtone's both rest again.
  await expect.poll(async () => (await states()).every((state) => state === 'suspended'), { timeout: 10_000 }).toBe(true);
});

test('with a short token lifetime the phone stays registered across refreshes', async ({ page }) => {
  // 20 s tokens: the host renews each at half-life and pushes it; the Device re-sends `listen` with it.
  app = await startVoiceApp({ tokenTtlSeconds: 20 });
  const tokensSent = new Set<string>();
  page.on('websocket', (socket) => {
    socket.on('framesent', (frame) => {
      const text = typeof frame.payload === 'string' ? frame.payload : frame.payload.toString();
      if (!text.startsWith('{')) return;
      const message = JSON.parse(text) as { type?: string; payload?: { token?: unknown } };
      if (message.type === 'listen' && typeof message.payload?.token === 'string') tokensSent.add(message.payload.token);
    });
  });
  await openApp(page);
  // Three distinct tokens means two refreshes: by then the first token (20 s) has expired.
  await expect.poll(() => tokensSent.size, { timeout: 40_000, intervals: [500] }).toBeGreaterThanOrEqual(3);
  await expect(call(page).getByRole('status').filter({ hasText: 'Phone:' })).toHaveText('Phone: ready for calls');
  // Still reachable: a call rings it and connects.
  const { taskSid } = await app.inboundCall('+14155550113', 'Edsger Dijkstra');
  await card(page, 'Edsger Dijkstra').getByRole('button', { name: /^Accept/ }).click();
  await expect(call(page).getByText('On a call with')).toBeVisible({ timeout: 15_000 });
  await expect.poll(async () => (await app.reservation(taskSid))?.status).toBe('accepted');
});
