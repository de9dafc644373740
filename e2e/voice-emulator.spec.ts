import { expect, test, type Page } from '@playwright/test';
import { startTestEmulator, type TestEmulator } from '../emulator/test-support/start-test-emulator';
import { mintVoiceToken, startSdkPageServer, type SdkPageServer } from './support/voice/voice-harness';
import { callMethod, openSdkPage, registerDevice, voiceEvents } from './support/voice/sdk-page';

// The whole emulator (TaskRouter + voice plugin) driven by the official
// `twilio` REST library and the unmodified Voice SDK in Chromium: an inbound
// call becomes a voice task, the Conference instruction rings the worker's
// Device, the reservation is accepted only once it answers, and the
// Participants API acts on the real audio.

interface CallView {
  sid: string;
  status: string;
  conferenceSid: string | null;
  hold: boolean;
  muted: boolean;
  media: { packetsReceived: number; packetsSent: number; audioLevel: number; dtmfReceived: string };
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

async function adminJson<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(emulator.ready.url + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

const callView = async (sid: string) => (await adminJson<CallView>('GET', `/emulator/calls/${sid}`)).body;

/** Registers the first worker's Device and makes that worker the only available one. */
async function agentReady(page: Page): Promise<{ workerSid: string; identity: string }> {
  const [agent, other] = emulator.ready.workers;
  const workspace = emulator.client.taskrouter.v1.workspaces(emulator.ready.workspaceSid);
  await workspace.workers(other!.sid).update({ activitySid: emulator.ready.activities['Offline']! });
  await workspace.workers(agent!.sid).update({ activitySid: emulator.ready.activities['Available']! });
  const identity = agent!.contactUri.replace(/^client:/, '');
  await openSdkPage(page, { origin: pages.origin, signalingUrl: emulator.ready.url.replace('http://', 'ws://') + '/signal' });
  await registerDevice(page, mintVoiceToken(emulator.ready, identity), pages.soundUrls());
  return { workerSid: agent!.sid, identity };
}

async function pendingReservation(workerSid: string, taskSid: string) {
  const workspace = emulator.client.taskrouter.v1.workspaces(emulator.ready.workspaceSid);
  let found: { sid: string } | undefined;
  await expect
    .poll(async () => {
      const list = await workspace.tasks(taskSid).reservations.list();
      found = list.find((r) => r.workerSid === workerSid && r.reservationStatus === 'pending');
      return found !== undefined;
    })
    .toBe(true);
  return found!;
}

test('inbound call → conference instruction → the agent answers → audio both ways, hold, mute, keypad, kick → wrapping', async ({ page }) => {
  const { workerSid } = await agentReady(page);
  const inbound = await adminJson<{ callSid: string; taskSid: string }>('POST', '/emulator/inbound-call', { from: '+15551230001', callerName: 'Ada Lovelace', attributes: { account: '42' } });
  expect(inbound.status).toBe(201);
  const { callSid: callerSid, taskSid } = inbound.body;
  const workspace = emulator.client.taskrouter.v1.workspaces(emulator.ready.workspaceSid);
  const task = await workspace.tasks(taskSid).fetch();
  expect(JSON.parse(task.attributes)).toMatchObject({ call_sid: callerSid, from: '+15551230001', account: '42', caller_name: 'Ada Lovelace' });

  const reservation = await pendingReservation(workerSid, taskSid);
  await workspace.tasks(taskSid).reservations(reservation.sid).update({ instruction: 'conference', endConferenceOnExit: true });
  await expect.poll(() => voiceEvents(page)).toContain('incoming');
  // Ringing is not accepting: TaskRouter waits for the worker's leg to answer.
  expect((await workspace.tasks(taskSid).reservations(reservation.sid).fetch()).reservationStatus).toBe('pending');

  await callMethod(page, 'accept');
  await expect.poll(async () => (await workspace.tasks(taskSid).reservations(reservation.sid).fetch()).reservationStatus).toBe('accepted');
  const agentCallSid = await page.evaluate(() => (globalThis as unknown as { __voice: { calls: Array<{ parameters: { CallSid: string } }> } }).__voice.calls[0]!.parameters.CallSid);

  const caller = await callView(callerSid);
  expect(caller.status).toBe('in-progress');
  expect(caller.conferenceSid).toMatch(/^CF[0-9a-f]{32}$/);
  const conferenceSid = caller.conferenceSid!;
  const conferences = await emulator.client.conferences.list({ friendlyName: taskSid, status: 'in-progress' });
  expect(conferences.map((c) => c.sid)).toEqual([conferenceSid]);
  expect((await callView(agentCallSid)).conferenceSid).toBe(conferenceSid);

  // Audio flows both ways: the agent's leg receives the browser's microphone, the caller hears it.
  await expect.poll(async () => (await callView(agentCallSid)).media.packetsReceived, { timeout: 10_000 }).toBeGreaterThan(50);
  await expect.poll(async () => (await callView(agentCallSid)).media.packetsSent).toBeGreaterThan(50);
  await expect.poll(async () => (await callView(callerSid)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);

  // Participants API: mute the agent's leg — the caller hears silence; unmute restores it.
  const participants = emulator.client.conferences(conferenceSid).participants;
  await participants(agentCallSid).update({ muted: true });
  await expect.poll(async () => (await callView(callerSid)).media.audioLevel, { timeout: 10_000 }).toBeLessThan(0.001);
  await participants(agentCallSid).update({ muted: false });
  await expect.poll(async () => (await callView(callerSid)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);

  // Hold the caller: the emulator shows it on hold and it hears hold music even while the agent is muted.
  await participants(callerSid).update({ hold: true });
  await participants(agentCallSid).update({ muted: true });
  expect((await participants(callerSid).fetch()).hold).toBe(true);
  expect((await callView(callerSid)).hold).toBe(true);
  await expect.poll(async () => (await callView(callerSid)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.05);
  await participants(callerSid).update({ hold: false });
  await participants(agentCallSid).update({ muted: false });
  expect((await callView(callerSid)).hold).toBe(false);

  // Keypad digits from the SDK reach the emulator (and the caller hears them).
  await callMethod(page, 'sendDigits', '7*');
  await expect.poll(async () => (await callView(agentCallSid)).media.dtmfReceived).toBe('7*');
  expect((await callView(callerSid)).media.dtmfReceived).toBe('7*');

  // Kicking the agent's leg hangs up the SDK's call; with endConferenceOnExit the conference ends and the task wraps.
  await participants(agentCallSid).remove();
  await expect.poll(() => voiceEvents(page)).toContain('call:disconnect');
  await expect.poll(async () => (await callView(callerSid)).status).toBe('completed');
  await expect.poll(async () => (await workspace.tasks(taskSid).fetch()).assignmentStatus).toBe('wrapping');
  expect((await workspace.tasks(taskSid).reservations(reservation.sid).fetch()).reservationStatus).toBe('wrapping');
  expect((await emulator.client.conferences(conferenceSid).fetch()).status).toBe('completed');
});

test('the agent hanging up in the SDK moves the reservation to wrapping', async ({ page }) => {
  const { workerSid } = await agentReady(page);
  const { callSid: callerSid, taskSid } = (await adminJson<{ callSid: string; taskSid: string }>('POST', '/emulator/inbound-call', { from: '+15551230002' })).body;
  const workspace = emulator.client.taskrouter.v1.workspaces(emulator.ready.workspaceSid);
  const reservation = await pendingReservation(workerSid, taskSid);
  await workspace.tasks(taskSid).reservations(reservation.sid).update({ instruction: 'conference' });
  await expect.poll(() => voiceEvents(page)).toContain('incoming');
  await callMethod(page, 'accept');
  await expect.poll(async () => (await workspace.tasks(taskSid).reservations(reservation.sid).fetch()).reservationStatus).toBe('accepted');
  await callMethod(page, 'disconnect');
  await expect.poll(async () => (await workspace.tasks(taskSid).reservations(reservation.sid).fetch()).reservationStatus).toBe('wrapping');
  // Without endConferenceOnExit the caller stays in the conference, alone.
  expect((await callView(callerSid)).status).toBe('in-progress');
});

test('a caller hanging up while the agent rings cancels the Device call and the task, consistently', async ({ page }) => {
  const { workerSid } = await agentReady(page);
  const { callSid: callerSid, taskSid } = (await adminJson<{ callSid: string; taskSid: string }>('POST', '/emulator/inbound-call', { from: '+15551230003' })).body;
  const workspace = emulator.client.taskrouter.v1.workspaces(emulator.ready.workspaceSid);
  const reservation = await pendingReservation(workerSid, taskSid);
  await workspace.tasks(taskSid).reservations(reservation.sid).update({ instruction: 'conference' });
  await expect.poll(() => voiceEvents(page)).toContain('incoming');

  expect((await adminJson<CallView>('POST', `/emulator/calls/${callerSid}/hangup`, {})).status).toBe(200);
  await expect.poll(() => voiceEvents(page)).toContain('call:cancel');
  await expect.poll(async () => (await workspace.tasks(taskSid).fetch()).assignmentStatus).toBe('canceled');
  const after = await workspace.tasks(taskSid).reservations(reservation.sid).fetch();
  expect(after.reservationStatus).toBe('canceled');
  expect((await callView(callerSid)).status).toBe('completed');
  const agentLeg = (await emulator.client.calls.list({ to: `client:${emulator.ready.workers[0]!.contactUri.replace(/^client:/, '')}` }))[0]!;
  expect(agentLeg.status).toBe('canceled');
});

test('admin voice endpoints refuse bad input with Twilio-shaped errors', async () => {
  const bad = await adminJson<{ code: number; message: string }>('POST', '/emulator/inbound-call', { from: 'not a number' });
  expect(bad.status).toBe(400);
  expect(bad.body.message).toMatch(/from/);
  const unknown = await adminJson<{ code: number }>('GET', '/emulator/calls/CA' + '0'.repeat(32));
  expect(unknown.status).toBe(404);
  const malformed = await adminJson<{ code: number }>('GET', '/emulator/calls/nope');
  expect(malformed.status).toBe(400);
});

test('the caller hanging up with EndConferenceOnCustomerExit ends the conference: the agent\'s Device sees its leg disconnect', async ({ page }) => {
  const { workerSid } = await agentReady(page);
  const { callSid: callerSid, taskSid } = (await adminJson<{ callSid: string; taskSid: string }>('POST', '/emulator/inbound-call', { from: '+15551230004' })).body;
  const workspace = emulator.client.taskrouter.v1.workspaces(emulator.ready.workspaceSid);
  const reservation = await pendingReservation(workerSid, taskSid);
  await workspace.tasks(taskSid).reservations(reservation.sid).update({ instruction: 'conference', endConferenceOnCustomerExit: true });
  await expect.poll(() => voiceEvents(page)).toContain('incoming');
  await callMethod(page, 'accept');
  await expect.poll(async () => (await workspace.tasks(taskSid).reservations(reservation.sid).fetch()).reservationStatus).toBe('accepted');
  const [conference] = await emulator.client.conferences.list({ friendlyName: taskSid, status: 'in-progress' });

  expect((await adminJson<CallView>('POST', `/emulator/calls/${callerSid}/hangup`, {})).status).toBe(200);
  await expect.poll(() => voiceEvents(page)).toContain('call:disconnect');
  expect((await emulator.client.conferences(conference!.sid).fetch()).status).toBe('completed');
  await expect.poll(async () => (await workspace.tasks(taskSid).fetch()).assignmentStatus).toBe('wrapping');
});
