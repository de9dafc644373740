import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import twilio from 'twilio';
import {
  activitySid,
  callTaskAttributes,
  createTask,
  normalizedParams,
  startCallbackServer,
  useTestEmulator,
  waitFor,
  waitForTaskReservation,
  workerSid,
  workspaceOf,
  type CallbackServer,
} from '../test-support/index';

/**
 * Assignment and event callbacks as TaskRouter documents them, driven through the
 * official `twilio` library against a callback server on 127.0.0.1.
 */

const env = useTestEmulator({ workers: 2 }, { onlyAvailable: [0] });
let hooks: CallbackServer;

beforeEach(async () => {
  hooks = await startCallbackServer();
});

afterEach(async () => {
  await hooks.close();
});

const workflow = () => workspaceOf(env).workflows(env.ready.workflowSid);
const useAssignmentCallback = (path = '/assign', fallback?: string) => workflow().update({ assignmentCallbackUrl: `${hooks.url}${path}`, ...(fallback ? { fallbackAssignmentCallbackUrl: `${hooks.url}${fallback}` } : {}) });
const callbackLog = async () => (await fetch(`${env.ready.url}/emulator/callbacks`)).json() as Promise<{ callbacks: { url: string; outcome: string; code?: number; kind: string; status: number | null }[] }>;
const answer = (body: unknown) => () => ({ status: 200, body: JSON.stringify(body) });

async function reservationOf(taskSid: string) {
  return waitFor(() => env.running.engine.listReservations({ taskSid })[0], { description: `a reservation for ${taskSid}` });
}

async function statusOf(reservationSid: string, status: string) {
  return waitFor(() => (env.running.engine.getReservation(reservationSid)?.status === status ? true : undefined), { description: `reservation ${reservationSid} ${status}` });
}

