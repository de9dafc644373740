import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reservation, Worker } from 'twilio-taskrouter';
import { EVENTBRIDGE_PATH } from './plugin';
import { nextEvent, startHarness, waitFor, type Harness } from './test-harness';

/**
 * Tasks routed straight to a target: `Worker.createTask` (the Worker SDK's outbound task,
 * EventBridge POST Tasks with RoutingTarget = the worker) and REST `RoutingTarget` with
 * `IgnoreCapacity`, as Twilio's Task resource documents them.
 */

let h: Harness;
let alice: string;
let bob: string;

beforeEach(async () => {
  h = await startHarness({ manualClock: true });
  alice = h.emulator.ready.workers[0]!.sid;
  bob = h.emulator.ready.workers[1]!.sid;
  h.onlyAvailable(alice);
});

afterEach(async () => {
  expect(h.specViolations()).toEqual([]);
  await h.close();
});

const tasks = () => h.rest.taskrouter.v1.workspaces(h.emulator.ready.workspaceSid).tasks;
const queueSid = (name: string) => h.emulator.engine.listTaskQueues().find((q) => q.friendlyName === name)!.sid;

async function connected(workerSid: string): Promise<Worker> {
  const worker = h.connect(h.token(workerSid));
  await nextEvent(worker, 'ready');
  return worker;
}

