import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createReservedTask,
  onlyAvailable,
  rawRequest,
  rawSocketExchange,
  sharedOpenApiValidator,
  startTestEmulator,
  utf8Path,
  workerSid,
  type RawRequest,
  type RawResponse,
  type TestEmulator,
} from '../test-support/index';

/**
 * Malformed requests of every kind must get a Twilio-shaped 4xx (never a 5xx, never a crash)
 * and must leave the emulator's state exactly as it was.
 */

let env: TestEmulator;
let authorization: string;
let reservationPath: string;
let workerPath: string;
let workspacePath: string;
let baseline: unknown;

const form = { 'content-type': 'application/x-www-form-urlencoded' };

beforeAll(async () => {
  env = await startTestEmulator({ workers: 2 });
  await onlyAvailable(env, [workerSid(env, 0)]);
  const { reservation } = await createReservedTask(env);
  authorization = `Basic ${Buffer.from(`${env.ready.accountSid}:${env.ready.authToken}`).toString('base64')}`;
  workspacePath = `/v1/Workspaces/${env.ready.workspaceSid}`;
  workerPath = `${workspacePath}/Workers/${workerSid(env, 0)}`;
  reservationPath = `${workerPath}/Reservations/${reservation.sid}`;
  baseline = (await env.admin.state()).body;
});

afterAll(async () => {
  await env.close();
});

function send(request: RawRequest): Promise<RawResponse> {
  return rawRequest(env.ready.url, { ...request, headers: { authorization, ...request.headers } });
}

/** A 4xx whose body is Twilio's error JSON with the same status. */
function expectTwilio4xx(response: RawResponse, label: string, expectedStatus?: number): void {
  expect(response.status, `${label}: status (body ${response.text.slice(0, 200)})`).toBeGreaterThanOrEqual(400);
  expect(response.status, `${label}: status`).toBeLessThan(500);
  if (expectedStatus !== undefined) expect(response.status, `${label}: status`).toBe(expectedStatus);
  const violation = sharedOpenApiValidator().validate({ method: 'GET', url: `${env.ready.url}/`, status: response.status, body: response.json });
  expect(violation?.problem, `${label}: Twilio error body`).toBeUndefined();
}

async function expectStateUnchanged(label: string): Promise<void> {
  expect((await env.admin.ready()).status, `${label}: still ready`).toBe(200);
  expect((await env.admin.state()).body, `${label}: state dump unchanged`).toEqual(baseline);
}

const longSegment = 'W'.repeat(8_000);

interface Case extends RawRequest {
  name: string;
  status?: number;
  /** Skip the default Authorization header (for auth-shaped cases). */
  anonymous?: boolean;
}

