import { afterEach, describe, expect, it } from 'vitest';
import {
  activitySid,
  createReservedTask,
  createTask,
  onlyAvailable,
  startTestEmulator,
  waitFor,
  waitForReservationStatus,
  waitForTaskReservation,
  workerSid,
  workspaceOf,
  type TestEmulator,
} from '../test-support/index';

let env: TestEmulator | undefined;

afterEach(async () => {
  if (!env) return;
  const violations = env.specViolations();
  await env.close();
  env = undefined;
  expect(violations, 'every response must match Twilio OpenAPI specs').toEqual([]);
});

describe('reservation timeout', () => {
  it('times out after exactly the workflow timeout, moves the worker to the timeout activity, and keeps the task pending', async () => {
    env = await startTestEmulator({ workers: 2, reservationTimeoutSeconds: 120 });
    const worker = workerSid(env, 0);
    await onlyAvailable(env, [worker]);
    const { taskSid, reservation } = await createReservedTask(env);
    const workspace = workspaceOf(env);
    const workflow = await workspace.workflows(env.ready.workflowSid).fetch();
    expect(workflow.taskReservationTimeout).toBe(120);

    await env.advance(119_000);
    expect((await workspace.tasks(taskSid).reservations(reservation.sid).fetch()).reservationStatus).toBe('pending');

    await env.advance(1_000);
    await waitForReservationStatus(env, taskSid, reservation.sid, 'timeout');
    const timedOutWorker = await workspace.workers(worker).fetch();
    const workspaceInfo = await workspace.fetch();
    expect(timedOutWorker.activitySid).toBe(workspaceInfo.timeoutActivitySid);
    expect(timedOutWorker.activityName).toBe('Missed');
    expect(timedOutWorker.available).toBe(false);
    // No one else is available, so the task waits in the queue.
    expect((await workspace.tasks(taskSid).fetch()).assignmentStatus).toBe('pending');
  });

  it('honours a TaskReservationTimeout changed on the workflow through the API', async () => {
    env = await startTestEmulator({ workers: 1 });
    await onlyAvailable(env, [workerSid(env, 0)]);
    const workspace = workspaceOf(env);
    const updated = await workspace.workflows(env.ready.workflowSid).update({ taskReservationTimeout: 15 });
    expect(updated.taskReservationTimeout).toBe(15);
    const { taskSid, reservation } = await createReservedTask(env);
    await env.advance(14_999);
    expect((await workspace.tasks(taskSid).reservations(reservation.sid).fetch()).reservationStatus).toBe('pending');
    await env.advance(1);
    await waitForReservationStatus(env, taskSid, reservation.sid, 'timeout');
  });

  it('re-offers the task to the next available worker after a timeout', async () => {
    env = await startTestEmulator({ workers: 2, reservationTimeoutSeconds: 30 });
    const [first, second] = [workerSid(env, 0), workerSid(env, 1)];
    await onlyAvailable(env, [first]);
    const { taskSid, reservation } = await createReservedTask(env);
    expect(reservation.workerSid).toBe(first);
    // The second worker becomes available while the first one is still reserved.
    await workspaceOf(env).workers(second).update({ activitySid: activitySid(env, 'Available') });

    await env.advance(30_000);
    await waitForReservationStatus(env, taskSid, reservation.sid, 'timeout');
    const reoffered = await waitForTaskReservation(env, taskSid, 'pending', [reservation.sid]);
    expect(reoffered.workerSid).toBe(second);
  });
});

