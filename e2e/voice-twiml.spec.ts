import { expect, test, type Page } from '@playwright/test';
import { startTwimlServer, type TwimlServer } from '../emulator/test-support/twiml-server';
import { card, openInbox } from './support/app';
import { pageAudioStats, recordPeerConnections, startVoiceApp, type VoiceApp } from './support/voice/voice-app';

// The Redirect and Call instructions sent from the real UI run TwiML in the
// emulator: a Redirect moves the live caller to TwiML that plays audio; a Call
// rings the agent's Device (the real Voice SDK in the page) and runs CallUrl,
// which dequeues the caller (Dequeue semantics), with audio both ways —
// measured by the emulator's media figures and the browser's own stats.

let app: VoiceApp;
let twiml: TwimlServer;

test.afterEach(async () => {
  await app?.close();
  await twiml?.close();
});

const call = (page: Page) => page.getByRole('region', { name: 'Call' });

async function openApp(page: Page): Promise<void> {
  app = await startVoiceApp();
  twiml = await startTwimlServer(app.emulator.ready.authToken);
  await recordPeerConnections(page);
  await openInbox(page, app as unknown as Parameters<typeof openInbox>[1]);
  await expect(call(page).getByRole('status').filter({ hasText: 'Phone:' })).toHaveText('Phone: ready for calls', { timeout: 15_000 });
}

async function openInstruction(page: Page, callerName: string, instruction: string) {
  const offer = card(page, callerName);
  await offer.getByRole('button', { name: /^Instructions/ }).click();
  const form = page.getByRole('region', { name: 'Task detail' }).getByRole('form', { name: /^Instruction for/ });
  await form.getByRole('radio', { name: instruction }).check();
  return form;
}

test('a Redirect sent from the UI moves the live caller to TwiML that plays audio the caller hears', async ({ page }) => {
  await openApp(page);
  twiml.route('/announce', `<Response><Say>One moment please</Say><Play loop="0">${app.emulator.ready.url}/assets/tone.wav</Play></Response>`);
  const { callSid, taskSid } = await app.inboundCall('+14155550121', 'Barbara Liskov');
  await expect.poll(async () => (await app.callView(callSid)).activity.kind).toBe('queue');

  const form = await openInstruction(page, 'Barbara Liskov', 'Redirect');
  await expect(form.getByLabel(/^Call SID/)).toHaveValue(callSid);
  await form.getByLabel(/^URL/).fill(`${twiml.url}/announce`);
  await form.getByRole('button', { name: 'Send Redirect' }).click();

  await expect.poll(async () => (await app.callView(callSid)).activity, { timeout: 10_000 }).toEqual({ kind: 'play', detail: `${app.emulator.ready.url}/assets/tone.wav` });
  await expect.poll(async () => (await app.callView(callSid)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.1);
  expect(twiml.requests.filter((r) => r.path === '/announce')).toEqual([expect.objectContaining({ signatureValid: true, params: expect.objectContaining({ CallSid: callSid }) })]);
  // Nothing rang the agent: a redirect moves the caller only.
  await expect(call(page).getByText('On a call with')).toHaveCount(0);
  expect(await app.taskStatus(taskSid)).toBe('reserved');
});

test('a Call sent from the UI rings the agent, runs CallUrl that dials the caller\'s queue, and connects them with audio both ways', async ({ page }) => {
  await openApp(page);
  twiml.route('/agent', (p) => `<Response><Dial><Queue reservationSid="${p['reservationSid'] ?? ''}"/></Dial></Response>`);
  const { callSid, taskSid } = await app.inboundCall('+14155550122', 'Frances Allen');
  await expect.poll(async () => (await app.reservation(taskSid))?.sid).toMatch(/^WR/);
  const reservation = (await app.reservation(taskSid))!;

  const form = await openInstruction(page, 'Frances Allen', 'Call');
  await form.getByLabel(/^From/).fill('+14155550100');
  await form.getByLabel(/^URL/).fill(`${twiml.url}/agent?reservationSid=${reservation.sid}`);
  await form.getByRole('button', { name: 'Send Call' }).click();

  // The agent's Device rings for the offer just handled and answers by itself; the TwiML dequeues the caller.
  await expect(call(page).getByText('On a call with')).toBeVisible({ timeout: 15_000 });
  await expect.poll(async () => (await app.reservation(taskSid))?.status, { timeout: 10_000 }).toBe('accepted');
  const agentSid = (await app.reservation(taskSid))!.instruction!.callSid!;
  await expect.poll(async () => (await app.callView(callSid)).activity).toEqual({ kind: 'bridge', detail: agentSid });
  expect(twiml.requests.find((r) => r.path === '/agent')).toMatchObject({ signatureValid: true, params: { CallSid: agentSid } });

  // Audio both ways: the caller hears the agent's microphone; the agent's browser receives the caller.
  await expect.poll(async () => (await app.callView(callSid)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);
  await expect.poll(async () => (await app.callView(agentSid)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);
  await expect.poll(async () => (await app.callView(agentSid)).media.packetsSent).toBeGreaterThan(50);
  await expect.poll(async () => (await pageAudioStats(page)).packetsReceived, { timeout: 10_000 }).toBeGreaterThan(50);

  // The caller hangs up: the bridge ends, the agent's TwiML ends and its leg hangs up; the task wraps.
  await app.hangUpCaller(callSid);
  await expect.poll(async () => (await app.callView(agentSid)).status).toBe('completed');
  await expect.poll(() => app.taskStatus(taskSid)).toBe('wrapping');
});