function cases(): Case[] {
  const binary = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 131 + 7) % 256));
  return [
    { name: 'broken percent-encoding', method: 'POST', path: reservationPath, headers: form, body: 'ReservationStatus=%E0%A4%A&%%%=&=%' },
    { name: 'JSON where a form is expected', method: 'POST', path: reservationPath, headers: { 'content-type': 'application/json' }, body: '{"ReservationStatus":"accepted"}' },
    { name: 'JSON text sent as a form', method: 'POST', path: reservationPath, headers: form, body: '{"ReservationStatus":"accepted"}' },
    { name: 'binary garbage as a form', method: 'POST', path: reservationPath, headers: form, body: binary },
    { name: 'binary garbage as octet-stream', method: 'POST', path: reservationPath, headers: { 'content-type': 'application/octet-stream' }, body: binary },
    { name: 'XML body', method: 'POST', path: reservationPath, headers: { 'content-type': 'text/xml' }, body: '<ReservationStatus>accepted</ReservationStatus>' },
    { name: 'unknown parameter beside a valid one', method: 'POST', path: reservationPath, headers: form, body: 'ReservationStatus=accepted&NotAParameter=1' },
    { name: 'unknown ReservationStatus value', method: 'POST', path: reservationPath, headers: form, body: 'ReservationStatus=maybe' },
    { name: 'repeated scalar parameter', method: 'POST', path: reservationPath, headers: form, body: 'ReservationStatus=accepted&ReservationStatus=rejected' },
    { name: 'unknown instruction', method: 'POST', path: reservationPath, headers: form, body: 'Instruction=teleport' },
    { name: 'string for an integer (DequeueTimeout)', method: 'POST', path: reservationPath, headers: form, body: 'Instruction=dequeue&DequeueFrom=%2B15550100999&DequeueTimeout=abc' },
    { name: '"maybe" for a boolean (CallAccept)', method: 'POST', path: reservationPath, headers: form, body: 'Instruction=call&CallFrom=%2B15550100999&CallUrl=https%3A%2F%2Fexample.com%2Ft&CallAccept=maybe' },
    { name: '"maybe" for a boolean (Record)', method: 'POST', path: reservationPath, headers: form, body: 'Instruction=conference&To=client%3Ax&Record=maybe' },
    { name: 'short activity SID in params', method: 'POST', path: reservationPath, headers: form, body: 'ReservationStatus=rejected&WorkerActivitySid=WA123' },
    { name: 'wrong-prefix activity SID in params', method: 'POST', path: reservationPath, headers: form, body: `ReservationStatus=rejected&WorkerActivitySid=XX${'a'.repeat(32)}` },
    { name: 'unknown activity SID in params', method: 'POST', path: reservationPath, headers: form, body: `ReservationStatus=rejected&WorkerActivitySid=WA${'0'.repeat(32)}` },
    { name: 'malformed RedirectCallSid', method: 'POST', path: reservationPath, headers: form, body: 'Instruction=redirect&RedirectCallSid=CA-nope&RedirectUrl=https%3A%2F%2Fexample.com' },
    { name: 'worker SID of the wrong format in the path', method: 'GET', path: `${workspacePath}/Workers/WK123/Reservations` },
    { name: 'reservation SID with the wrong prefix in the path', method: 'POST', path: `${workerPath}/Reservations/XX${'a'.repeat(32)}`, headers: form, body: 'ReservationStatus=accepted' },
    { name: 'workspace SID that is not a SID', method: 'GET', path: '/v1/Workspaces/not-a-sid/Workers' },
    { name: 'task SID of the wrong format', method: 'POST', path: `${workspacePath}/Tasks/WT12/Reservations/WR12`, headers: form, body: 'ReservationStatus=accepted' },
    { name: 'mistyped Priority on task create', method: 'POST', path: `${workspacePath}/Tasks`, headers: form, body: `Attributes=%7B%7D&WorkflowSid=${env.ready.workflowSid}&Priority=high` },
    { name: 'Attributes that are not JSON on task create', method: 'POST', path: `${workspacePath}/Tasks`, headers: form, body: `Attributes=%7Bnot-json&WorkflowSid=${env.ready.workflowSid}` },
    { name: 'worker ActivitySid of the wrong format', method: 'POST', path: workerPath, headers: form, body: 'ActivitySid=WA-nope' },
    { name: 'oversized body (> 1 MiB)', method: 'POST', path: reservationPath, headers: form, body: `ReservationStatus=accepted&Pad=${'a'.repeat(1_100_000)}`, status: 413 },
    { name: 'DELETE on a reservation', method: 'DELETE', path: reservationPath, status: 405 },
    { name: 'PUT on a reservation', method: 'PUT', path: reservationPath, headers: form, body: 'ReservationStatus=accepted', status: 405 },
    { name: 'PATCH on a reservation', method: 'PATCH', path: reservationPath, headers: form, body: 'ReservationStatus=accepted', status: 405 },
    { name: 'POST on the read-only reservation list', method: 'POST', path: `${workerPath}/Reservations`, headers: form, body: 'ReservationStatus=accepted', status: 405 },
    { name: 'path traversal to the admin reset', method: 'POST', path: `${workspacePath}/../../emulator/reset`, headers: { 'content-type': 'application/json' }, body: '{}' },
    { name: 'encoded path traversal', method: 'POST', path: `${workspacePath}/%2e%2e/%2e%2e/emulator/reset`, headers: { 'content-type': 'application/json' }, body: '{}' },
    { name: 'encoded slash traversal', method: 'GET', path: `${workspacePath}/Workers/..%2f..%2f..%2fetc%2fpasswd` },
    { name: 'raw UTF-8 snowman in a SID position', method: 'GET', path: utf8Path(`${workspacePath}/Workers/☃/Reservations`) },
    { name: 'percent-encoded emoji and RTL override', method: 'GET', path: `${workspacePath}/Workers/%F0%9F%92%A5%E2%80%AE` },
    { name: 'NUL byte in the path', method: 'GET', path: `${workspacePath}/Workers/WK%00` },
    { name: 'invalid UTF-8 in the path', method: 'GET', path: `${workspacePath}/Workers/%C3%28` },
    { name: 'very long path segment', method: 'GET', path: `${workspacePath}/Workers/${longSegment}` },
    { name: 'URL beyond the HTTP parser limit (~20 KB)', method: 'GET', path: `${workspacePath}/Workers/${'W'.repeat(20_000)}` },
    { name: 'header block beyond the HTTP parser limit', method: 'GET', path: `${workerPath}/Reservations`, headers: { 'x-padding': 'p'.repeat(20_000) } },
    { name: 'very long query string', method: 'GET', path: `${workerPath}/Reservations?ReservationStatus=${'x'.repeat(10_000)}` },
    { name: 'PageSize that is not a number', method: 'GET', path: `${workerPath}/Reservations?PageSize=lots` },
    { name: 'negative Page', method: 'GET', path: `${workerPath}/Reservations?Page=-3` },
    { name: 'malformed Authorization header', method: 'GET', path: `${workerPath}/Reservations`, headers: { authorization: 'Basic %%%' }, status: 401 },
    { name: 'admin: malformed JSON task', method: 'POST', path: '/emulator/tasks', headers: { 'content-type': 'application/json' }, body: '{"attributes": ' },
    { name: 'admin: attributes not an object', method: 'POST', path: '/emulator/tasks', headers: { 'content-type': 'application/json' }, body: '{"attributes": "nope", "priority": "high"}' },
    { name: 'admin: unknown traffic mode', method: 'POST', path: '/emulator/traffic', headers: { 'content-type': 'application/json' }, body: '{"mode":"chaos"}' },
    { name: 'admin: negative clock advance', method: 'POST', path: '/emulator/clock', headers: { 'content-type': 'application/json' }, body: '{"advanceMs":-5}' },
  ];
}

