import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import type * as TaskRouter from 'twilio-taskrouter';
import { WebSocket } from 'ws';
import { workerSdkOptions } from '../eventbridge/plugin';
import twilio from 'twilio';
import { admin, rawRequest, sharedOpenApiValidator, startTestEmulator, workspaceOf, type RawResponse, type TestEmulator } from '../test-support/index';

/**
 * The emulator's own door: only requests naming the emulator in Host (so a DNS-rebinding
 * page cannot read /emulator/ready or drive the admin API), an optional admin secret, and
 * input limits (nesting depth, non-object admin bodies) answered with a typed 400.
 */

const { Worker } = createRequire(import.meta.url)('twilio-taskrouter') as typeof TaskRouter;

let env: TestEmulator | undefined;

afterEach(async () => {
  const violations = env?.specViolations() ?? [];
  await env?.close();
  env = undefined;
  expect(violations).toEqual([]);
});

function expectTwilioError(response: RawResponse, status: number): void {
  expect(response.status, response.text.slice(0, 200)).toBe(status);
  const violation = sharedOpenApiValidator().validate({ method: 'GET', url: 'http://127.0.0.1/', status, body: response.json });
  expect(violation?.problem).toBeUndefined();
}

const port = (e: TestEmulator) => new URL(e.ready.url).port;

/** JSON text of an object nested `depth` levels deep (built as text: JSON.stringify itself overflows near 5,000). */
const nestedText = (depth: number): string => `${'{"a":'.repeat(depth - 1)}{"leaf":true}${'}'.repeat(depth - 1)}`;

/** Attributes nested `depth` levels deep. */
function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
}

function upgradeStatus(url: string, host: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers: { host } });
    socket.on('error', () => undefined);
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
  });
}

describe('Host allow-list', () => {
  it('refuses a foreign Host on the admin API, the ready object, Twilio paths and WebSocket upgrades', async () => {
    env = await startTestEmulator();
    const basic = `Basic ${Buffer.from(`${env.ready.accountSid}:${env.ready.authToken}`).toString('base64')}`;
    const evil = { host: `rebind.attacker.example:${port(env)}` };
    const ready = await rawRequest(env.ready.url, { method: 'GET', path: '/emulator/ready', headers: evil });
    expectTwilioError(ready, 403);
    expect(ready.text).not.toContain(env.ready.authToken);
    expectTwilioError(await rawRequest(env.ready.url, { method: 'POST', path: '/emulator/tasks', headers: { ...evil, 'content-type': 'application/json' }, body: '{}' }), 403);
    expectTwilioError(await rawRequest(env.ready.url, { method: 'GET', path: `/v1/Workspaces/${env.ready.workspaceSid}`, headers: { ...evil, authorization: basic } }), 403);
    // The same names on another port are someone else.
    expectTwilioError(await rawRequest(env.ready.url, { method: 'GET', path: '/emulator/health', headers: { host: '127.0.0.1:1' } }), 403);
    const wsUrl = `${env.ready.url.replace(/^http/, 'ws')}/eventbridge/v1/wschannels?token=x`;
    expect(await upgradeStatus(wsUrl, evil.host)).toBe(403);
    expect(await upgradeStatus(`${env.ready.url.replace(/^http/, 'ws')}/signal`, evil.host)).toBe(403);
    expect(((await env.admin.state()).body['tasks'] as unknown[]).length).toBe(0);
  });

  it('answers its own loopback names and the configured ones', async () => {
    env = await startTestEmulator({ allowedHosts: ['emulator.test', 'exact.test:8080'] });
    for (const host of [`127.0.0.1:${port(env)}`, `localhost:${port(env)}`, `LOCALHOST:${port(env)}`, 'emulator.test', 'emulator.test:443', 'exact.test:8080']) {
      const response = await rawRequest(env.ready.url, { method: 'GET', path: '/emulator/health', headers: { host } });
      expect(response.status, host).toBe(200);
    }
    expectTwilioError(await rawRequest(env.ready.url, { method: 'GET', path: '/emulator/health', headers: { host: 'exact.test:8081' } }), 403);
    // The official clients (their Host is the emulator's URL) are unaffected.
    expect((await workspaceOf(env).fetch()).sid).toBe(env.ready.workspaceSid);
  });
});

