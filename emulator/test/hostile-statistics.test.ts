import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReservedTask, onlyAvailable, rawRequest, sharedOpenApiValidator, startTestEmulator, workerSid, type RawResponse, type TestEmulator } from '../test-support/index';

/**
 * Hostile query strings and bodies on the Statistics resources and the Tasks
 * list filters: always 200 with a spec-valid body or a Twilio-shaped 4xx, never
 * a 5xx, and never a change of state.
 */

let env: TestEmulator;
let authorization: string;
let ws: string;
let baseline: unknown;

beforeAll(async () => {
  env = await startTestEmulator({ workers: 2 });
  await onlyAvailable(env, [workerSid(env, 0)]);
  await createReservedTask(env);
  authorization = `Basic ${Buffer.from(`${env.ready.accountSid}:${env.ready.authToken}`).toString('base64')}`;
  ws = `/v1/Workspaces/${env.ready.workspaceSid}`;
  baseline = (await env.admin.state()).body;
});

afterAll(async () => {
  await env.close();
});

function expectTwilioAnswer(response: RawResponse, method: string, target: string): void {
  expect(response.status, `${method} ${target}`).toBeLessThan(500);
  const violation = sharedOpenApiValidator().validate({ method, url: `${env.ready.url}${target}`, status: response.status, body: response.json });
  expect(violation?.problem, `${method} ${target}: ${response.text.slice(0, 200)}`).toBeUndefined();
}

describe('hostile statistics and task list queries', () => {
  it('random query parameters answer 200 (spec-valid) or a Twilio-shaped 4xx (fast-check)', { timeout: 60_000 }, async () => {
    const names = ['Minutes', 'StartDate', 'EndDate', 'TaskChannel', 'SplitByWaitTime', 'FriendlyName', 'TaskQueueSid', 'TaskQueueName', 'PageSize', 'Priority', 'HasAddons', 'Ordering', 'EvaluateTaskAttributes', 'RoutingTarget', 'AssignmentStatus'];
    const value = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.integer().map(String),
      fc.constantFrom('2026-01-05T09:00:00Z', '2026-02-30T25:61:00Z', '0000-01-01', '9999-12-31T23:59:59Z', '5,30,60', '-1', '1e9', 'voice', 'Priority:desc,DateCreated:asc', 'from == "+1"', '((((', 'true'),
    );
    const paths = ['Statistics', 'RealTimeStatistics', 'CumulativeStatistics', 'TaskQueues/Statistics', 'Workers/Statistics', 'Workers/CumulativeStatistics', 'Workers/RealTimeStatistics', `Workflows/${env.ready.workflowSid}/Statistics`, `Workers/${workerSid(env, 0)}/Statistics`, 'Tasks'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 4 }), async (path, query) => {
        const target = `${ws}/${path}?${new URLSearchParams(query).toString()}`;
        expectTwilioAnswer(await rawRequest(env.ready.url, { method: 'GET', path: target, headers: { authorization } }), 'GET', target);
      }),
      { numRuns: 120 },
    );
    expect((await env.admin.state()).body).toEqual(baseline);
  });

  it('dates at the edges of the calendar answer 200 (spec-valid) or a Twilio-shaped 4xx', async () => {
    // fast-check found EndDate=0000-01-01: the default 15-minute window then began in year -1, which is no date-time.
    const queries = ['EndDate=0000-01-01', 'StartDate=0000-01-01&EndDate=0000-01-01', 'EndDate=1970-01-01T00:05:00Z', 'StartDate=1969-12-31T23:59:59Z', 'EndDate=9999-12-31T23:59:59Z', 'StartDate=9999-12-31T23:59:59Z&EndDate=9999-12-31T23:59:59Z'];
    for (const path of ['CumulativeStatistics', 'Statistics', 'Workers/CumulativeStatistics', `Workers/${workerSid(env, 0)}/Statistics`]) {
      for (const query of queries) {
        const target = `${ws}/${path}?${query}`;
        expectTwilioAnswer(await rawRequest(env.ready.url, { method: 'GET', path: target, headers: { authorization } }), 'GET', target);
      }
    }
    expect((await env.admin.state()).body).toEqual(baseline);
  });

  it('hostile bulk real-time bodies answer a Twilio-shaped 4xx; only JSON and forms get in', async () => {
    const target = `${ws}/TaskQueues/RealTimeStatistics`;
    const bodies: [string, string][] = [
      ['application/json', '{"QueueSids": "WQ"}'],
      ['application/json', '{"QueueSids": {"0": "x"}}'],
      ['application/json', '{"QueueSids": [null]}'],
      ['application/json', '{"__proto__": {"QueueSids": ["x"]}}'],
      ['application/json', '[1,2,3]'],
      ['application/json', '{"QueueSids": ['],
      ['application/x-www-form-urlencoded', 'QueueSids=nope'],
      ['text/plain', 'QueueSids=WQ'],
    ];
    for (const [type, body] of bodies) {
      const response = await rawRequest(env.ready.url, { method: 'POST', path: target, headers: { authorization, 'content-type': type }, body });
      expect(response.status, `${type} ${body}`).toBeGreaterThanOrEqual(400);
      expectTwilioAnswer(response, 'POST', target);
    }
    // JSON stays refused everywhere else.
    const elsewhere = await rawRequest(env.ready.url, { method: 'POST', path: `${ws}/Tasks`, headers: { authorization, 'content-type': 'application/json' }, body: '{}' });
    expect(elsewhere.status).toBe(415);
    expect((await env.admin.state()).body).toEqual(baseline);
  });
});
