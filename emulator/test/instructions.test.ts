import { describe, expect, it } from 'vitest';
import {
  activitySid,
  createReservedTask,
  normalizedParams,
  useTestEmulator,
  waitForReservationStatus,
  workerSid,
  workspaceOf,
} from '../test-support/index';

const env = useTestEmulator({ workers: 2 }, { onlyAvailable: [0] });

const callSid = `CA${'a'.repeat(32)}`;

async function pendingReservation() {
  const { taskSid, reservation } = await createReservedTask(env);
  return { taskSid, reservation, onWorker: workspaceOf(env).workers(workerSid(env, 0)).reservations(reservation.sid), onTask: workspaceOf(env).tasks(taskSid).reservations(reservation.sid) };
}

/** The instruction as the emulator recorded it (admin state dump). */
async function recordedInstruction(reservationSid: string) {
  const dumped = await env.admin.reservation(reservationSid);
  expect(dumped, `reservation ${reservationSid} in the state dump`).toBeDefined();
  return dumped!.instruction ?? undefined;
}

/** A refused instruction is a RestException with a 4xx, a code, and a message naming the missing field. */
async function expectRefused(update: Promise<unknown>, field: RegExp) {
  const error = await update.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the update must be refused').toMatchObject({ status: 400, code: expect.any(Number), message: expect.stringMatching(field) });
}

describe('Conference instruction', () => {
  it('calls the worker on To, accepts the reservation, and records every optional parameter', async () => {
    const { taskSid, reservation, onWorker } = await pendingReservation();
    await onWorker.update({
      instruction: 'conference',
      to: 'client:alice-desk',
      from: '+15550100999',
      timeout: 25,
      record: true,
      muted: false,
      beep: 'onEnter',
      startConferenceOnEnter: true,
      endConferenceOnExit: true,
      earlyMedia: true,
      maxParticipants: 10,
      statusCallback: 'https://example.com/status',
      statusCallbackMethod: 'POST',
      statusCallbackEvent: ['initiated', 'answered'],
      conferenceStatusCallback: 'https://example.com/conf',
      conferenceStatusCallbackEvent: ['start', 'end', 'join'],
      conferenceRecord: 'record-from-start',
      conferenceTrim: 'trim-silence',
      recordingChannels: 'dual',
      endConferenceOnCustomerExit: true,
      beepOnCustomerEntrance: false,
      waitUrl: 'https://example.com/wait',
      waitMethod: 'GET',
    });
    await waitForReservationStatus(env, taskSid, reservation.sid, 'accepted');

    const instruction = await recordedInstruction(reservation.sid);
    expect(instruction?.name).toBe('conference');
    expect(normalizedParams(instruction?.params)).toMatchObject({
      To: 'client:alice-desk',
      From: '+15550100999',
      Timeout: '25',
      Record: 'true',
      Muted: 'false',
      Beep: 'onEnter',
      StartConferenceOnEnter: 'true',
      EndConferenceOnExit: 'true',
      EarlyMedia: 'true',
      MaxParticipants: '10',
      StatusCallback: 'https://example.com/status',
      StatusCallbackMethod: 'POST',
      StatusCallbackEvent: ['initiated', 'answered'],
      ConferenceStatusCallback: 'https://example.com/conf',
      ConferenceStatusCallbackEvent: ['start', 'end', 'join'],
      ConferenceRecord: 'record-from-start',
      ConferenceTrim: 'trim-silence',
      RecordingChannels: 'dual',
      EndConferenceOnCustomerExit: 'true',
      BeepOnCustomerEntrance: 'false',
      WaitUrl: 'https://example.com/wait',
      WaitMethod: 'GET',
    });
    expect((await workspaceOf(env).tasks(taskSid).fetch()).assignmentStatus).toBe('assigned');
  });

  it("falls back to the worker's contact_uri when To is absent", async () => {
    const { taskSid, reservation, onTask } = await pendingReservation();
    await onTask.update({ instruction: 'conference', from: '+15550100999' });
    await waitForReservationStatus(env, taskSid, reservation.sid, 'accepted');
    const instruction = await recordedInstruction(reservation.sid);
    expect(instruction?.name).toBe('conference');
    expect(instruction?.params).not.toHaveProperty('To');
  });

  it('is refused when neither To nor a contact_uri attribute exists, and the reservation stays pending', async () => {
    const worker = workerSid(env, 0);
    // Strip contact_uri from the worker before the task arrives.
    await workspaceOf(env).workers(worker).update({ attributes: JSON.stringify({ skills: ['support'] }) });
    const { taskSid, reservation, onWorker } = await pendingReservation();
    await expectRefused(onWorker.update({ instruction: 'conference' }), /contact_uri|To/);
    expect((await workspaceOf(env).tasks(taskSid).reservations(reservation.sid).fetch()).reservationStatus).toBe('pending');
  });

  it('rejects MaxParticipants outside 2..250', async () => {
    const { onWorker } = await pendingReservation();
    await expectRefused(onWorker.update({ instruction: 'conference', to: 'client:x', maxParticipants: 251 }), /MaxParticipants/);
  });
});