describe('Worker.createTask (outbound tasks)', () => {
  it('creates a task routed to the worker itself, even while unavailable, and it can be accepted', async () => {
    const worker = await connected(alice);
    // An agent dialing out is usually not Available for inbound work.
    await worker.activities.get(h.emulator.ready.activities.Break!)!.setAsCurrent();
    const created = nextEvent<Reservation>(worker, 'reservationCreated');
    const taskSid = await worker.createTask('+15550100123', '+15550100999', h.emulator.ready.workflowSid, queueSid('Sales'), {
      taskChannelUniqueName: 'voice',
      attributes: { type: 'outbound', name: 'Pat Prospect' },
    });
    expect(taskSid).toMatch(/^WT[0-9a-f]{32}$/);
    const reservation = await created;
    expect(reservation.task.sid).toBe(taskSid);
    expect(reservation.task.attributes).toEqual({ type: 'outbound', name: 'Pat Prospect', outbound_to: '+15550100123', from: '+15550100999' });
    expect(reservation.task.taskChannelUniqueName).toBe('voice');
    expect(reservation.task.routingTarget).toBe(alice);
    await reservation.accept();
    await waitFor(() => reservation.task.status === 'assigned', { description: 'the task assigned' });
    const rest = await tasks()(taskSid).fetch();
    expect(rest).toMatchObject({ routingTarget: alice, ignoreCapacity: true, assignmentStatus: 'assigned', taskQueueSid: queueSid('Sales') });
  });

  it('refuses a worker token creating a task for another worker, or with no routing target', async () => {
    const post = (params: Record<string, unknown>) =>
      fetch(`${h.emulator.ready.url}${EVENTBRIDGE_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', apiVersion: 'v1' },
        body: JSON.stringify({ url: `Workspaces/${h.emulator.ready.workspaceSid}/Tasks`, method: 'POST', params, token: h.token(alice) }),
      });
    expect((await post({ WorkflowSid: h.emulator.ready.workflowSid, RoutingTarget: bob, Attributes: {} })).status).toBe(403);
    expect((await post({ WorkflowSid: h.emulator.ready.workflowSid, Attributes: {} })).status).toBe(403);
    expect((await post({ WorkflowSid: h.emulator.ready.workflowSid, RoutingTarget: alice, TaskChannelUniqueName: 'nope', Attributes: {} })).status).toBe(400);
    expect(h.emulator.engine.listTasks().ok && h.emulator.engine.listTasks()).toMatchObject({ value: [] });
  });
});

describe('REST RoutingTarget and IgnoreCapacity', () => {
  it('a worker target reaches that worker only, ignoring its activity by default', async () => {
    const task = await tasks().create({ workflowSid: h.emulator.ready.workflowSid, attributes: JSON.stringify({ queue: 'Support' }), routingTarget: bob });
    expect(task).toMatchObject({ routingTarget: bob, ignoreCapacity: true, taskQueueSid: null });
    const reservation = await waitFor(() => h.emulator.engine.listReservations({ taskSid: task.sid })[0]);
    expect(reservation.workerSid).toBe(bob);
    expect(h.emulator.engine.listReservations({ taskSid: task.sid })).toHaveLength(1);
  });

  it('with IgnoreCapacity=false waits until the worker is available with capacity', async () => {
    const task = await tasks().create({ workflowSid: h.emulator.ready.workflowSid, attributes: '{}', routingTarget: bob, ignoreCapacity: 'false' });
    expect(task.ignoreCapacity).toBe(false);
    expect(h.emulator.engine.listReservations({ taskSid: task.sid })).toEqual([]);
    await h.rest.taskrouter.v1.workspaces(h.emulator.ready.workspaceSid).workers(bob).update({ activitySid: h.emulator.ready.activities.Available });
    const reservation = await waitFor(() => h.emulator.engine.listReservations({ taskSid: task.sid })[0]);
    expect(reservation.workerSid).toBe(bob);
  });

  it('a queue target puts the task in that queue whatever the workflow filters say', async () => {
    const task = await tasks().create({ workflowSid: h.emulator.ready.workflowSid, attributes: JSON.stringify({ queue: 'Sales' }), routingTarget: queueSid('Billing') });
    expect(task).toMatchObject({ taskQueueSid: queueSid('Billing'), routingTarget: queueSid('Billing'), ignoreCapacity: null });
  });

  it('a workflow target routes through that workflow', async () => {
    const task = await tasks().create({ attributes: JSON.stringify({ queue: 'Sales' }), routingTarget: h.emulator.ready.workflowSid });
    expect(task).toMatchObject({ workflowSid: h.emulator.ready.workflowSid, taskQueueSid: queueSid('Sales') });
  });

  it('refuses IgnoreCapacity without a worker target, and targets that do not exist', async () => {
    await expect(tasks().create({ attributes: '{}', routingTarget: queueSid('Sales'), ignoreCapacity: 'true' })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/IgnoreCapacity/) });
    await expect(tasks().create({ attributes: '{}', routingTarget: `WK${'0'.repeat(32)}` })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/RoutingTarget/) });
    await expect(tasks().create({ attributes: '{}', routingTarget: 'alice' })).rejects.toMatchObject({ status: 400 });
    expect((await tasks().list()).length).toBe(0);
  });
});

describe('VirtualStartTime', () => {
  const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

  it('is stored, returned, counts the age and orders routing', async () => {
    h.onlyAvailable();
    const now = h.emulator.clock.now();
    const tenMinutesAgo = new Date(Math.floor((now - 600_000) / 1000) * 1000);
    const newer = await tasks().create({ workflowSid: h.emulator.ready.workflowSid, attributes: JSON.stringify({ n: 'newer' }) });
    const older = await tasks().create({ workflowSid: h.emulator.ready.workflowSid, attributes: JSON.stringify({ n: 'older' }), virtualStartTime: tenMinutesAgo });
    expect(seconds(older.virtualStartTime)).toBe(seconds(tenMinutesAgo));
    expect(older.age).toBeGreaterThanOrEqual(600);
    expect(newer.age).toBeLessThan(5);
    // The older virtual start is offered first although it was created second.
    const worker = await connected(alice);
    const created = nextEvent<Reservation>(worker, 'reservationCreated');
    await h.rest.taskrouter.v1.workspaces(h.emulator.ready.workspaceSid).workers(alice).update({ activitySid: h.emulator.ready.activities.Available });
    const first = await created;
    expect(first.task.sid).toBe(older.sid);
    expect(seconds(first.task.virtualStartTime)).toBe(seconds(tenMinutesAgo));
    expect(first.task.age).toBeGreaterThanOrEqual(600);
  });

  it('is refused in the future or before 1900, on create and update', async () => {
    const future = new Date(h.emulator.clock.now() + 60_000);
    await expect(tasks().create({ attributes: '{}', virtualStartTime: future })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/future/) });
    await expect(tasks().create({ attributes: '{}', virtualStartTime: new Date(Date.UTC(1899, 11, 31)) })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/1900/) });
    const task = await tasks().create({ attributes: '{}' });
    await expect(tasks()(task.sid).update({ virtualStartTime: future })).rejects.toMatchObject({ status: 400 });
    const earlier = new Date(Math.floor((h.emulator.clock.now() - 3_600_000) / 1000) * 1000);
    const updated = await tasks()(task.sid).update({ virtualStartTime: earlier });
    expect(seconds(updated.virtualStartTime)).toBe(seconds(earlier));
    expect(updated.age).toBeGreaterThanOrEqual(3600);
  });

  it('Task.setVirtualStartTime through the Worker SDK', async () => {
    const worker = await connected(alice);
    const created = nextEvent<Reservation>(worker, 'reservationCreated');
    await h.createTask();
    const reservation = await created;
    const earlier = new Date(Math.floor((h.emulator.clock.now() - 120_000) / 1000) * 1000);
    await reservation.task.setVirtualStartTime(earlier);
    expect(seconds(reservation.task.virtualStartTime)).toBe(seconds(earlier));
    expect(h.emulator.engine.getTask(reservation.task.sid)?.virtualStartTime).toBe(earlier.getTime());
  });
});
