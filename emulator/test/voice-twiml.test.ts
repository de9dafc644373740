import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTwimlServer, useTestEmulator, waitFor, workspaceOf, type TwimlServer } from '../test-support/index';

// TwiML run by the voice emulator and the TaskRouter instructions that run
// it, driven through the official `twilio` library and the admin API (no
// browser: workers have no registered Device, so the emulator's stand-in
// phone answers their legs). Media is checked with the emulator's figures.

const env = useTestEmulator({ workers: 2 }, { onlyAvailable: [0] });
let twiml: TwimlServer;

beforeEach(async () => {
  twiml = await startTwimlServer(env.ready.authToken);
});
afterEach(async () => {
  await twiml.close();
});

interface CallView {
  sid: string;
  status: string;
  direction: string;
  parentCallSid: string | null;
  conferenceSid: string | null;
  hold: boolean;
  activity: { kind: string; detail: string | null };
  twimlErrors: { code: number; message: string }[];
  media: { packetsReceived: number; audioLevel: number };
}

async function adminPost<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(env.ready.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
}
const view = async (sid: string) => (await (await fetch(`${env.ready.url}/emulator/calls/${sid}`)).json()) as CallView;
const inboundCall = async (body: Record<string, unknown>) => (await adminPost<{ callSid: string; taskSid: string | null }>('/emulator/inbound-call', body)).body;

async function pendingReservationOf(taskSid: string): Promise<string> {
  return waitFor(async () => (await workspaceOf(env).tasks(taskSid).reservations.list({ reservationStatus: 'pending' }))[0]?.sid, { description: `a pending reservation for ${taskSid}` });
}

describe('queues', () => {
  it('an inbound caller waits in the workflow queue hearing hold music; hanging up there cancels its task', async () => {
    const { callSid, taskSid } = await inboundCall({ from: '+15551230100' });
    const queues = (await (await fetch(`${env.ready.url}/emulator/queues`)).json()) as { queues: { name: string; callSids: string[] }[] };
    expect(queues.queues).toContainEqual({ name: env.ready.workflowSid, callSids: [callSid] });
    await waitFor(async () => (await view(callSid)).media.audioLevel > 0.05, { description: 'hold music reaches the waiting caller' });
    expect((await view(callSid)).activity).toEqual({ kind: 'queue', detail: env.ready.workflowSid });
    await adminPost(`/emulator/calls/${callSid}/hangup`, {});
    await waitFor(async () => (await workspaceOf(env).tasks(taskSid!).fetch()).assignmentStatus === 'canceled', { description: 'the task is canceled' });
  });

  it('<Enqueue workflowSid> with <Task> creates a TaskRouter task carrying the call, signed requests, the caller on hold', async () => {
    twiml.route('/voice', `<Response><Say>Please hold</Say><Enqueue workflowSid="${env.ready.workflowSid}"><Task priority="7">{"queue":"Sales","reason":"Upgrade"}</Task></Enqueue></Response>`);
    const { callSid } = await inboundCall({ from: '+15551230101', url: `${twiml.url}/voice` });
    const task = await waitFor(async () => (await workspaceOf(env).tasks.list()).find((t) => JSON.parse(t.attributes).call_sid === callSid), { timeoutMs: 8_000, description: 'the Enqueue task' });
    expect(JSON.parse(task.attributes)).toMatchObject({ queue: 'Sales', reason: 'Upgrade', call_sid: callSid, from: '+15551230101' });
    expect(task.priority).toBe(7);
    expect(twiml.requests[0]).toMatchObject({ path: '/voice', method: 'POST', signatureValid: true, params: { CallSid: callSid, From: '+15551230101', CallStatus: 'in-progress', Direction: 'inbound' } });
    await waitFor(async () => (await view(callSid)).activity.kind === 'queue', { description: 'the caller waits in the queue' });
  });
});

