import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reservation, Worker } from 'twilio-taskrouter';
import { nextEvent, startHarness, waitFor, type Harness } from './test-harness';

/**
 * Twilio answers a write first and pushes its events after, in order. The Worker SDK
 * (`accept()` then the reservation's `accepted` event) and the REST library see that order.
 */

let h: Harness;
let alice: string;

beforeEach(async () => {
  h = await startHarness({ manualClock: true });
  alice = h.emulator.ready.workers[0]!.sid;
  h.onlyAvailable(alice);
});

afterEach(async () => {
  expect(h.specViolations()).toEqual([]);
  await h.close();
});

async function offered(): Promise<{ worker: Worker; reservation: Reservation }> {
  const worker = h.connect(h.token(alice));
  await nextEvent(worker, 'ready');
  const created = nextEvent<Reservation>(worker, 'reservationCreated');
  await h.createTask();
  return { worker, reservation: await created };
}

describe('answered before pushed', () => {
  it('the Worker SDK gets the answer to accept() before the reservation.accepted and task.updated events', async () => {
    const { reservation } = await offered();
    const order: string[] = [];
    reservation.on('accepted', () => order.push('reservation.accepted'));
    reservation.task.on('updated', () => order.push('task.updated'));
    await reservation.accept();
    order.push('answer');
    await waitFor(() => order.length === 3, { description: 'both events after the answer' });
    expect(order).toEqual(['answer', 'reservation.accepted', 'task.updated']);
  });

  it('a REST write is answered before the Worker SDK hears of it', async () => {
    const { reservation } = await offered();
    const order: string[] = [];
    reservation.on('accepted', () => order.push('event'));
    await h.rest.taskrouter.v1.workspaces(h.emulator.ready.workspaceSid).tasks(reservation.task.sid).reservations(reservation.sid).update({ reservationStatus: 'accepted' });
    order.push('answer');
    await waitFor(() => order.length === 2, { description: 'the accepted event' });
    expect(order).toEqual(['answer', 'event']);
  });

  it('events of consecutive writes keep their order: wrap then complete', async () => {
    const { reservation } = await offered();
    await reservation.accept();
    await waitFor(() => reservation.status === 'accepted');
    const order: string[] = [];
    reservation.on('wrapup', () => order.push('wrapup'));
    reservation.on('completed', () => order.push('completed'));
    await reservation.wrap();
    await reservation.complete();
    await waitFor(() => order.length === 2, { description: 'wrapup then completed' });
    expect(order).toEqual(['wrapup', 'completed']);
  });
});

describe('deleting or canceling a task ends the SDK\'s reservation', () => {
  const tasks = () => h.rest.taskrouter.v1.workspaces(h.emulator.ready.workspaceSid).tasks;

  it('deleting a task with a pending offer pushes reservation.canceled', async () => {
    const { worker, reservation } = await offered();
    const canceled = nextEvent(reservation, 'canceled');
    expect(await tasks()(reservation.task.sid).remove()).toBe(true);
    await canceled;
    expect(reservation.status).toBe('canceled');
    expect(worker.reservations.has(reservation.sid)).toBe(false);
    await expect(tasks()(reservation.task.sid).reservations(reservation.sid).fetch()).rejects.toMatchObject({ status: 404 });
  });

  it('deleting an accepted task pushes reservation.completed and frees the worker', async () => {
    const { worker, reservation } = await offered();
    await reservation.accept();
    await waitFor(() => reservation.status === 'accepted');
    const completed = nextEvent(reservation, 'completed');
    await tasks()(reservation.task.sid).remove();
    await completed;
    expect(reservation.status).toBe('completed');
    expect(worker.reservations.has(reservation.sid)).toBe(false);
    // The capacity the task held is free again: the next offer reaches the worker.
    const next = nextEvent<Reservation>(worker, 'reservationCreated');
    const taskSid = await h.createTask();
    expect((await next).task.sid).toBe(taskSid);
  });

  it('deleting a wrapping task pushes reservation.completed', async () => {
    const { worker, reservation } = await offered();
    await reservation.accept();
    await waitFor(() => reservation.status === 'accepted');
    await reservation.wrap();
    await waitFor(() => reservation.status === 'wrapping');
    const completed = nextEvent(reservation, 'completed');
    await tasks()(reservation.task.sid).remove();
    await completed;
    expect(worker.reservations.has(reservation.sid)).toBe(false);
  });

  it('canceling a reserved task pushes reservation.canceled with the canceled task', async () => {
    const { worker, reservation } = await offered();
    const canceled = nextEvent(reservation, 'canceled');
    await tasks()(reservation.task.sid).update({ assignmentStatus: 'canceled', reason: 'caller hung up' });
    await canceled;
    expect(reservation.task.status).toBe('canceled');
    expect(reservation.task.reason).toBe('caller hung up');
    expect(worker.reservations.has(reservation.sid)).toBe(false);
  });
});