describe('assignment callback', () => {
  it('POSTs the documented parameters, signed so that twilio-node validateRequest accepts them; an empty 200 leaves the reservation pending', async () => {
    await useAssignmentCallback();
    const taskSid = await createTask(env, callTaskAttributes({ queue: 'Support' }));
    const request = await waitFor(() => hooks.requests[0], { description: 'the assignment callback' });
    const reservation = await reservationOf(taskSid);
    const worker = env.running.engine.getWorker(workerSid(env, 0))!;
    expect(request.path).toBe('/assign');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.keys(request.params).sort()).toEqual(['AccountSid', 'ReservationSid', 'TaskAge', 'TaskAttributes', 'TaskPriority', 'TaskQueueSid', 'TaskSid', 'Timestamp', 'WorkerAttributes', 'WorkerSid', 'WorkflowSid', 'WorkspaceSid'].sort());
    expect(request.params).toMatchObject({
      AccountSid: env.ready.accountSid,
      WorkspaceSid: env.ready.workspaceSid,
      WorkflowSid: env.ready.workflowSid,
      TaskSid: taskSid,
      ReservationSid: reservation.sid,
      WorkerSid: worker.sid,
      WorkerAttributes: worker.attributes,
      TaskPriority: '0',
      TaskAge: '0',
    });
    expect(JSON.parse(request.params['TaskAttributes']!)).toMatchObject({ queue: 'Support' });
    expect(request.params['TaskQueueSid']).toMatch(/^WQ/);
    expect(twilio.validateRequest(env.ready.authToken, String(request.headers['x-twilio-signature']), request.url, request.params)).toBe(true);
    expect(twilio.validateRequest('another-token', String(request.headers['x-twilio-signature']), request.url, request.params)).toBe(false);
    await waitFor(async () => (await callbackLog()).callbacks.length > 0 || undefined, { description: 'the answer handled' });
    expect(env.running.engine.getReservation(reservation.sid)?.status).toBe('pending');
  });

  it('accept: the reservation is accepted and the task assigned', async () => {
    hooks.reply = answer({ instruction: 'accept' });
    await useAssignmentCallback();
    const taskSid = await createTask(env);
    const reservation = await reservationOf(taskSid);
    await statusOf(reservation.sid, 'accepted');
    expect((await workspaceOf(env).tasks(taskSid).fetch()).assignmentStatus).toBe('assigned');
  });

  it('reject with activity_sid: rejected, and the worker moves to that activity', async () => {
    hooks.reply = answer({ instruction: 'reject', activity_sid: activitySid(env, 'Break') });
    await useAssignmentCallback();
    const taskSid = await createTask(env);
    const reservation = await reservationOf(taskSid);
    await statusOf(reservation.sid, 'rejected');
    expect((await workspaceOf(env).workers(workerSid(env, 0)).fetch()).activityName).toBe('Break');
  });

  it('conference: the instruction and its parameters go through the same path as a REST update', async () => {
    hooks.reply = answer({ instruction: 'conference', from: '+15550100999', to: 'client:alice-desk', timeout: 20, end_conference_on_exit: true, status_callback_event: ['initiated', 'answered'] });
    await useAssignmentCallback();
    const taskSid = await createTask(env);
    const reservation = await reservationOf(taskSid);
    const dumped = await waitFor(async () => (await env.admin.reservation(reservation.sid))?.instruction ?? undefined, { description: 'the conference instruction recorded' });
    expect(dumped.name).toBe('conference');
    expect(normalizedParams(dumped.params)).toMatchObject({ From: '+15550100999', To: 'client:alice-desk', Timeout: '20', EndConferenceOnExit: 'true', StatusCallbackEvent: ['initiated', 'answered'] });
    await statusOf(reservation.sid, 'accepted');
  });

  it('dequeue, call and redirect map their parameters onto the Dequeue*, Call* and Redirect* ones', async () => {
    const caller = `CA${'b'.repeat(32)}`;
    const answers = [
      { instruction: 'dequeue', from: '+15550100999', to: 'client:alice', timeout: 30, post_work_activity_sid: activitySid(env, 'Wrap Up'), status_callback_events: 'initiated,answered' },
      { instruction: 'call', from: '+15550100999', url: 'http://127.0.0.1:9/twiml', accept: true, timeout: 15 },
      { instruction: 'redirect', call_sid: caller, url: 'http://127.0.0.1:9/redirect', accept: true },
    ];
    const expected = [
      { DequeueFrom: '+15550100999', DequeueTo: 'client:alice', DequeueTimeout: '30', DequeuePostWorkActivitySid: activitySid(env, 'Wrap Up'), DequeueStatusCallbackEvent: ['initiated', 'answered'] },
      { CallFrom: '+15550100999', CallUrl: 'http://127.0.0.1:9/twiml', CallAccept: 'true', CallTimeout: '15' },
      { RedirectCallSid: caller, RedirectUrl: 'http://127.0.0.1:9/redirect', RedirectAccept: 'true' },
    ];
    let next = 0;
    hooks.reply = () => ({ status: 200, body: JSON.stringify(answers[next++]) });
    await useAssignmentCallback();
    for (const [index, params] of expected.entries()) {
      const taskSid = await createTask(env);
      const reservation = await reservationOf(taskSid);
      const dumped = await waitFor(async () => (await env.admin.reservation(reservation.sid))?.instruction ?? undefined, { description: `instruction ${answers[index]!.instruction}` });
      expect(dumped.name).toBe(answers[index]!.instruction);
      expect(normalizedParams(dumped.params)).toMatchObject(params);
      // Free the worker for the next offer.
      await workspaceOf(env).tasks(taskSid).remove();
    }
  });

  it('uses the fallback URL when the primary answers 500, and when it does not answer in time', async () => {
    hooks.reply = (request) => (request.path === '/broken' ? { status: 500, body: 'oops' } : request.path.startsWith('/slow') ? 'hang' : { status: 200, body: JSON.stringify({ instruction: 'accept' }) });
    await useAssignmentCallback('/broken', '/fallback');
    const first = await reservationOf(await createTask(env));
    await statusOf(first.sid, 'accepted');
    expect(hooks.requests.map((r) => r.path)).toEqual(['/broken', '/fallback']);
    expect(twilio.validateRequest(env.ready.authToken, String(hooks.requests[1]!.headers['x-twilio-signature']), hooks.requests[1]!.url, hooks.requests[1]!.params)).toBe(true);
    await workspaceOf(env).tasks(first.taskSid).remove();

    // Twilio's connection override #rt= shortens the wait (the default is 5 s).
    await useAssignmentCallback('/slow#rt=200', '/fallback');
    const second = await reservationOf(await createTask(env));
    await statusOf(second.sid, 'accepted');
    expect(hooks.requests.map((r) => r.path).slice(2)).toEqual(['/slow', '/fallback']);
    expect((await callbackLog()).callbacks.find((c) => c.url.includes('/slow'))?.outcome).toMatch(/no answer within 200 ms/);
  });

  it('a server that hangs, answers garbage or no instruction leaves the reservation pending and the emulator answering', async () => {
    const bodies = ['not json at all', '{"unexpected":true}', '["accept"]', '{"instruction":"teleport"}'];
    let next = 0;
    hooks.reply = () => (next >= bodies.length ? 'hang' : { status: 200, body: bodies[next++]! });
    await useAssignmentCallback('/odd#rt=300');
    const codes: (number | undefined)[] = [];
    for (let i = 0; i < bodies.length; i++) {
      const taskSid = await createTask(env);
      const reservation = await reservationOf(taskSid);
      const entry = await waitFor(async () => (await callbackLog()).callbacks[i], { description: `callback ${i} handled` });
      codes.push(entry.code);
      expect(env.running.engine.getReservation(reservation.sid)?.status).toBe('pending');
      await workspaceOf(env).tasks(taskSid).remove();
    }
    expect(codes).toEqual([40001, 40005, 40001, 40002]);
    // While a callback hangs, the emulator keeps answering.
    const taskSid = await createTask(env);
    await waitFor(() => hooks.requests.length === bodies.length + 1, { description: 'the hanging callback sent' });
    const started = Date.now();
    expect((await fetch(`${env.ready.url}/emulator/health`)).status).toBe(200);
    expect((await workspaceOf(env).tasks(taskSid).fetch()).assignmentStatus).toBe('reserved');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('refuses callback URLs off this machine when the workflow is saved', async () => {
    for (const url of ['https://hooks.example.com/assign', 'http://10.0.0.5/assign', 'http://user:pw@127.0.0.1/assign']) {
      await expect(workflow().update({ assignmentCallbackUrl: url })).rejects.toMatchObject({ status: 400, code: 20001, message: expect.stringMatching(/AssignmentCallbackUrl/) });
      await expect(workflow().update({ fallbackAssignmentCallbackUrl: url })).rejects.toMatchObject({ status: 400 });
    }
    await expect(workspaceOf(env).update({ eventCallbackUrl: 'https://events.example.com/in' })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/EventCallbackUrl/) });
    expect((await workflow().fetch()).assignmentCallbackUrl).toBeNull();
    for (const url of ['http://localhost:8080/a', 'http://127.0.0.2/a', 'http://[::1]:8080/a']) expect((await workflow().update({ assignmentCallbackUrl: url })).assignmentCallbackUrl).toBe(url);
    expect((await workflow().update({ assignmentCallbackUrl: '' })).assignmentCallbackUrl).toBeNull();
  });
});

