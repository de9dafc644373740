import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as TaskRouter from 'twilio-taskrouter';
import type { Reservation, Supervisor as SupervisorType, Worker } from 'twilio-taskrouter';
import { EVENTBRIDGE_PATH, workerSdkOptions } from './plugin';
import { nextEvent, startHarness, waitFor, type Harness } from './test-harness';

/**
 * The SDK's three clients against the emulator, each with the token it is meant for:
 * `Workspace` with a workspace token (no worker_sid), `Supervisor` with a supervisor-role
 * token, `Worker` with a worker token. Each may do what Twilio lets it and is refused the rest.
 */

// A webpack CommonJS bundle: Node's ESM loader cannot see its named exports.
const { Supervisor, Workspace } = createRequire(import.meta.url)('twilio-taskrouter') as typeof TaskRouter;

let h: Harness;
let alice: string;
let bob: string;
const supervisors: SupervisorType[] = [];

beforeEach(async () => {
  h = await startHarness({ manualClock: true });
  alice = h.emulator.ready.workers[0]!.sid;
  bob = h.emulator.ready.workers[1]!.sid;
  h.onlyAvailable(alice);
});

afterEach(async () => {
  for (const supervisor of supervisors.splice(0)) supervisor.disconnect();
  expect(h.specViolations()).toEqual([]);
  await h.close();
});

const workspace = (token: string, pageSize?: number) => new Workspace(token, { ...workerSdkOptions(h.emulator.ready.url), logLevel: 'silent', ...(pageSize ? { pageSize } : {}) });

async function supervisorOf(workerSid: string, role = 'supervisor'): Promise<SupervisorType> {
  const supervisor = new Supervisor(h.grantToken({ workerSid, role }), { ...workerSdkOptions(h.emulator.ready.url), logLevel: 'silent' });
  supervisor.on('error', () => undefined);
  supervisors.push(supervisor);
  await nextEvent(supervisor, 'ready');
  return supervisor;
}