describe('TaskRouter instructions run TwiML', () => {
  it('Redirect moves the live caller out of its queue to RedirectUrl, which plays audio the caller hears', async () => {
    twiml.route('/announce', `<Response><Play loop="0">${env.ready.url}/assets/tone.wav</Play></Response>`);
    const { callSid, taskSid } = await inboundCall({ from: '+15551230102' });
    const reservationSid = await pendingReservationOf(taskSid!);
    await workspaceOf(env).tasks(taskSid!).reservations(reservationSid).update({ instruction: 'redirect', redirectCallSid: callSid, redirectUrl: `${twiml.url}/announce`, redirectAccept: true });
    await waitFor(async () => (await view(callSid)).activity.kind === 'play', { description: 'the caller plays the redirect TwiML' });
    expect((await view(callSid)).activity.detail).toBe(`${env.ready.url}/assets/tone.wav`);
    await waitFor(async () => (await view(callSid)).media.audioLevel > 0.1, { description: 'the 1 kHz tone (RMS 0.17) reaches the caller' });
    const queues = (await (await fetch(`${env.ready.url}/emulator/queues`)).json()) as { queues: unknown[] };
    expect(queues.queues).toEqual([]);
    expect(twiml.requests.find((r) => r.path === '/announce')).toMatchObject({ signatureValid: true, params: { CallSid: callSid } });
    expect((await workspaceOf(env).tasks(taskSid!).reservations(reservationSid).fetch()).reservationStatus).toBe('accepted');
  });

  it('Redirect of a caller who already hung up leaves the instruction failed with the reason (Twilio: 40122)', async () => {
    const { callSid, taskSid } = await inboundCall({ from: '+15551230114' });
    const reservationSid = await pendingReservationOf(taskSid!);
    // A second task for the same (soon ended) call, so a reservation outlives the caller.
    await adminPost(`/emulator/calls/${callSid}/hangup`, {});
    const other = await workspaceOf(env).tasks.create({ workflowSid: env.ready.workflowSid, taskChannel: 'voice', attributes: JSON.stringify({ call_sid: callSid }) });
    const otherReservation = await pendingReservationOf(other.sid);
    expect(reservationSid).not.toBe(otherReservation);
    await workspaceOf(env).tasks(other.sid).reservations(otherReservation).update({ instruction: 'redirect', redirectCallSid: callSid, redirectUrl: `${twiml.url}/never` });
    const recorded = (await env.admin.reservation(otherReservation))?.instruction as { outcome?: string; reason?: string } | null;
    expect(recorded).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/not in-progress/) });
    expect(twiml.requests).toEqual([]);
  });

  it('Call fetches CallUrl when the worker answers; <Dial><Queue reservationSid> dequeues the caller, bridges and accepts', async () => {
    twiml.route('/agent', (p) => `<Response><Dial><Queue reservationSid="${p['reservationSid'] ?? ''}"/></Dial></Response>`);
    const { callSid, taskSid } = await inboundCall({ from: '+15551230103' });
    const reservationSid = await pendingReservationOf(taskSid!);
    await workspaceOf(env).tasks(taskSid!).reservations(reservationSid).update({ instruction: 'call', callFrom: '+15550000001', callUrl: `${twiml.url}/agent?reservationSid=${reservationSid}` });
    await waitFor(async () => (await workspaceOf(env).tasks(taskSid!).reservations(reservationSid).fetch()).reservationStatus === 'accepted', { description: 'the Queue noun accepts the reservation' });
    const workerLeg = (await view(callSid)).activity;
    expect(workerLeg.kind).toBe('bridge');
    const agent = await view(workerLeg.detail!);
    expect(agent).toMatchObject({ activity: { kind: 'bridge', detail: callSid }, to: env.ready.workers[0]!.contactUri });
    expect(twiml.requests.find((r) => r.path === '/agent')).toMatchObject({ signatureValid: true, params: { CallSid: agent.sid, reservationSid } });
    // No conference under the task's name: Dequeue semantics bridge the two directly.
    expect(await env.client.conferences.list({ friendlyName: taskSid! })).toEqual([]);
    // The caller hanging up ends the bridge: the agent's TwiML ends, its leg hangs up, the task wraps.
    await adminPost(`/emulator/calls/${callSid}/hangup`, {});
    await waitFor(async () => (await view(agent.sid)).status === 'completed', { description: 'the agent leg ends' });
    await waitFor(async () => (await workspaceOf(env).tasks(taskSid!).fetch()).assignmentStatus === 'wrapping', { description: 'the task wraps' });
  });

  it('a <Dial><Queue reservationSid> for a reservation that is not pending fails with 14215 and the caller stays queued', async () => {
    twiml.route('/agent', (p) => `<Response><Dial><Queue reservationSid="${p['reservationSid'] ?? ''}"/></Dial></Response>`);
    const { callSid, taskSid } = await inboundCall({ from: '+15551230104' });
    const reservationSid = await pendingReservationOf(taskSid!);
    await workspaceOf(env).tasks(taskSid!).reservations(reservationSid).update({ instruction: 'call', callFrom: '+15550000001', callUrl: `${twiml.url}/agent?reservationSid=${reservationSid}`, callAccept: true });
    const agentSid = await waitFor(async () => ((await env.admin.reservation(reservationSid))?.instruction as { callSid?: string | null } | null)?.callSid ?? undefined);
    await waitFor(async () => (await view(agentSid)).status === 'completed', { description: 'the agent TwiML fails and its leg hangs up' });
    expect((await view(agentSid)).twimlErrors.map((e) => e.code)).toEqual([14215]);
    expect((await view(callSid)).activity.kind).toBe('queue');
  });

  it('Dequeue takes the caller out of its queue and bridges it to the worker, with no conference', async () => {
    const { callSid, taskSid } = await inboundCall({ from: '+15551230105' });
    const reservationSid = await pendingReservationOf(taskSid!);
    await workspaceOf(env).tasks(taskSid!).reservations(reservationSid).update({ instruction: 'dequeue', dequeueFrom: '+15550000001' });
    await waitFor(async () => (await workspaceOf(env).tasks(taskSid!).reservations(reservationSid).fetch()).reservationStatus === 'accepted');
    const caller = await view(callSid);
    expect(caller.activity.kind).toBe('bridge');
    expect(caller.conferenceSid).toBeNull();
    expect(await env.client.conferences.list({ friendlyName: taskSid! })).toEqual([]);
  });

  it('Conference still puts caller and worker in the conference named after the task; EndConferenceOnCustomerExit ends the agent leg when the caller hangs up', async () => {
    const { callSid, taskSid } = await inboundCall({ from: '+15551230106' });
    const reservationSid = await pendingReservationOf(taskSid!);
    await workspaceOf(env).tasks(taskSid!).reservations(reservationSid).update({ instruction: 'conference', endConferenceOnCustomerExit: true });
    await waitFor(async () => (await workspaceOf(env).tasks(taskSid!).reservations(reservationSid).fetch()).reservationStatus === 'accepted');
    const [conference] = await env.client.conferences.list({ friendlyName: taskSid!, status: 'in-progress' });
    const participants = await env.client.conferences(conference!.sid).participants.list();
    expect(participants.map((p) => p.callSid)).toContain(callSid);
    const agentSid = participants.find((p) => p.callSid !== callSid)!.callSid;
    await adminPost(`/emulator/calls/${callSid}/hangup`, {});
    // What an app polling the REST API sees at once: the agent's call completed, the conference over, the task wrapping.
    expect((await env.client.calls(agentSid).fetch()).status).toBe('completed');
    expect((await env.client.conferences(conference!.sid).fetch()).status).toBe('completed');
    expect(await env.client.conferences(conference!.sid).participants.list()).toEqual([]);
    await waitFor(async () => (await workspaceOf(env).tasks(taskSid!).fetch()).assignmentStatus === 'wrapping');
  });

  it('without EndConferenceOnCustomerExit the caller hanging up leaves the agent alone in the conference, as on Twilio', async () => {
    const { callSid, taskSid } = await inboundCall({ from: '+15551230107' });
    const reservationSid = await pendingReservationOf(taskSid!);
    await workspaceOf(env).tasks(taskSid!).reservations(reservationSid).update({ instruction: 'conference' });
    await waitFor(async () => (await workspaceOf(env).tasks(taskSid!).reservations(reservationSid).fetch()).reservationStatus === 'accepted');
    const [conference] = await env.client.conferences.list({ friendlyName: taskSid!, status: 'in-progress' });
    await adminPost(`/emulator/calls/${callSid}/hangup`, {});
    expect((await env.client.calls(callSid).fetch()).status).toBe('completed');
    const left = await env.client.conferences(conference!.sid).participants.list();
    expect(left).toHaveLength(1);
    expect((await env.client.calls(left[0]!.callSid).fetch()).status).toBe('in-progress');
    expect((await workspaceOf(env).tasks(taskSid!).fetch()).assignmentStatus).toBe('assigned');
  });
});

