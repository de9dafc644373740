import { describe, expect, it } from 'vitest';
import { activitySid, useTestEmulator, workerSid, workspaceOf } from '../test-support/index';

// The rest of the TaskRouter surface, through the official library: every call below is
// also checked against Twilio's OpenAPI spec (creates must answer 201, deletes 204).

const env = useTestEmulator({ workers: 2 });

describe('TaskRouter resources through the official library', () => {
  it('workspace: list, fetch, update; default and timeout activities are set', async () => {
    const workspaces = await env.client.taskrouter.v1.workspaces.list();
    expect(workspaces.map((w) => w.sid)).toEqual([env.ready.workspaceSid]);
    const workspace = await workspaceOf(env).fetch();
    expect(workspace.timeoutActivitySid).toBe(activitySid(env, 'Missed'));
    expect(workspace.defaultActivitySid).toBe(activitySid(env, 'Offline'));
    expect((await workspaceOf(env).update({ friendlyName: 'Night shift' })).friendlyName).toBe('Night shift');
  });

  it('activities: list with the Available filter, create, update, delete', async () => {
    const available = await workspaceOf(env).activities.list({ available: 'true' });
    expect(available.map((a) => a.friendlyName)).toEqual(['Available']);
    const created = await workspaceOf(env).activities.create({ friendlyName: 'Training', available: false });
    expect(created.sid).toMatch(/^WA[0-9a-f]{32}$/);
    expect((await workspaceOf(env).activities(created.sid).update({ friendlyName: 'Coaching' })).friendlyName).toBe('Coaching');
    expect(await workspaceOf(env).activities(created.sid).remove()).toBe(true);
    await expect(workspaceOf(env).activities(created.sid).fetch()).rejects.toMatchObject({ status: 404 });
  });

  it('workers: filter by activity, create with contact_uri, update with If-Match, delete', async () => {
    await workspaceOf(env).workers(workerSid(env, 1)).update({ activitySid: activitySid(env, 'Offline') });
    const offline = await workspaceOf(env).workers.list({ activityName: 'Offline' });
    expect(offline.map((w) => w.sid)).toContain(workerSid(env, 1));
    expect(offline.map((w) => w.sid)).not.toContain(workerSid(env, 0));

    const created = await workspaceOf(env).workers.create({ friendlyName: 'Zoe New', attributes: JSON.stringify({ contact_uri: 'client:zoe', skills: ['support'] }) });
    expect(created.sid).toMatch(/^WK[0-9a-f]{32}$/);
    expect(JSON.parse(created.attributes)).toMatchObject({ contact_uri: 'client:zoe' });
    expect(created.activitySid).toBe(activitySid(env, 'Offline'));

    const context = workspaceOf(env).workers(created.sid);
    const { headers } = await context.fetchWithHttpInfo();
    const etag = String(headers.etag ?? headers.ETag);
    await context.update({ activitySid: activitySid(env, 'Available'), ifMatch: etag });
    await expect(context.update({ activitySid: activitySid(env, 'Break'), ifMatch: etag })).rejects.toMatchObject({ status: 412 });
    expect((await context.fetch()).activityName).toBe('Available');

    expect(await context.remove()).toBe(true);
    await expect(context.fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
  });

  it('worker channels: list, fetch, update capacity and availability', async () => {
    const channels = await workspaceOf(env).workers(workerSid(env, 0)).workerChannels.list();
    expect(channels.length).toBeGreaterThan(0);
    const voice = channels.find((c) => c.taskChannelUniqueName === 'voice') ?? channels[0]!;
    const fetched = await workspaceOf(env).workers(workerSid(env, 0)).workerChannels(voice.sid).fetch();
    expect(fetched.workerSid).toBe(workerSid(env, 0));
    const updated = await workspaceOf(env).workers(workerSid(env, 0)).workerChannels(voice.sid).update({ capacity: 3, available: false });
    expect(updated.configuredCapacity).toBe(3);
    expect(updated.available).toBe(false);
  });

  it('task queues: create with max_reserved_workers, update, delete', async () => {
    const queue = await workspaceOf(env).taskQueues.create({ friendlyName: 'Escalations', targetWorkers: 'skills HAS "support"', maxReservedWorkers: 2 });
    expect(queue.sid).toMatch(/^WQ[0-9a-f]{32}$/);
    expect(queue.maxReservedWorkers).toBe(2);
    expect(queue.targetWorkers).toBe('skills HAS "support"');
    expect((await workspaceOf(env).taskQueues(queue.sid).update({ friendlyName: 'Escalations 2' })).friendlyName).toBe('Escalations 2');
    expect(await workspaceOf(env).taskQueues(queue.sid).remove()).toBe(true);
  });

  it('workflows: create with configuration and TaskReservationTimeout, refuse a timeout above 86,400, delete', async () => {
    const [queue] = await workspaceOf(env).taskQueues.list();
    const configuration = JSON.stringify({ task_routing: { filters: [], default_filter: { queue: queue!.sid } } });
    const workflow = await workspaceOf(env).workflows.create({ friendlyName: 'After hours', configuration, taskReservationTimeout: 45 });
    expect(workflow.sid).toMatch(/^WW[0-9a-f]{32}$/);
    expect(workflow.taskReservationTimeout).toBe(45);
    expect(JSON.parse(workflow.configuration)).toEqual(JSON.parse(configuration));
    await expect(workspaceOf(env).workflows(workflow.sid).update({ taskReservationTimeout: 86_401 })).rejects.toMatchObject({ status: 400 });
    expect(await workspaceOf(env).workflows(workflow.sid).remove()).toBe(true);
  });

  it('task channels: list, create, fetch, delete', async () => {
    const channels = await workspaceOf(env).taskChannels.list();
    expect(channels.map((c) => c.uniqueName)).toEqual(expect.arrayContaining(['default', 'voice']));
    const created = await workspaceOf(env).taskChannels.create({ friendlyName: 'Video', uniqueName: 'video' });
    expect(created.sid).toMatch(/^TC[0-9a-f]{32}$/);
    expect((await workspaceOf(env).taskChannels(created.sid).fetch()).uniqueName).toBe('video');
    expect(await workspaceOf(env).taskChannels(created.sid).remove()).toBe(true);
  });
});
