import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, waitFor, type TestEmulator } from '../test-support/index';

/**
 * Every route the black-box suite does not already exercise — configuration
 * resources and API 2010 calls, conferences, participants — driven through
 * the official library, with every response checked against Twilio's OpenAPI
 * specs by the test-support validating client.
 */

let env: TestEmulator;

beforeAll(async () => {
  env = await startTestEmulator();
});

afterAll(async () => {
  await env.close();
});

describe('spec coverage of the remaining routes', () => {
  it('configuration resources answer spec-valid JSON through the whole CRUD cycle', async () => {
    const ws = env.client.taskrouter.v1.workspaces(env.ready.workspaceSid);
    expect((await env.client.taskrouter.v1.workspaces.list()).map((w) => w.sid)).toEqual([env.ready.workspaceSid]);
    expect((await ws.update({ friendlyName: 'Renamed' })).friendlyName).toBe('Renamed');

    const activity = await ws.activities.create({ friendlyName: 'Training', available: false });
    expect((await ws.activities(activity.sid).update({ friendlyName: 'Coaching' })).friendlyName).toBe('Coaching');
    expect(await ws.activities(activity.sid).remove()).toBe(true);

    const worker = await ws.workers.create({ friendlyName: 'Zed Zimmer', attributes: '{"skills":["support"],"contact_uri":"client:zed"}' });
    expect((await ws.workers(worker.sid).update({ activitySid: env.ready.activities['Available'] })).available).toBe(true);
    const channels = await ws.workers(worker.sid).workerChannels.list();
    expect(channels.map((c) => c.taskChannelUniqueName).sort()).toEqual(['chat', 'default', 'sms', 'voice']);
    expect((await ws.workers(worker.sid).workerChannels('chat').update({ capacity: 3 })).configuredCapacity).toBe(3);
    expect(await ws.workers(worker.sid).remove()).toBe(true);

    const queue = await ws.taskQueues.create({ friendlyName: 'VIP', targetWorkers: 'skills HAS "vip"' });
    expect((await ws.taskQueues(queue.sid).update({ maxReservedWorkers: 3 })).maxReservedWorkers).toBe(3);
    const workflow = await ws.workflows.create({ friendlyName: 'VIP routing', configuration: JSON.stringify({ task_routing: { filters: [{ expression: 'vip == true', targets: [{ queue: queue.sid }] }] } }), taskReservationTimeout: 45 });
    expect((await ws.workflows(workflow.sid).fetch()).taskReservationTimeout).toBe(45);
    const hooked = await ws.workflows(workflow.sid).update({ assignmentCallbackUrl: 'http://127.0.0.1:9/assign', fallbackAssignmentCallbackUrl: 'http://localhost:9/fallback' });
    expect([hooked.assignmentCallbackUrl, hooked.fallbackAssignmentCallbackUrl]).toEqual(['http://127.0.0.1:9/assign', 'http://localhost:9/fallback']);
    const events = await ws.update({ eventCallbackUrl: 'http://127.0.0.1:9/events', eventsFilter: 'task.created,task.canceled' });
    expect([events.eventCallbackUrl, events.eventsFilter]).toEqual(['http://127.0.0.1:9/events', 'task.created,task.canceled']);
    expect((await ws.update({ eventCallbackUrl: '' })).eventCallbackUrl).toBeNull();
    expect(await ws.workflows(workflow.sid).remove()).toBe(true);
    expect(await ws.taskQueues(queue.sid).remove()).toBe(true);

    const channel = await ws.taskChannels.create({ friendlyName: 'Video', uniqueName: 'video' });
    expect((await ws.taskChannels('video').fetch()).sid).toBe(channel.sid);
    expect(await ws.taskChannels(channel.sid).remove()).toBe(true);

    expect(env.specViolations()).toEqual([]);
  });

  it('API 2010 calls, conferences and participants answer spec-valid JSON', async () => {
    const ws = env.client.taskrouter.v1.workspaces(env.ready.workspaceSid);
    const callerSid = `CA${'1'.repeat(32)}`;
    const task = await ws.tasks.create({ attributes: JSON.stringify({ queue: 'Support', call_sid: callerSid, from: '+15555550123' }), workflowSid: env.ready.workflowSid, taskChannel: 'voice' });
    const [reservation] = await ws.tasks(task.sid).reservations.list();
    await ws.tasks(task.sid).reservations(reservation!.sid).update({ instruction: 'conference', from: '+15555550100', conferenceStatusCallbackEvent: ['start', 'end'] });
    await waitFor(async () => (await ws.tasks(task.sid).reservations(reservation!.sid).fetch()).reservationStatus === 'accepted');

    const [conference] = await env.client.conferences.list({ friendlyName: task.sid });
    expect(conference?.status).toBe('in-progress');
    const participants = await env.client.conferences(conference!.sid).participants.list();
    expect(participants.map((p) => p.label).sort()).toEqual(['customer', 'worker']);
    const customer = participants.find((p) => p.label === 'customer')!;
    expect(customer.callSid).toMatch(/^CA[0-9a-f]{32}$/);
    expect((await env.client.conferences(conference!.sid).participants(customer.callSid).update({ hold: true, holdUrl: `${env.ready.url}/twiml/hold-music` })).hold).toBe(true);
    const added = await env.client.conferences(conference!.sid).participants.create({ from: '+15555550100', to: '+15555550142' });
    expect(['queued', 'ringing']).toContain(added.status);
    await waitFor(async () => (await env.client.conferences(conference!.sid).participants(added.callSid).fetch()).status === 'connected');
    expect((await env.client.calls(added.callSid).fetch()).status).toBe('in-progress');
    expect(await env.client.conferences(conference!.sid).participants(added.callSid).remove()).toBe(true);

    const outbound = await env.client.calls.create({ from: '+15555550100', to: '+15555550111', url: `${env.ready.url}/twiml/demo-app` });
    expect(outbound.status).toBe('queued');
    expect((await env.client.calls(customer.callSid).update({ status: 'completed' })).status).toBe('completed');
    expect((await env.client.calls.list()).length).toBeGreaterThanOrEqual(3);

    expect(env.specViolations()).toEqual([]);
  });

  it('lists the workspace events newest first, with filters, in the Event resource shape', async () => {
    const ws = env.client.taskrouter.v1.workspaces(env.ready.workspaceSid);
    const task = await ws.tasks.create({ attributes: '{"queue":"Billing"}', workflowSid: env.ready.workflowSid, taskChannel: 'voice' });
    const events = await ws.events.list({ taskSid: task.sid });
    expect(events.map((e) => e.eventType)).toEqual(['reservation.created', 'task.created']);
    expect(events[1]!.resourceSid).toBe(task.sid);
    expect((await ws.events(events[0]!.sid).fetch()).eventType).toBe('reservation.created');
    expect((await ws.events.list({ eventType: 'task.created', limit: 1 })).map((e) => e.resourceSid)).toEqual([task.sid]);
    expect(env.specViolations()).toEqual([]);
  });
});
