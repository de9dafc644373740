import { describe, expect, it } from 'vitest';
import {
  activitySid,
  createReservedTask,
  useTestEmulator,
  waitFor,
  workerSid,
  workspaceOf,
} from '../test-support/index';

const env = useTestEmulator({ workers: 2 }, { onlyAvailable: [0] });

describe('reservations through the official twilio library', () => {
  it('lists and fetches the same reservation on the task route and the worker route', async () => {
    const worker = workerSid(env, 0);
    const { taskSid, reservation } = await createReservedTask(env);
    const workspace = workspaceOf(env);

    expect(reservation.workerSid).toBe(worker);
    expect(reservation.taskSid).toBe(taskSid);
    expect(reservation.workspaceSid).toBe(env.ready.workspaceSid);
    expect(reservation.accountSid).toBe(env.ready.accountSid);
    expect(reservation.sid).toMatch(/^WR[0-9a-f]{32}$/);
    // A task reservation's url uses the task route; the worker route's uses the worker route.
    expect(reservation.url).toBe(`${env.ready.url}/v1/Workspaces/${env.ready.workspaceSid}/Tasks/${taskSid}/Reservations/${reservation.sid}`);

    const onWorker = await workspace.workers(worker).reservations.list();
    expect(onWorker.map((r) => r.sid)).toContain(reservation.sid);
    const viaWorker = await workspace.workers(worker).reservations(reservation.sid).fetch();
    expect(viaWorker.reservationStatus).toBe('pending');
    expect(viaWorker.taskSid).toBe(taskSid);
    expect(viaWorker.workerName).toBe(env.ready.workers[0]!.friendlyName);
    expect(viaWorker.url).toBe(`${env.ready.url}/v1/Workspaces/${env.ready.workspaceSid}/Workers/${worker}/Reservations/${reservation.sid}`);
    expect(viaWorker.links).toMatchObject({ task: expect.stringContaining(taskSid), worker: expect.stringContaining(worker) });

    const viaTask = await workspace.tasks(taskSid).reservations(reservation.sid).fetch();
    expect(viaTask.sid).toBe(reservation.sid);
    expect(viaTask.dateCreated).toBeInstanceOf(Date);
    expect(Number.isNaN(viaTask.dateCreated.getTime())).toBe(false);
  });

  it('filters reservation lists by ReservationStatus on both routes and by WorkerSid on the task route', async () => {
    const worker = workerSid(env, 0);
    const other = workerSid(env, 1);
    const { taskSid, reservation } = await createReservedTask(env);
    const workspace = workspaceOf(env);

    expect((await workspace.workers(worker).reservations.list({ reservationStatus: 'pending' })).map((r) => r.sid)).toEqual([reservation.sid]);
    expect(await workspace.workers(worker).reservations.list({ reservationStatus: 'accepted' })).toEqual([]);
    expect((await workspace.tasks(taskSid).reservations.list({ workerSid: worker })).map((r) => r.sid)).toEqual([reservation.sid]);
    expect(await workspace.tasks(taskSid).reservations.list({ workerSid: other })).toEqual([]);
    expect(await workspace.tasks(taskSid).reservations.list({ reservationStatus: 'rejected' })).toEqual([]);
  });

  it('a reservation of another worker or task is not found on the wrong route (404 RestException)', async () => {
    const { reservation } = await createReservedTask(env);
    const workspace = workspaceOf(env);
    await expect(workspace.workers(workerSid(env, 1)).reservations(reservation.sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
    await expect(workspace.tasks(`WT${'0'.repeat(32)}`).reservations(reservation.sid).fetch()).rejects.toMatchObject({ status: 404 });
  });

  it('accept on the worker route: reservation accepted, task assigned', async () => {
    const worker = workerSid(env, 0);
    const { taskSid, reservation } = await createReservedTask(env);
    const workspace = workspaceOf(env);

    const accepted = await workspace.workers(worker).reservations(reservation.sid).update({ reservationStatus: 'accepted' });
    expect(accepted.reservationStatus).toBe('accepted');
    expect((await workspace.tasks(taskSid).reservations(reservation.sid).fetch()).reservationStatus).toBe('accepted');
    expect((await workspace.tasks(taskSid).fetch()).assignmentStatus).toBe('assigned');
  });

  it('accept, wrapping, completed on the task route move the task through wrapping to completed', async () => {
    const { taskSid, reservation } = await createReservedTask(env);
    const workspace = workspaceOf(env);
    const context = workspace.tasks(taskSid).reservations(reservation.sid);

    expect((await context.update({ reservationStatus: 'accepted' })).reservationStatus).toBe('accepted');
    expect((await context.update({ reservationStatus: 'wrapping' })).reservationStatus).toBe('wrapping');
    expect((await workspace.tasks(taskSid).fetch()).assignmentStatus).toBe('wrapping');
    expect((await context.update({ reservationStatus: 'completed' })).reservationStatus).toBe('completed');
    expect((await workspace.tasks(taskSid).fetch()).assignmentStatus).toBe('completed');
    expect((await workspace.workers(workerSid(env, 0)).reservations(reservation.sid).fetch()).reservationStatus).toBe('completed');
  });

  it("reject without WorkerActivitySid returns the worker to the reservation's previous activity", async () => {
    const worker = workerSid(env, 0);
    const { reservation } = await createReservedTask(env);
    const workspace = workspaceOf(env);
    // The worker moves to another available activity while the offer is pending (moving to an
    // unavailable one needs RejectPendingReservations); the reject must restore the activity
    // recorded when the reservation was created (Available), not keep the new one.
    const ready = await workspace.activities.create({ friendlyName: 'Ready', available: true });
    await workspace.workers(worker).update({ activitySid: ready.sid });
    expect((await workspace.workers(worker).fetch()).activityName).toBe('Ready');

    const rejected = await workspace.workers(worker).reservations(reservation.sid).update({ reservationStatus: 'rejected' });
    expect(rejected.reservationStatus).toBe('rejected');
    const after = await workspace.workers(worker).fetch();
    expect(after.activitySid).toBe(activitySid(env, 'Available'));
  });

  it('reject with WorkerActivitySid moves the worker to that activity', async () => {
    const worker = workerSid(env, 0);
    const { reservation } = await createReservedTask(env);
    const workspace = workspaceOf(env);

    await workspace.tasks(reservation.taskSid).reservations(reservation.sid).update({ reservationStatus: 'rejected', workerActivitySid: activitySid(env, 'Break') });
    const after = await waitFor(async () => {
      const fetched = await workspace.workers(worker).fetch();
      return fetched.activitySid === activitySid(env, 'Break') ? fetched : undefined;
    }, { description: 'worker on Break after the reject' });
    expect(after.activityName).toBe('Break');
    expect(after.available).toBe(false);
  });

  it('works with API key credentials (SK + secret, account SID given separately)', async () => {
    const apiKeyClient = env.newClient('apiKey');
    const { reservation } = await createReservedTask(env);
    const fetched = await apiKeyClient.taskrouter.v1.workspaces(env.ready.workspaceSid).workers(workerSid(env, 0)).reservations(reservation.sid).fetch();
    expect(fetched.sid).toBe(reservation.sid);
    const workers = await apiKeyClient.taskrouter.v1.workspaces(env.ready.workspaceSid).workers.list();
    expect(workers.map((w) => w.sid).sort()).toEqual(env.ready.workers.map((w) => w.sid).sort());
  });

  it('validates every response it received (the spec check really ran)', async () => {
    await createReservedTask(env);
    await workspaceOf(env).activities.list();
    await workspaceOf(env).fetch();
    expect(env.responseCount()).toBeGreaterThan(3);
  });
});