describe('conference participants through the REST API', () => {
  async function conferencedCaller() {
    const { callSid, taskSid } = await inboundCall({ from: '+15551230108' });
    const reservationSid = await pendingReservationOf(taskSid!);
    await workspaceOf(env).tasks(taskSid!).reservations(reservationSid).update({ instruction: 'conference' });
    await waitFor(async () => (await workspaceOf(env).tasks(taskSid!).reservations(reservationSid).fetch()).reservationStatus === 'accepted');
    const [conference] = await env.client.conferences.list({ friendlyName: taskSid!, status: 'in-progress' });
    return { callSid, taskSid: taskSid!, conferenceSid: conference!.sid };
  }

  it('adds a phone number that really rings and answers, holds it with hold music, mutes, kicks; posts conference events', async () => {
    twiml.route('/conference-events', '<Response/>');
    twiml.route('/call-events', '<Response/>');
    const { callSid, conferenceSid } = await conferencedCaller();
    const participants = env.client.conferences(conferenceSid).participants;
    const added = await participants.create({ from: '+15550000001', to: '+15557654321', label: 'expert', statusCallback: `${twiml.url}/call-events`, statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'], conferenceStatusCallback: `${twiml.url}/conference-events`, conferenceStatusCallbackEvent: ['join', 'leave', 'hold'] });
    expect(added.status).toBe('queued');
    await waitFor(async () => (await participants(added.callSid).fetch()).status === 'connected', { description: 'the callee answers and joins' });
    expect((await env.client.calls(added.callSid).fetch()).status).toBe('in-progress');
    // The callee hears the caller (and the stand-in agent), the caller hears the callee.
    await waitFor(async () => (await view(added.callSid)).media.audioLevel > 0.05, { description: 'the callee hears the caller' });
    await waitFor(async () => (await view(callSid)).media.audioLevel > 0.05, { description: 'the caller hears the callee' });

    await participants(added.callSid).update({ hold: true });
    expect((await participants(added.callSid).fetch()).hold).toBe(true);
    await participants(callSid).update({ muted: true });
    await waitFor(async () => (await view(added.callSid)).media.audioLevel > 0.1, { description: 'hold music is audible to the held participant' });
    expect((await participants.list({ hold: true })).map((p) => p.callSid)).toEqual([added.callSid]);

    expect(await participants(added.callSid).remove()).toBe(true);
    await waitFor(async () => (await view(added.callSid)).status === 'completed', { description: 'the kicked callee hangs up' });
    expect((await participants.list()).map((p) => p.callSid)).not.toContain(added.callSid);
    await waitFor(() => twiml.requests.filter((r) => r.path === '/conference-events').length >= 3);
    const events = twiml.requests.filter((r) => r.path === '/conference-events').map((r) => r.params['StatusCallbackEvent']);
    expect(events).toEqual(expect.arrayContaining(['participant-join', 'participant-hold', 'participant-leave']));
    await waitFor(() => twiml.requests.some((r) => r.path === '/call-events' && r.params['CallStatus'] === 'completed'));
    const callStatuses = twiml.requests.filter((r) => r.path === '/call-events').map((r) => r.params['CallStatus']);
    expect(callStatuses).toEqual(['queued', 'ringing', 'in-progress', 'completed']);
    expect(twiml.requests.every((r) => r.signatureValid)).toBe(true);
  });

  it('a Calls create whose TwiML dials the conference by name joins the existing conference (a transfer target)', async () => {
    const { taskSid, conferenceSid } = await conferencedCaller();
    const created = await env.client.calls.create({ from: '+15550000001', to: '+15550009999', twiml: `<Response><Dial><Conference>${taskSid}</Conference></Dial></Response>` });
    await waitFor(async () => (await env.client.conferences(conferenceSid).participants.list()).some((p) => p.callSid === created.sid), { description: 'the new call joins the task conference' });
    expect((await view(created.sid)).conferenceSid).toBe(conferenceSid);
    expect(await env.client.conferences.list({ friendlyName: taskSid, status: 'in-progress' })).toHaveLength(1);
  });
});

describe('transfers without a server of your own', () => {
  it('a Call instruction whose CallUrl is the demo app with To=conference:<task> joins the original conference', async () => {
    const { callSid, taskSid } = await inboundCall({ from: '+15551230113' });
    const first = await pendingReservationOf(taskSid!);
    await workspaceOf(env).tasks(taskSid!).reservations(first).update({ instruction: 'conference' });
    await waitFor(async () => (await workspaceOf(env).tasks(taskSid!).reservations(first).fetch()).reservationStatus === 'accepted');
    const [conference] = await env.client.conferences.list({ friendlyName: taskSid!, status: 'in-progress' });

    // The transfer task goes to the second worker, whose Call instruction runs the built-in app.
    await workspaceOf(env).workers(env.ready.workers[1]!.sid).update({ activitySid: env.ready.activities['Available']! });
    const transfer = await workspaceOf(env).tasks.create({ workflowSid: env.ready.workflowSid, taskChannel: 'voice', attributes: JSON.stringify({ transfer_of: taskSid, conference: conference!.sid }) });
    const second = await pendingReservationOf(transfer.sid);
    await workspaceOf(env).tasks(transfer.sid).reservations(second).update({ instruction: 'call', callFrom: '+15550000001', callUrl: `${env.ready.url}/twiml/demo-app?To=conference:${taskSid}`, callAccept: true });
    const targetLeg = await waitFor(async () => ((await env.admin.reservation(second))?.instruction as { callSid?: string | null } | null)?.callSid ?? undefined);
    await waitFor(async () => (await env.client.conferences(conference!.sid).participants.list()).some((p) => p.callSid === targetLeg), { description: 'the target joins the original conference' });
    expect((await env.client.conferences(conference!.sid).participants.list()).map((p) => p.callSid)).toContain(callSid);
  });
});

describe('TwiML bounds and refusals', () => {
  it('a redirect loop is cut with 12400 and the call hangs up', async () => {
    twiml.route('/loop', '<Response><Redirect>/loop</Redirect></Response>');
    const { callSid } = await inboundCall({ from: '+15551230109', url: `${twiml.url}/loop` });
    await waitFor(async () => (await view(callSid)).status === 'completed', { description: 'the looping call ends' });
    expect((await view(callSid)).twimlErrors).toEqual([expect.objectContaining({ code: 12400, message: expect.stringMatching(/Redirect loop/) })]);
    expect(twiml.requests.length).toBeLessThanOrEqual(11);
  });

  it('a <Redirect> off loopback is refused (21218) without any request, and a malformed document fails with 12100', async () => {
    twiml.route('/away', '<Response><Redirect>https://example.com/twiml</Redirect></Response>');
    twiml.route('/broken', '<Response><Say>oops</Response>');
    const away = await inboundCall({ from: '+15551230110', url: `${twiml.url}/away` });
    const broken = await inboundCall({ from: '+15551230111', url: `${twiml.url}/broken` });
    await waitFor(async () => (await view(away.callSid)).status === 'completed' && (await view(broken.callSid)).status === 'completed');
    expect((await view(away.callSid)).twimlErrors[0]).toMatchObject({ code: 21218, message: expect.stringMatching(/loopback/) });
    expect((await view(broken.callSid)).twimlErrors[0]).toMatchObject({ code: 12100 });
  });

  it('the admin API refuses a TwiML URL off loopback with a clear 400', async () => {
    const refused = await adminPost<{ message: string }>('/emulator/inbound-call', { from: '+15551230112', url: 'https://example.com/voice' });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/loopback/);
  });
});
