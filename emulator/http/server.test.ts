import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../index';

/**
 * Smoke test of the server with the official `twilio` library pointed at the
 * emulator through each domain's `baseUrl` (no custom HTTP client). The
 * thorough black-box suite lives in emulator/test/.
 */

let emulator: RunningEmulator;
let client: twilio.Twilio;

beforeAll(async () => {
  emulator = await startEmulator({ traffic: 'off', manualClock: true, reservationTimeoutSeconds: 30 });
  const { ready } = emulator;
  client = twilio(ready.apiKeySid, ready.apiKeySecret, { accountSid: ready.accountSid });
  client.taskrouter.baseUrl = ready.url;
  client.api.baseUrl = ready.url;
});

afterAll(async () => {
  await emulator.close();
});

const admin = async (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') => {
  const response = await fetch(`${emulator.url}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('emulator server with the twilio library', () => {
  it('serves the workspace, activities and workers', async () => {
    const ws = client.taskrouter.v1.workspaces(emulator.ready.workspaceSid);
    const workspace = await ws.fetch();
    expect(workspace.defaultActivityName).toBe('Offline');
    expect(workspace.timeoutActivityName).toBe('Missed');
    const activities = await ws.activities.list();
    expect(activities.map((a) => a.friendlyName).sort()).toEqual(Object.keys(emulator.ready.activities).sort());
    const workers = await ws.workers.list();
    expect(workers.map((w) => w.sid)).toEqual(emulator.ready.workers.map((w) => w.sid));
    expect(JSON.parse(workers[0]!.attributes)).toMatchObject({ contact_uri: 'client:alice' });
  });

  it('routes a task to the agent, accepts it through the worker route, and completes it', async () => {
    const ws = client.taskrouter.v1.workspaces(emulator.ready.workspaceSid);
    const agent = emulator.ready.workers[0]!.sid;
    const task = await ws.tasks.create({ attributes: JSON.stringify({ queue: 'Support', caller_name: 'Maria' }), workflowSid: emulator.ready.workflowSid, taskChannel: 'voice' });
    expect(task.assignmentStatus).toBe('reserved');
    const [reservation] = await ws.workers(agent).reservations.list({ reservationStatus: 'pending' });
    expect(reservation?.taskSid).toBe(task.sid);
    const withEtag = await ws.workers(agent).reservations(reservation!.sid).fetchWithHttpInfo();
    expect(withEtag.headers['etag']).toBeDefined();
    const accepted = await ws.workers(agent).reservations(reservation!.sid).update({ reservationStatus: 'accepted', ifMatch: withEtag.headers['etag'] });
    expect(accepted.reservationStatus).toBe('accepted');
    await ws.tasks(task.sid).reservations(reservation!.sid).update({ reservationStatus: 'completed' });
    expect((await ws.tasks(task.sid).fetch()).assignmentStatus).toBe('completed');
  });

  it('times out a reservation when the clock is advanced through the admin API', async () => {
    const ws = client.taskrouter.v1.workspaces(emulator.ready.workspaceSid);
    const created = await admin('/emulator/tasks', { attributes: { queue: 'Support' }, taskChannel: 'voice' });
    expect(created.status).toBe(201);
    const taskSid = String(created.body['sid']);
    const [first] = await ws.tasks(taskSid).reservations.list();
    await admin('/emulator/clock', { advanceMs: 30_000 });
    expect((await ws.tasks(taskSid).reservations(first!.sid).fetch()).reservationStatus).toBe('timeout');
    const worker = await ws.workers(first!.workerSid).fetch();
    expect(worker.activityName).toBe('Missed');
  });

  it('raises RestException with Twilio codes for refused updates, 404 and bad auth', async () => {
    const ws = client.taskrouter.v1.workspaces(emulator.ready.workspaceSid);
    const missing = ws.tasks(`WT${'0'.repeat(32)}`).fetch();
    await expect(missing).rejects.toMatchObject({ status: 404, code: 20404 });
    const bad = twilio(emulator.ready.accountSid, 'wrong-token');
    bad.taskrouter.baseUrl = emulator.url;
    await expect(bad.taskrouter.v1.workspaces(emulator.ready.workspaceSid).fetch()).rejects.toMatchObject({ status: 401, code: 20003 });
    const task = await ws.tasks.create({ attributes: '{"queue":"Sales"}', workflowSid: emulator.ready.workflowSid, taskChannel: 'voice' });
    const [r] = await ws.tasks(task.sid).reservations.list();
    await expect(ws.tasks(task.sid).reservations(r!.sid).update({ instruction: 'dequeue' })).rejects.toMatchObject({ status: 400, code: 20001 });
  });

  it('lists calls through API 2010 and keeps the admin API to its own origin and to JSON', async () => {
    const calls = await client.calls.list();
    expect(Array.isArray(calls)).toBe(true);
    const foreign = await fetch(`${emulator.url}/emulator/reset`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' });
    expect(foreign.status).toBe(403);
    const form = await fetch(`${emulator.url}/emulator/reset`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=b' });
    expect(form.status).toBe(415);
  });

  it('reset keeps SIDs and credentials and forgets tasks', async () => {
    expect((await admin('/emulator/reset', {})).status).toBe(200);
    const ready = await admin('/emulator/ready');
    expect(ready.body).toEqual(emulator.ready);
    const tasks = await client.taskrouter.v1.workspaces(emulator.ready.workspaceSid).tasks.list();
    expect(tasks).toEqual([]);
  });

  it('injects faults on Twilio paths only: 503, 429 with Retry-After for a count, dropped sockets, then clears', async () => {
    const url = `${emulator.url}/v1/Workspaces/${emulator.ready.workspaceSid}`;
    const authorization = `Basic ${Buffer.from(`${emulator.ready.accountSid}:${emulator.ready.authToken}`).toString('base64')}`;
    const get = () => fetch(url, { headers: { authorization } });

    expect((await admin('/emulator/faults', { status: 503, times: 2 })).status).toBe(200);
    expect((await get()).status).toBe(503);
    expect((await admin('/emulator/health')).status).toBe(200);
    const second = await get();
    expect(second.status).toBe(503);
    expect(await second.json()).toMatchObject({ status: 503, code: 20503 });
    expect((await get()).status).toBe(200);

    await admin('/emulator/faults', { rateLimit: { retryAfterSeconds: 7, count: 1 } });
    const limited = await get();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await get()).status).toBe(200);

    await admin('/emulator/faults', { drop: true, pathPrefix: '/v1/', times: 1 });
    await expect(get()).rejects.toThrow();
    expect((await get()).status).toBe(200);

    await admin('/emulator/faults', { status: 500 });
    expect((await fetch(`${emulator.url}/emulator/faults`, { method: 'DELETE' })).status).toBe(200);
    expect((await get()).status).toBe(200);
    expect((await admin('/emulator/faults', { status: 418 })).status).toBe(400);
  });
});
