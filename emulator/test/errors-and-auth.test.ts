import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import {
  createReservedTask,
  twilioClientWithCredentials,
  useTestEmulator,
  workerSid,
  workspaceOf,
} from '../test-support/index';

const env = useTestEmulator({ workers: 2 }, { onlyAvailable: [0] });

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => error,
  );
}

describe('errors surface as the library’s RestException', () => {
  it('404 for an unknown reservation has status, code, message and moreInfo', async () => {
    const missing = `WR${'0'.repeat(32)}`;
    const error = await caught(workspaceOf(env).workers(workerSid(env, 0)).reservations(missing).fetch());
    expect(error).toBeInstanceOf(twilio.RestException);
    expect(error).toMatchObject({ status: 404, code: 20404, moreInfo: 'https://www.twilio.com/docs/errors/20404' });
    expect((error as Error).message.length).toBeGreaterThan(0);
  });

  it('404 for an unknown workspace', async () => {
    const error = await caught(env.client.taskrouter.v1.workspaces(`WS${'0'.repeat(32)}`).workers.list());
    expect(error).toMatchObject({ status: 404, code: 20404 });
  });

  it('412 when If-Match does not match the reservation version; the matching ETag succeeds', async () => {
    const { reservation } = await createReservedTask(env);
    const context = workspaceOf(env).workers(workerSid(env, 0)).reservations(reservation.sid);
    const error = await caught(context.update({ reservationStatus: 'accepted', ifMatch: '987654' }));
    expect(error).toBeInstanceOf(twilio.RestException);
    expect(error).toMatchObject({ status: 412, code: expect.any(Number) });
    expect((await context.fetch()).reservationStatus).toBe('pending');

    const withInfo = await context.fetchWithHttpInfo();
    const etag = withInfo.headers.etag ?? withInfo.headers.ETag;
    expect(etag, 'reservation fetch carries an ETag header').toBeTruthy();
    const accepted = await context.update({ reservationStatus: 'accepted', ifMatch: String(etag) });
    expect(accepted.reservationStatus).toBe('accepted');
  });

  it('refuses to update a reservation that is no longer pending (accepted → accepted, accepted → rejected)', async () => {
    const { reservation } = await createReservedTask(env);
    const context = workspaceOf(env).tasks(reservation.taskSid).reservations(reservation.sid);
    await context.update({ reservationStatus: 'accepted' });

    for (const reservationStatus of ['accepted', 'rejected'] as const) {
      const error = await caught(context.update({ reservationStatus }));
      expect(error).toBeInstanceOf(twilio.RestException);
      const { status, code, message } = error as { status: number; code: number; message: string };
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      expect(code).toEqual(expect.any(Number));
      expect(message).toMatch(/accepted/);
    }
    expect((await context.fetch()).reservationStatus).toBe('accepted');
  });

  it('refuses instructions on a reservation that is no longer pending', async () => {
    const { reservation } = await createReservedTask(env);
    const context = workspaceOf(env).tasks(reservation.taskSid).reservations(reservation.sid);
    await context.update({ reservationStatus: 'rejected' });
    const error = await caught(context.update({ instruction: 'dequeue', dequeueFrom: '+15550100999' }));
    expect(error).toMatchObject({ status: expect.any(Number), code: expect.any(Number) });
    expect((error as { status: number }).status).toBeGreaterThanOrEqual(400);
    expect((error as { status: number }).status).toBeLessThan(500);
  });

  it('refuses wrapping before accepted', async () => {
    const { reservation } = await createReservedTask(env);
    const error = await caught(workspaceOf(env).tasks(reservation.taskSid).reservations(reservation.sid).update({ reservationStatus: 'wrapping' }));
    expect((error as { status: number }).status).toBeGreaterThanOrEqual(400);
    expect((error as { status: number }).status).toBeLessThan(500);
  });
});

describe('HTTP Basic auth', () => {
  const expect401 = (error: unknown) => {
    expect(error).toBeInstanceOf(twilio.RestException);
    expect(error).toMatchObject({ status: 401, code: 20003, moreInfo: 'https://www.twilio.com/docs/errors/20003' });
  };

  it('no Authorization header → 401 / 20003 Twilio error JSON', async () => {
    const response = await fetch(`${env.ready.url}/v1/Workspaces/${env.ready.workspaceSid}/Workers`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 20003, status: 401, message: expect.any(String), more_info: expect.any(String) });
  });

  it('wrong auth token → 401 / 20003', async () => {
    const { client } = twilioClientWithCredentials(env.ready, env.ready.accountSid, 'wrong-token');
    expect401(await caught(client.taskrouter.v1.workspaces(env.ready.workspaceSid).workers.list()));
  });

  it('wrong API key secret → 401 / 20003', async () => {
    const { client } = twilioClientWithCredentials(env.ready, env.ready.apiKeySid, 'wrong-secret');
    expect401(await caught(client.taskrouter.v1.workspaces(env.ready.workspaceSid).workers.list()));
  });

  it('unknown API key SID → 401 / 20003', async () => {
    const { client } = twilioClientWithCredentials(env.ready, `SK${'0'.repeat(32)}`, env.ready.apiKeySecret);
    expect401(await caught(client.taskrouter.v1.workspaces(env.ready.workspaceSid).workers.list()));
  });

  it('wrong account SID with the right token → 401 / 20003', async () => {
    const otherAccount = `AC${'0'.repeat(32)}`;
    const { client } = twilioClientWithCredentials(env.ready, otherAccount, env.ready.authToken, otherAccount);
    expect401(await caught(client.taskrouter.v1.workspaces(env.ready.workspaceSid).workers.list()));
  });

  it('API 2010 paths need auth too, and the URL account must be the authenticated one', async () => {
    const base = `${env.ready.url}/2010-04-01/Accounts/${env.ready.accountSid}/Calls.json`;
    expect((await fetch(base)).status).toBe(401);
    const authorization = `Basic ${Buffer.from(`${env.ready.accountSid}:${env.ready.authToken}`).toString('base64')}`;
    const other = await fetch(`${env.ready.url}/2010-04-01/Accounts/AC${'0'.repeat(32)}/Calls.json`, { headers: { authorization } });
    expect([401, 403, 404]).toContain(other.status);
  });

  it('a malformed Authorization header → 401', async () => {
    const response = await fetch(`${env.ready.url}/v1/Workspaces/${env.ready.workspaceSid}/Workers`, { headers: { authorization: 'Basic !!!not-base64' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 20003, status: 401 });
  });
});