describe('event callbacks', () => {
  it('POSTs workspace events in order, signed, with their fields, honouring EventsFilter', async () => {
    hooks.reply = () => ({ status: 204 });
    await workspaceOf(env).update({ eventCallbackUrl: `${hooks.url}/events`, eventsFilter: 'task.created,reservation.created,reservation.accepted' });
    const taskSid = await createTask(env, callTaskAttributes({ queue: 'Support' }));
    const reservation = await waitForTaskReservation(env, taskSid);
    await workspaceOf(env).tasks(taskSid).reservations(reservation.sid).update({ reservationStatus: 'accepted' });
    await waitFor(() => hooks.requests.length >= 3, { description: 'three event callbacks' });
    expect(hooks.requests.map((r) => r.params['EventType'])).toEqual(['task.created', 'reservation.created', 'reservation.accepted']);
    for (const request of hooks.requests) {
      expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(twilio.validateRequest(env.ready.authToken, String(request.headers['x-twilio-signature']), request.url, request.params)).toBe(true);
      expect(request.params).toMatchObject({ AccountSid: env.ready.accountSid, WorkspaceSid: env.ready.workspaceSid, WorkspaceName: 'Emulated Contact Center', TaskSid: taskSid });
      expect(request.params['Timestamp']).toMatch(/^\d{10}$/);
    }
    expect(hooks.requests[0]!.params).toMatchObject({ ResourceType: 'task', ResourceSid: taskSid, TaskAssignmentStatus: 'pending', TaskQueueName: 'Support' });
    expect(hooks.requests[1]!.params).toMatchObject({ ResourceType: 'reservation', ResourceSid: reservation.sid, ReservationSid: reservation.sid, WorkerSid: workerSid(env, 0), WorkerActivityName: 'Available' });
    expect(JSON.parse(hooks.requests[1]!.params['TaskAttributes']!)).toMatchObject({ queue: 'Support' });
    // No other event type was sent (task.updated, worker.activity.update... are filtered out).
    await workspaceOf(env).workers(workerSid(env, 1)).update({ activitySid: activitySid(env, 'Break') });
    const before = hooks.requests.length;
    await workspaceOf(env).update({ eventsFilter: 'worker.activity.update' });
    await workspaceOf(env).workers(workerSid(env, 1)).update({ activitySid: activitySid(env, 'Available') });
    await waitFor(() => hooks.requests.length > before, { description: 'the worker event' });
    expect(hooks.requests.slice(before).map((r) => r.params['EventType'])).toEqual(['worker.activity.update']);
    expect(hooks.requests.at(-1)!.params).toMatchObject({ ResourceType: 'worker', WorkerSid: workerSid(env, 1), WorkerActivityName: 'Available' });
  });
});