const proxy = async (token: string, url: string, method: 'GET' | 'POST', params: Record<string, unknown> = {}) => {
  const response = await fetch(`${h.emulator.ready.url}${EVENTBRIDGE_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', apiVersion: 'v1' },
    body: JSON.stringify({ url, method, params, token }),
  });
  return { status: response.status, body: (await response.json()) as { code?: number; message?: string; status?: number } };
};

describe('Workspace with a workspace token (no worker_sid)', () => {
  it('lists and fetches workers, task queues and a task', async () => {
    const ws = workspace(h.grantToken({}));
    const workers = await ws.fetchWorkersInfo();
    expect([...workers.keys()].sort()).toEqual(h.emulator.ready.workers.map((w) => w.sid).sort());
    const available = await ws.fetchWorkersInfo({ ActivityName: 'Available' });
    expect([...available.keys()]).toEqual([alice]);
    const bobInfo = await ws.fetchWorkerInfo(bob);
    expect(bobInfo.friendlyName).toBe(h.emulator.ready.workers[1]!.friendlyName);
    expect(bobInfo.activityName).toBe('Offline');

    const queues = await ws.fetchTaskQueues();
    expect([...queues.values()].map((q) => q.queueName).sort()).toEqual(h.emulator.engine.listTaskQueues().map((q) => q.friendlyName).sort());
    const support = h.emulator.engine.listTaskQueues().find((q) => q.friendlyName === 'Support')!;
    expect((await ws.fetchTaskQueue(support.sid)).targetWorkers).toBe(support.targetWorkers);

    const taskSid = await h.createTask({ type: 'inbound', queue: 'Sales', from: '+15005550006' });
    const task = await ws.fetchTask(taskSid);
    expect(task.sid).toBe(taskSid);
    expect(task.attributes).toMatchObject({ queue: 'Sales' });
  });

  it('pages with AfterSid, and with Ordering by NextToken', async () => {
    const ws = workspace(h.grantToken({}), 1);
    expect((await ws.fetchWorkersInfo()).size).toBe(h.emulator.ready.workers.length);
    // Bob's activity changes last, so he comes first newest-first.
    h.emulator.clock.advance(1_000);
    h.emulator.engine.updateWorker(bob, { ActivitySid: h.emulator.ready.activities.Break });
    const newestFirst = await ws.fetchWorkersInfo({ Ordering: 'DateStatusChanged:desc' });
    expect(newestFirst.size).toBe(h.emulator.ready.workers.length);
    expect([...newestFirst.keys()][0]).toBe(bob);
    expect((await ws.fetchTaskQueues({ Ordering: 'DateUpdated:asc' })).size).toBe(h.emulator.engine.listTaskQueues().length);
    expect((await ws.fetchTaskQueues()).size).toBe(h.emulator.engine.listTaskQueues().length);
  });

  it('lists the queues a worker is eligible for', async () => {
    const ws = workspace(h.grantToken({}));
    const queues = await ws.fetchTaskQueues({ WorkerSid: bob });
    const expected = h.emulator.engine.listTaskQueues().filter((q) => {
      const eligible = h.emulator.engine.listWorkers({ taskQueueSid: q.sid });
      return eligible.ok && eligible.value.some((w) => w.sid === bob);
    });
    expect([...queues.keys()].sort()).toEqual(expected.map((q) => q.sid).sort());
    expect(expected.length).toBeLessThan(h.emulator.engine.listTaskQueues().length);
  });

  it('is refused writes (403), unknown records (404) and the worker WebSocket', async () => {
    const token = h.grantToken({});
    const ws = h.emulator.ready.workspaceSid;
    expect(await proxy(token, `Workspaces/${ws}/Workers/${bob}`, 'POST', { ActivitySid: h.emulator.ready.activities.Available })).toMatchObject({ status: 403, body: { code: 20403, status: 403 } });
    expect(await proxy(token, `Workspaces/${ws}/Tasks`, 'POST', { Attributes: {} })).toMatchObject({ status: 403 });
    expect(await proxy(token, `Workspaces/${ws}/Workers/WK${'0'.repeat(32)}`, 'GET')).toMatchObject({ status: 404, body: { code: 20404 } });
    await expect(workspace(token).fetchTask(`WT${'0'.repeat(32)}`)).rejects.toThrow(/status code 404/);
    expect(h.emulator.engine.getWorker(bob)?.activitySid).toBe(h.emulator.ready.activities.Offline);

    const { WebSocket } = await import('ws');
    const socket = new WebSocket(`${h.emulator.ready.url.replace(/^http/, 'ws')}${EVENTBRIDGE_PATH}?token=${token}`);
    socket.on('error', () => undefined);
    const refusedWith = await new Promise<number>((resolve) => socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)));
    expect(refusedWith).toBe(401);
  });
});

describe('Supervisor with a supervisor-role token', () => {
  it('sets another worker\'s activity and attributes, and that worker\'s SDK hears it', async () => {
    h.emulator.engine.updateWorker(bob, { ActivitySid: h.emulator.ready.activities.Available });
    const bobWorker: Worker = h.connect(h.token(bob));
    await nextEvent(bobWorker, 'ready');
    const supervisor = await supervisorOf(alice);

    const activityUpdated = nextEvent(bobWorker, 'activityUpdated');
    await supervisor.setWorkerActivity(bob, h.emulator.ready.activities.Break!);
    await activityUpdated;
    expect(bobWorker.activity.name).toBe('Break');
    expect(h.emulator.engine.getWorker(bob)?.activitySid).toBe(h.emulator.ready.activities.Break);

    const attributesUpdated = nextEvent(bobWorker, 'attributesUpdated');
    await supervisor.setWorkerAttributes(bob, { team: 'Tier 2', skills: ['support'] });
    await attributesUpdated;
    expect(bobWorker.attributes).toMatchObject({ team: 'Tier 2' });
  });

  it('answers 400 for an invalid ActivitySid and 404 for an unknown worker, leaving the worker as it was', async () => {
    const supervisor = await supervisorOf(alice);
    await expect(supervisor.setWorkerActivity(bob, `WA${'0'.repeat(32)}`)).rejects.toThrow(/status code 400\. Activity WA0+ does not exist/);
    await expect(supervisor.setWorkerActivity(bob, 'not-an-activity')).rejects.toThrow(/status code 400/);
    await expect(supervisor.setWorkerActivity(`WK${'0'.repeat(32)}`, h.emulator.ready.activities.Break!)).rejects.toThrow(/status code 404/);
    expect(h.emulator.engine.getWorker(bob)?.activitySid).toBe(h.emulator.ready.activities.Offline);
  });

  it('moves a worker with a pending offer only with rejectPendingReservations', async () => {
    const supervisor = await supervisorOf(bob);
    const taskSid = await h.createTask();
    const pending = await waitFor(() => h.emulator.engine.listReservations({ taskSid, workerSid: alice, status: 'pending' })[0]);
    await expect(supervisor.setWorkerActivity(alice, h.emulator.ready.activities.Break!)).rejects.toThrow(/status code 400.*RejectPendingReservations/);
    await supervisor.setWorkerActivity(alice, h.emulator.ready.activities.Break!, { rejectPendingReservations: true });
    expect(h.emulator.engine.getReservation(pending.sid)?.status).toBe('rejected');
  });

  it('monitors an accepted reservation with the supervise instruction', async () => {
    const supervisor = await supervisorOf(bob);
    const aliceWorker = h.connect(h.token(alice));
    await nextEvent(aliceWorker, 'ready');
    const created = nextEvent<Reservation>(aliceWorker, 'reservationCreated');
    await h.createTask();
    const reservation = await created;
    await reservation.accept();
    await supervisor.monitor(reservation.task.sid, reservation.sid, {});
    expect(h.emulator.engine.getReservation(reservation.sid)?.instruction).toMatchObject({ name: 'supervise', params: { Supervisor: bob, SupervisorMode: 'monitor' } });
  });
});

describe('a worker token', () => {
  it('reads other workers but may not update them or supervise', async () => {
    const asWorker = await supervisorOf(alice, 'worker');
    await expect(asWorker.setWorkerActivity(bob, h.emulator.ready.activities.Available!)).rejects.toThrow(/status code 403/);
    await expect(asWorker.setWorkerAttributes(bob, { team: 'x' })).rejects.toThrow(/status code 403/);
    expect((await workspace(h.token(alice)).fetchWorkerInfo(bob)).sid).toBe(bob);
    const taskSid = await h.createTask();
    const pending = await waitFor(() => h.emulator.engine.listReservations({ taskSid, workerSid: alice })[0]);
    await expect(asWorker.monitor(taskSid, pending.sid, {})).rejects.toThrow(/status code 403/);
    expect(h.emulator.engine.getWorker(bob)?.activitySid).toBe(h.emulator.ready.activities.Offline);
  });
});
