import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reservation, Worker } from 'twilio-taskrouter';
import { nextEvent, startHarness, waitFor, type Harness } from './test-harness';

/**
 * The official Worker SDK (`twilio-taskrouter`), unmodified, against the
 * emulator on 127.0.0.1: every SDK operation must take effect in the engine.
 */

let h: Harness;
let alice: string;
let bob: string;

beforeEach(async () => {
  h = await startHarness({ manualClock: true, reservationTimeoutSeconds: 30 });
  alice = h.emulator.ready.workers[0]!.sid;
  bob = h.emulator.ready.workers[1]!.sid;
  h.onlyAvailable(alice);
});

afterEach(async () => {
  await h.close();
});

async function connected(workerSid: string, token = h.token(workerSid)): Promise<Worker> {
  const worker = h.connect(token);
  await nextEvent(worker, 'ready');
  return worker;
}

async function offered(worker: Worker): Promise<Reservation> {
  const created = nextEvent<Reservation>(worker, 'reservationCreated');
  const taskSid = await h.createTask();
  const reservation = await created;
  expect(reservation.task.sid).toBe(taskSid);
  return reservation;
}

const engineReservation = (sid: string) => h.emulator.engine.getReservation(sid);

describe('Worker SDK against the emulator', () => {
  it('becomes ready with the worker, its activity, activities and channels', async () => {
    const worker = await connected(alice);
    expect(worker.sid).toBe(alice);
    expect(worker.activity.sid).toBe(h.emulator.ready.activities.Available);
    expect(worker.activity.name).toBe('Available');
    expect(worker.activities.size).toBe(Object.keys(h.emulator.ready.activities).length);
    expect(worker.channels.size).toBe(h.emulator.engine.listWorkerChannels(alice).length);
    expect(worker.attributes.contact_uri).toBe(h.emulator.ready.workers[0]!.contactUri);
  });

  it('receives reservationCreated with the task when a task is created', async () => {
    const worker = await connected(alice);
    const reservation = await offered(worker);
    expect(reservation.status).toBe('pending');
    expect(reservation.workerSid).toBe(alice);
    expect(reservation.timeout).toBe(30);
    expect(reservation.task.attributes.from).toBe('+15005550006');
    expect(reservation.task.queueName).toBe('Support');
    expect(engineReservation(reservation.sid)?.status).toBe('pending');
  });

  it('loads pending reservations that existed before it connected', async () => {
    const taskSid = await h.createTask();
    const pending = await waitFor(() => h.emulator.engine.listReservations({ taskSid, workerSid: alice })[0]);
    const worker = await connected(alice);
    expect([...worker.reservations.keys()]).toEqual([pending.sid]);
  });

  it('accept() accepts in the engine and the reservation emits accepted', async () => {
    const reservation = await offered(await connected(alice));
    const acceptedEvent = nextEvent(reservation, 'accepted');
    await reservation.accept();
    await acceptedEvent;
    expect(reservation.status).toBe('accepted');
    expect(engineReservation(reservation.sid)?.status).toBe('accepted');
  });

  it('reject({activitySid}) rejects and moves the worker to that activity', async () => {
    const worker = await connected(alice);
    const reservation = await offered(worker);
    const activityUpdated = nextEvent(worker, 'activityUpdated');
    await reservation.reject({ activitySid: h.emulator.ready.activities.Break! });
    await activityUpdated;
    expect(engineReservation(reservation.sid)?.status).toBe('rejected');
    expect(h.emulator.engine.getWorker(alice)?.activitySid).toBe(h.emulator.ready.activities.Break);
    expect(worker.activity.name).toBe('Break');
  });

  it('conference() issues the instruction with its parameters and the reservation gets accepted', async () => {
    const reservation = await offered(await connected(alice));
    await reservation.conference({ to: 'client:alice', from: '+15005550006', timeout: 25, beep: false, endConferenceOnExit: true, record: 'true' });
    const record = await waitFor(() => (engineReservation(reservation.sid)?.status === 'accepted' ? engineReservation(reservation.sid) : undefined));
    expect(record.instruction?.name).toBe('conference');
    expect(record.instruction?.params).toMatchObject({ To: 'client:alice', From: '+15005550006', Timeout: 25, EndConferenceOnExit: true });
    await waitFor(() => reservation.status === 'accepted');
  });

  it('updateParticipant() mutes the worker leg in the task conference', async () => {
    const reservation = await offered(await connected(alice));
    await reservation.conference({ endConferenceOnExit: false });
    const record = await waitFor(() => (engineReservation(reservation.sid)?.instruction?.conferenceSid ? engineReservation(reservation.sid) : undefined));
    const participant = () => h.emulator.engine.calls.participants.get(record.instruction!.conferenceSid!)?.get(record.instruction!.callSid!);
    expect(participant()?.muted).toBe(false);
    await reservation.updateParticipant({ mute: true, endConferenceOnExit: true });
    expect(participant()).toMatchObject({ muted: true, endConferenceOnExit: true });
  });

  it('dequeue() issues the dequeue instruction', async () => {
    const reservation = await offered(await connected(alice));
    await reservation.dequeue({ from: '+15005550006', to: 'client:alice', timeout: 20, postWorkActivitySid: h.emulator.ready.activities['Wrap Up'] });
    const record = await waitFor(() => engineReservation(reservation.sid)?.instruction ?? undefined);
    expect(record.name).toBe('dequeue');
    expect(record.params).toMatchObject({ DequeueFrom: '+15005550006', DequeueTo: 'client:alice', DequeueTimeout: 20 });
    expect(engineReservation(reservation.sid)?.postWorkActivitySid).toBe(h.emulator.ready.activities['Wrap Up']);
  });

  it('call() issues the call instruction', async () => {
    const reservation = await offered(await connected(alice));
    await reservation.call('+15005550006', 'https://example.com/agent.xml', { accept: true, to: 'client:alice', timeout: 15 });
    const record = await waitFor(() => engineReservation(reservation.sid)?.instruction ?? undefined);
    expect(record.name).toBe('call');
    expect(record.params).toMatchObject({ CallFrom: '+15005550006', CallUrl: 'https://example.com/agent.xml', CallAccept: true, CallTo: 'client:alice' });
  });

  it('redirect() issues the redirect instruction', async () => {
    const callSid = `CA${'ab'.repeat(16)}`;
    const worker = await connected(alice);
    const created = nextEvent<Reservation>(worker, 'reservationCreated');
    await h.createTask({ type: 'inbound', from: '+15005550006', call_sid: callSid });
    const reservation = await created;
    await reservation.redirect(callSid, 'https://example.com/hold.xml', { accept: true });
    const record = await waitFor(() => engineReservation(reservation.sid)?.instruction ?? undefined);
    expect(record.name).toBe('redirect');
    expect(record.params).toMatchObject({ RedirectCallSid: callSid, RedirectUrl: 'https://example.com/hold.xml', RedirectAccept: true });
  });

  it('wrap() and complete() move the reservation through wrapping to completed', async () => {
    const reservation = await offered(await connected(alice));
    await reservation.accept();
    const wrapup = nextEvent(reservation, 'wrapup');
    await reservation.wrap();
    await wrapup;
    expect(engineReservation(reservation.sid)?.status).toBe('wrapping');
    const completed = nextEvent(reservation, 'completed');
    await reservation.complete();
    await completed;
    expect(engineReservation(reservation.sid)?.status).toBe('completed');
    expect(h.emulator.engine.getTask(reservation.task.sid)?.assignmentStatus).toBe('completed');
  });

  it('an SDK error from the engine is a rejected promise, not a crash', async () => {
    const reservation = await offered(await connected(alice));
    await reservation.accept();
    await expect(reservation.accept()).rejects.toThrow(/status code 4\d\d/);
    expect(engineReservation(reservation.sid)?.status).toBe('accepted');
  });

  it('activity.setAsCurrent() changes the worker activity in the engine', async () => {
    const worker = await connected(alice);
    await worker.activities.get(h.emulator.ready.activities.Lunch!)!.setAsCurrent();
    expect(h.emulator.engine.getWorker(alice)?.activitySid).toBe(h.emulator.ready.activities.Lunch);
    expect(worker.activity.name).toBe('Lunch');
  });

  it('setAttributes() updates the worker attributes', async () => {
    const worker = await connected(alice);
    await worker.setAttributes({ ...worker.attributes, team: 'Tier 2' });
    expect(JSON.parse(h.emulator.engine.getWorker(alice)!.attributes).team).toBe('Tier 2');
    expect(worker.attributes.team).toBe('Tier 2');
  });

  it('with enableVersionCheck a stale write is refused with 412 and a fresh one goes through', async () => {
    const worker = h.connect(h.token(alice), { enableVersionCheck: true });
    await nextEvent(worker, 'ready');
    const seenVersion = worker.version;
    // Someone else changes the worker; the SDK writes before it has heard about it.
    expect(h.emulator.engine.updateWorker(alice, { Attributes: JSON.stringify({ ...worker.attributes, team: 'Tier 3' }) }).ok).toBe(true);
    await expect(worker.setAttributes({ ...worker.attributes, team: 'Tier 2' })).rejects.toThrow(/status code 412/);
    expect(JSON.parse(h.emulator.engine.getWorker(alice)!.attributes).team).toBe('Tier 3');
    await waitFor(() => worker.version !== seenVersion, { description: 'the SDK took in worker.attributes.update' });
    await worker.setAttributes({ ...worker.attributes, team: 'Tier 2' });
    expect(JSON.parse(h.emulator.engine.getWorker(alice)!.attributes).team).toBe('Tier 2');
  });

  it('a reservation left pending times out on the simulated clock', async () => {
    const reservation = await offered(await connected(alice));
    const timedOut = nextEvent(reservation, 'timeout');
    h.emulator.clock.advance(31_000);
    await timedOut;
    expect(engineReservation(reservation.sid)?.status).toBe('timeout');
  });

  it('a canceled task cancels the reservation', async () => {
    const reservation = await offered(await connected(alice));
    const canceled = nextEvent(reservation, 'canceled');
    const result = h.emulator.engine.updateTask(reservation.task.sid, { AssignmentStatus: 'canceled', Reason: 'caller hung up' });
    expect(result.ok).toBe(true);
    await canceled;
    expect(engineReservation(reservation.sid)?.status).toBe('canceled');
  });

  it('when another worker accepts, the other reservation is rescinded', async () => {
    const support = h.emulator.engine.listTaskQueues().find((q) => q.friendlyName === 'Support')!;
    expect(h.emulator.engine.updateTaskQueue(support.sid, { MaxReservedWorkers: 2 }).ok).toBe(true);
    expect(h.emulator.engine.updateWorker(bob, { ActivitySid: h.emulator.ready.activities.Available }).ok).toBe(true);
    const [aliceWorker, bobWorker] = await Promise.all([connected(alice), connected(bob)]);
    const forAlice = nextEvent<Reservation>(aliceWorker, 'reservationCreated');
    const forBob = nextEvent<Reservation>(bobWorker, 'reservationCreated');
    await h.createTask();
    const [aliceReservation, bobReservation] = await Promise.all([forAlice, forBob]);
    const rescinded = nextEvent(bobReservation, 'rescinded');
    await aliceReservation.accept();
    await rescinded;
    expect(engineReservation(bobReservation.sid)?.status).toBe('rescinded');
  });
});