describe('admin secret', () => {
  const secret = 'a-per-launch-secret-0123456789';

  it('locks /emulator/* (ready included) behind Authorization: Bearer, and leaves the Twilio API alone', async () => {
    env = await startTestEmulator({ adminSecret: secret });
    const open = admin({ url: env.ready.url });
    const refused = await open.ready();
    expect(refused.status).toBe(401);
    expect(JSON.stringify(refused.body)).not.toContain(env.ready.authToken);
    expect((await open.createTask({ attributes: {} })).status).toBe(401);
    expect((await rawRequest(env.ready.url, { method: 'GET', path: '/emulator/health', headers: { authorization: 'Bearer wrong-secret-0123456789' } })).status).toBe(401);
    expect((await rawRequest(env.ready.url, { method: 'POST', path: '/emulator/eventbridge/disconnect', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);

    // The in-process ready object carries the secret, and the test-support client sends it.
    expect(env.ready.adminSecret).toBe(secret);
    const ready = await env.admin.ready();
    expect(ready.status).toBe(200);
    expect(ready.body.adminSecret).toBe(secret);
    expect((await env.admin.createTask({ attributes: { queue: 'Support' } })).status).toBe(201);
    expect(((await env.admin.state()).body['tasks'] as unknown[]).length).toBe(1);
    expect((await workspaceOf(env).tasks.list()).length).toBe(1);
  });

  it('refuses a secret too short to be one', async () => {
    await expect(startTestEmulator({ adminSecret: 'short' })).rejects.toThrow(/adminSecret/);
  });
});

describe('input limits', () => {
  it('answers 400 to 5,000-deep attributes on the admin API, REST and the EventBridge, leaving state intact', async () => {
    env = await startTestEmulator();
    const deep = nestedText(5_000);
    const viaAdmin = await rawRequest(env.ready.url, { method: 'POST', path: '/emulator/tasks', headers: { 'content-type': 'application/json' }, body: `{"attributes":${deep}}` });
    expectTwilioError(viaAdmin, 400);

    const worker = env.ready.workers[0]!.sid;
    await expect(workspaceOf(env).tasks.create({ workflowSid: env.ready.workflowSid, attributes: deep })).rejects.toMatchObject({ status: 400, code: 20001 });
    await expect(workspaceOf(env).workers(worker).update({ attributes: JSON.stringify(nested(65)) })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/64 levels/) });
    // 64 levels are fine.
    await workspaceOf(env).workers(worker).update({ attributes: JSON.stringify(nested(64)) });

    const token = new twilio.jwt.AccessToken(env.ready.accountSid, env.ready.apiKeySid, env.ready.apiKeySecret, { identity: worker, ttl: 600 });
    token.addGrant(new twilio.jwt.AccessToken.TaskRouterGrant({ workspaceSid: env.ready.workspaceSid, workerSid: worker, role: 'worker' }));
    const jwt = token.toJwt();
    const proxied = await rawRequest(env.ready.url, {
      method: 'POST',
      path: '/eventbridge/v1/wschannels',
      headers: { 'content-type': 'application/x-www-form-urlencoded', apiVersion: 'v1' },
      body: `{"url":"Workspaces/${env.ready.workspaceSid}/Workers/${worker}","method":"POST","token":"${jwt}","params":{"Attributes":${deep}}}`,
    });
    expectTwilioError(proxied, 400);
    // The SDK itself can serialize 2,000 levels; the emulator refuses them all the same.
    const sdk = new Worker(jwt, { ...workerSdkOptions(env.ready.url), logLevel: 'silent' });
    sdk.on('error', () => undefined);
    try {
      await new Promise((resolve) => sdk.once('ready', resolve));
      await expect(sdk.setAttributes(nested(2_000))).rejects.toThrow(/status code 400/);
    } finally {
      sdk.disconnect();
    }
    expect(((await env.admin.state()).body['tasks'] as unknown[]).length).toBe(0);
    expect(JSON.parse(env.running.engine.getWorker(worker)!.attributes)).toEqual(nested(64));
  });

  it('refuses admin bodies that are not JSON objects (null, arrays, scalars)', async () => {
    env = await startTestEmulator();
    for (const body of ['null', '[]', '[{"attributes":{}}]', '42', '"text"']) {
      for (const path of ['/emulator/tasks', '/emulator/eventbridge/disconnect', '/emulator/clock', '/emulator/faults']) {
        const response = await rawRequest(env.ready.url, { method: 'POST', path, headers: { 'content-type': 'application/json' }, body });
        expect(response.status, `${path} ${body}`).toBe(400);
        expect(response.json).toMatchObject({ code: 20001, status: 400 });
      }
    }
    expect(((await env.admin.state()).body['tasks'] as unknown[]).length).toBe(0);
  });
});