describe('reject', () => {
  it('offers the task to the next worker', async () => {
    env = await startTestEmulator({ workers: 2 });
    const [first, second] = [workerSid(env, 0), workerSid(env, 1)];
    await onlyAvailable(env, [first]);
    const { taskSid, reservation } = await createReservedTask(env);
    await workspaceOf(env).workers(second).update({ activitySid: activitySid(env, 'Available') });

    // Rejecting into an unavailable activity guarantees the next offer goes to the other worker.
    await workspaceOf(env).workers(first).reservations(reservation.sid).update({ reservationStatus: 'rejected', workerActivitySid: activitySid(env, 'Offline') });
    const next = await waitForTaskReservation(env, taskSid, 'pending', [reservation.sid]);
    expect(next.workerSid).toBe(second);
    expect((await workspaceOf(env).workers(first).fetch()).activityName).toBe('Offline');
  });

  it('1,000 rejections cancel the task', { timeout: 120_000 }, async () => {
    env = await startTestEmulator({ workers: 2 });
    await onlyAvailable(env, [workerSid(env, 0), workerSid(env, 1)]);
    const taskSid = await createTask(env);
    const { ready } = env;
    const emulator = env; // narrowed: env is set above
    const reservationsPath = `/v1/Workspaces/${ready.workspaceSid}/Tasks/${taskSid}/Reservations`;
    /** The next pending reservation, or undefined once the task is canceled. */
    const nextPendingOrCanceled = () =>
      waitFor(
        async () => {
          const list = (await emulator.twilioFetch(`${reservationsPath}?ReservationStatus=pending`)).body as { reservations: { sid: string }[] };
          if (list.reservations[0]) return { sid: list.reservations[0].sid };
          const task = (await emulator.twilioFetch(`/v1/Workspaces/${ready.workspaceSid}/Tasks/${taskSid}`)).body as { assignment_status: string };
          return task.assignment_status === 'canceled' ? { sid: undefined } : undefined;
        },
        { description: 'a pending reservation or the task canceled' },
      );

    // Raw keep-alive HTTP for speed (still spec-checked); the library is exercised by the other tests. Bounded loop.
    let rejections = 0;
    for (let guard = 0; guard < 1_100; guard += 1) {
      const { sid } = await nextPendingOrCanceled();
      if (!sid) break;
      const rejected = await emulator.twilioFetch(`${reservationsPath}/${sid}`, { form: { ReservationStatus: 'rejected' } });
      expect(rejected.status).toBe(200);
      rejections += 1;
    }
    expect(rejections).toBe(1_000);
    const task = await workspaceOf(env).tasks(taskSid).fetch();
    expect(task.assignmentStatus).toBe('canceled');
    expect(await workspaceOf(env).tasks(taskSid).reservations.list({ reservationStatus: 'pending' })).toEqual([]);
  });
});

describe('multi-reservation', () => {
  it('when one worker accepts, the other pending reservations are rescinded', async () => {
    env = await startTestEmulator({ workers: 3 });
    const workers = [workerSid(env, 0), workerSid(env, 1), workerSid(env, 2)];
    await onlyAvailable(env, []);
    const workspace = workspaceOf(env);
    for (const queue of await workspace.taskQueues.list()) {
      const updated = await workspace.taskQueues(queue.sid).update({ maxReservedWorkers: 3 });
      expect(updated.maxReservedWorkers).toBe(3);
    }
    await onlyAvailable(env, workers);
    const taskSid = await createTask(env);

    const reservations = await waitFor(
      async () => {
        const pending = await workspace.tasks(taskSid).reservations.list({ reservationStatus: 'pending' });
        return pending.length === 3 ? pending : undefined;
      },
      { description: 'three simultaneous pending reservations' },
    );
    expect(new Set(reservations.map((r) => r.workerSid))).toEqual(new Set(workers));

    const [winner, ...others] = reservations;
    await workspace.workers(winner!.workerSid).reservations(winner!.sid).update({ reservationStatus: 'accepted' });
    for (const other of others) await waitForReservationStatus(env, taskSid, other.sid, 'rescinded');
    expect((await workspace.tasks(taskSid).fetch()).assignmentStatus).toBe('assigned');
    const rescindedOnWorker = await workspace.workers(others[0]!.workerSid).reservations(others[0]!.sid).fetch();
    expect(rescindedOnWorker.reservationStatus).toBe('rescinded');
  });

  it('rejects max_reserved_workers above 50 with a 400', async () => {
    env = await startTestEmulator({ workers: 1 });
    const workspace = workspaceOf(env);
    const [queue] = await workspace.taskQueues.list();
    await expect(workspace.taskQueues(queue!.sid).update({ maxReservedWorkers: 51 })).rejects.toMatchObject({ status: 400 });
  });
});

describe('worker activity changes', () => {
  it('RejectPendingReservations=true with an unavailable activity rejects the pending reservation', async () => {
    env = await startTestEmulator({ workers: 1 });
    const worker = workerSid(env, 0);
    await onlyAvailable(env, [worker]);
    const { taskSid, reservation } = await createReservedTask(env);
    await workspaceOf(env).workers(worker).update({ activitySid: activitySid(env, 'Break'), rejectPendingReservations: true });
    await waitForReservationStatus(env, taskSid, reservation.sid, 'rejected');
    expect((await workspaceOf(env).workers(worker).fetch()).activityName).toBe('Break');
  });
});