describe('hostile input', () => {
  it('answers every malformed request with a Twilio-shaped 4xx and leaves state untouched', { timeout: 60_000 }, async () => {
    const failures: string[] = [];
    for (const hostile of cases()) {
      const { name, status, ...request } = hostile;
      const response = await send(request);
      try {
        expectTwilio4xx(response, name, status);
        await expectStateUnchanged(name);
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message.split('\n')[0]} [got ${response.status} ${response.text.slice(0, 160)}]`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('a request that is not HTTP at all gets a 400 (or a closed socket), and the server keeps serving', async () => {
    const first = await rawSocketExchange(env.ready.url, 'GARBAGE\u0000\u0001 /// HTTP/9.9\r\nno-colon-header\r\n\r\n');
    expect(first === '' || /^HTTP\/1\.[01] 4\d\d/.test(first)).toBe(true);
    await expectStateUnchanged('after raw garbage');
  });

  it('random form bodies never produce a 5xx nor change state (fast-check)', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 200, unit: 'binary' }), async (body) => {
        const response = await send({ method: 'POST', path: reservationPath, headers: form, body });
        expectTwilio4xx(response, `body ${JSON.stringify(body)}`);
        await expectStateUnchanged(`body ${JSON.stringify(body)}`);
      }),
      { numRuns: 60 },
    );
  });

  it('random known parameters with random values never produce a 5xx nor change state when refused (fast-check)', { timeout: 60_000 }, async () => {
    const names = ['ReservationStatus', 'WorkerActivitySid', 'Instruction', 'DequeueFrom', 'DequeueTimeout', 'CallAccept', 'CallUrl', 'To', 'Timeout', 'MaxParticipants', 'Record', 'StatusCallbackEvent', 'RedirectCallSid'];
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...names), fc.string({ maxLength: 40 }), { minKeys: 1, maxKeys: 4 }), async (params) => {
        // A random value is never a valid ReservationStatus/Instruction here, so every request must be refused.
        const body = new URLSearchParams({ ...params, ReservationStatus: `x-${params.ReservationStatus ?? ''}` }).toString();
        const response = await send({ method: 'POST', path: reservationPath, headers: form, body });
        expectTwilio4xx(response, `params ${body}`);
        await expectStateUnchanged(`params ${body}`);
      }),
      { numRuns: 60 },
    );
  });

  it('random path suffixes under the workspace never produce a 5xx (fast-check)', { timeout: 60_000 }, async () => {
    const segment = fc.oneof(fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent), fc.constantFrom('..', '.', '%2e%2e', 'Workers', 'Reservations', 'Tasks', `WK${'f'.repeat(32)}`));
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.constantFrom('GET', 'POST', 'DELETE'), async (segments, method) => {
        const path = `${workspacePath}/${segments.join('/')}`;
        const response = await send({ method, path, headers: form, body: method === 'GET' ? undefined : 'Foo=bar' });
        expect(response.status, `${method} ${path}`).toBeLessThan(500);
        if (response.status >= 400) expectTwilio4xx(response, `${method} ${path}`);
      }),
      { numRuns: 80 },
    );
    await expectStateUnchanged('after random paths');
  });

  it('random list query parameters answer 200 or a Twilio-shaped 4xx, never a 5xx (fast-check)', { timeout: 60_000 }, async () => {
    const names = ['PageSize', 'Page', 'PageToken', 'ReservationStatus', 'WorkerSid', 'AssignmentStatus', 'Ordering', 'Available', 'ActivityName'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(`${workerPath}/Reservations`, `${workspacePath}/Tasks`, `${workspacePath}/Workers`, `${workspacePath}/Activities`),
        fc.dictionary(fc.constantFrom(...names), fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String)), { maxKeys: 3 }),
        async (path, query) => {
          const target = `${path}?${new URLSearchParams(query).toString()}`;
          const response = await send({ method: 'GET', path: target });
          if (response.status !== 200) return expectTwilio4xx(response, `GET ${target}`);
          const violation = sharedOpenApiValidator().validate({ method: 'GET', url: `${env.ready.url}${target}`, status: 200, body: response.json });
          expect(violation?.problem, `GET ${target}: spec`).toBeUndefined();
        },
      ),
      { numRuns: 80 },
    );
    await expectStateUnchanged('after random list queries');
  });
});