describe('Dequeue instruction', () => {
  it('accepts with DequeueFrom and records the optional parameters', async () => {
    const { taskSid, reservation, onWorker } = await pendingReservation();
    await onWorker.update({
      instruction: 'dequeue',
      dequeueFrom: '+15550100999',
      dequeueTo: 'client:alice-desk',
      dequeuePostWorkActivitySid: activitySid(env, 'Wrap Up'),
      dequeueRecord: 'record-from-answer',
      dequeueTimeout: 30,
      dequeueStatusCallbackUrl: 'https://example.com/dq',
      dequeueStatusCallbackEvent: ['ringing', 'completed'],
    });
    await waitForReservationStatus(env, taskSid, reservation.sid, 'accepted');
    const instruction = await recordedInstruction(reservation.sid);
    expect(instruction?.name).toBe('dequeue');
    expect(normalizedParams(instruction?.params)).toMatchObject({
      DequeueFrom: '+15550100999',
      DequeueTo: 'client:alice-desk',
      DequeuePostWorkActivitySid: activitySid(env, 'Wrap Up'),
      DequeueRecord: 'record-from-answer',
      DequeueTimeout: '30',
      DequeueStatusCallbackUrl: 'https://example.com/dq',
      DequeueStatusCallbackEvent: ['ringing', 'completed'],
    });
  });

  it('is refused without DequeueFrom', async () => {
    const { taskSid, reservation, onWorker } = await pendingReservation();
    await expectRefused(onWorker.update({ instruction: 'dequeue', dequeueTo: 'client:alice-desk' }), /DequeueFrom/);
    expect((await workspaceOf(env).tasks(taskSid).reservations(reservation.sid).fetch()).reservationStatus).toBe('pending');
  });

  it('rejects DequeueTimeout above 999', async () => {
    const { onWorker } = await pendingReservation();
    await expectRefused(onWorker.update({ instruction: 'dequeue', dequeueFrom: '+15550100999', dequeueTimeout: 1000 }), /DequeueTimeout/);
  });
});

describe('Call instruction', () => {
  it('with CallAccept=true accepts and records the optional parameters', async () => {
    const { taskSid, reservation, onTask } = await pendingReservation();
    await onTask.update({
      instruction: 'call',
      callFrom: '+15550100999',
      callUrl: 'https://example.com/twiml',
      callTo: 'client:alice-desk',
      callAccept: true,
      callRecord: 'record-from-answer',
      callTimeout: 20,
      callStatusCallbackUrl: 'https://example.com/call-status',
    });
    await waitForReservationStatus(env, taskSid, reservation.sid, 'accepted');
    const instruction = await recordedInstruction(reservation.sid);
    expect(instruction?.name).toBe('call');
    expect(normalizedParams(instruction?.params)).toMatchObject({
      CallFrom: '+15550100999',
      CallUrl: 'https://example.com/twiml',
      CallTo: 'client:alice-desk',
      CallAccept: 'true',
      CallRecord: 'record-from-answer',
      CallTimeout: '20',
      CallStatusCallbackUrl: 'https://example.com/call-status',
    });
  });

  it('without CallAccept leaves the reservation pending (accepting is the caller’s job)', async () => {
    const { taskSid, reservation, onTask } = await pendingReservation();
    const answered = await onTask.update({ instruction: 'call', callFrom: '+15550100999', callUrl: 'https://example.com/twiml' });
    expect(answered.reservationStatus).toBe('pending');
    expect((await recordedInstruction(reservation.sid))?.name).toBe('call');
    expect((await workspaceOf(env).tasks(taskSid).reservations(reservation.sid).fetch()).reservationStatus).toBe('pending');
  });

  it('is refused without CallFrom', async () => {
    const { onTask } = await pendingReservation();
    await expectRefused(onTask.update({ instruction: 'call', callUrl: 'https://example.com/twiml' }), /CallFrom/);
  });

  it('is refused without CallUrl', async () => {
    const { onTask } = await pendingReservation();
    await expectRefused(onTask.update({ instruction: 'call', callFrom: '+15550100999' }), /CallUrl/);
  });
});

describe('Redirect instruction', () => {
  it('with RedirectAccept=true accepts and records the parameters', async () => {
    const { taskSid, reservation, onWorker } = await pendingReservation();
    await onWorker.update({ instruction: 'redirect', redirectCallSid: callSid, redirectUrl: 'https://example.com/redirect', redirectAccept: true });
    await waitForReservationStatus(env, taskSid, reservation.sid, 'accepted');
    const instruction = await recordedInstruction(reservation.sid);
    expect(instruction?.name).toBe('redirect');
    expect(normalizedParams(instruction?.params)).toMatchObject({ RedirectCallSid: callSid, RedirectUrl: 'https://example.com/redirect', RedirectAccept: 'true' });
  });

  it('without RedirectAccept leaves the reservation pending', async () => {
    const { taskSid, reservation, onWorker } = await pendingReservation();
    await onWorker.update({ instruction: 'redirect', redirectCallSid: callSid, redirectUrl: 'https://example.com/redirect' });
    expect((await recordedInstruction(reservation.sid))?.name).toBe('redirect');
    expect((await workspaceOf(env).tasks(taskSid).reservations(reservation.sid).fetch()).reservationStatus).toBe('pending');
  });

  it('is refused without RedirectCallSid', async () => {
    const { onWorker } = await pendingReservation();
    await expectRefused(onWorker.update({ instruction: 'redirect', redirectUrl: 'https://example.com/redirect' }), /RedirectCallSid/);
  });

  it('is refused without RedirectUrl', async () => {
    const { onWorker } = await pendingReservation();
    await expectRefused(onWorker.update({ instruction: 'redirect', redirectCallSid: callSid }), /RedirectUrl/);
  });

  it('is refused when RedirectCallSid is not a call SID', async () => {
    const { onWorker } = await pendingReservation();
    await expectRefused(onWorker.update({ instruction: 'redirect', redirectCallSid: 'not-a-call', redirectUrl: 'https://example.com/redirect' }), /RedirectCallSid/);
  });
});
