import { describe, expect, it } from 'vitest';
import {
  createReservedTask,
  useTestEmulator,
  waitForReservationStatus,
  workerSid,
  workspaceOf,
} from '../test-support/index';

const env = useTestEmulator({ workers: 2 }, { onlyAvailable: [0] });

/** Runs a conference instruction without To, so the worker is called on its contact_uri. */
async function conferencedTask() {
  const { taskSid, reservation } = await createReservedTask(env);
  await workspaceOf(env).workers(workerSid(env, 0)).reservations(reservation.sid).update({ instruction: 'conference', from: '+15550100999' });
  await waitForReservationStatus(env, taskSid, reservation.sid, 'accepted');
  const dumped = await env.admin.reservation(reservation.sid);
  const workerCallSid = (dumped?.instruction as { callSid?: string | null } | undefined)?.callSid;
  expect(workerCallSid, 'the conference instruction recorded the worker leg').toMatch(/^CA[0-9a-f]{32}$/);
  return { taskSid, reservation, workerCallSid: workerCallSid! };
}

describe('API 2010 calls and conferences through the official library', () => {
  it('the conference instruction puts the worker leg, dialled on contact_uri, into a conference named after the task', async () => {
    const { taskSid, workerCallSid } = await conferencedTask();
    const conferences = await env.client.conferences.list({ friendlyName: taskSid });
    expect(conferences).toHaveLength(1);
    const conference = conferences[0]!;
    expect(conference.sid).toMatch(/^CF[0-9a-f]{32}$/);
    expect(conference.accountSid).toBe(env.ready.accountSid);

    const participants = await env.client.conferences(conference.sid).participants.list();
    expect(participants.map((p) => p.callSid)).toContain(workerCallSid);

    const call = await env.client.calls(workerCallSid).fetch();
    expect(call.to).toBe(env.ready.workers[0]!.contactUri);
    expect(call.status).toBe('in-progress');
  });

  it('fetches, mutes, holds and kicks a participant', async () => {
    const { taskSid, workerCallSid } = await conferencedTask();
    const [conference] = await env.client.conferences.list({ friendlyName: taskSid });
    const participant = env.client.conferences(conference!.sid).participants(workerCallSid);

    const fetched = await participant.fetch();
    expect(fetched.conferenceSid).toBe(conference!.sid);
    expect(fetched.muted).toBe(false);

    const muted = await participant.update({ muted: true, hold: true, holdUrl: `${env.ready.url}/twiml/hold-music` });
    expect(muted.muted).toBe(true);
    expect(muted.hold).toBe(true);
    expect((await env.client.conferences(conference!.sid).participants.list({ muted: true })).map((p) => p.callSid)).toContain(workerCallSid);

    expect(await participant.remove()).toBe(true);
    await expect(participant.fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
  });

  it('creates, lists, fetches and completes a call', async () => {
    const created = await env.client.calls.create({ to: '+15550100123', from: '+15550100999', url: `${env.ready.url}/twiml/demo-app` });
    expect(created.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(created.to).toBe('+15550100123');
    expect((await env.client.calls.list()).map((c) => c.sid)).toContain(created.sid);
    expect((await env.client.calls(created.sid).fetch()).from).toBe('+15550100999');
    // Ending a call that never connected leaves it canceled rather than completed; either way it is over.
    const ended = await env.client.calls(created.sid).update({ status: 'completed' });
    expect(['completed', 'canceled']).toContain(ended.status);
  });

  it('refuses TwiML, HoldUrl and callback URLs off loopback with a clear error, and changes nothing', async () => {
    const before = (await env.client.calls.list()).length;
    await expect(env.client.calls.create({ to: '+15550100123', from: '+15550100999', url: 'https://example.com/twiml' })).rejects.toMatchObject({ status: 400, code: 21205, message: expect.stringMatching(/loopback/) });
    await expect(env.client.calls.create({ to: '+15550100123', from: '+15550100999', url: `${env.ready.url}/twiml/demo-app`, statusCallback: 'http://10.0.0.1/cb' })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/StatusCallback.*loopback/) });
    expect((await env.client.calls.list()).length).toBe(before);
    const { taskSid, workerCallSid } = await conferencedTask();
    const [conference] = await env.client.conferences.list({ friendlyName: taskSid });
    await expect(env.client.conferences(conference!.sid).participants(workerCallSid).update({ hold: true, holdUrl: 'https://example.com/hold' })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/HoldUrl.*loopback/) });
    expect((await env.client.conferences(conference!.sid).participants(workerCallSid).fetch()).hold).toBe(false);
  });

  it('refuses a call without To, and an unknown conference is a 404 RestException', async () => {
    // twilio-node checks required parameters itself, so the missing To goes over raw HTTP.
    const response = await env.twilioFetch(`/2010-04-01/Accounts/${env.ready.accountSid}/Calls.json`, { form: { From: '+15550100999', Url: 'https://example.com/twiml' } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ status: 400, code: expect.any(Number), message: expect.stringMatching(/To/) });
    await expect(env.client.conferences(`CF${'0'.repeat(32)}`).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
  });
});
