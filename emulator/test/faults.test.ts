import { describe, expect, it } from 'vitest';
import twilio from 'twilio';
import { useTestEmulator, workspaceOf } from '../test-support/index';

const env = useTestEmulator({ workers: 1 }, { violationsMessage: 'every response (injected errors included) must be Twilio-shaped' });

describe('admin fault injection, seen through the official library', () => {
  it('429 with Retry-After surfaces as RestException 20429; autoRetry gets through', async () => {
    expect((await env.admin.setFaults({ rateLimit: { retryAfterSeconds: 1, count: 1 } })).status).toBe(200);
    await expect(workspaceOf(env).activities.list()).rejects.toMatchObject({ status: 429, code: 20429 });
    expect((await workspaceOf(env).activities.list()).length).toBeGreaterThan(0);

    await env.admin.setFaults({ rateLimit: { retryAfterSeconds: 1, count: 2 } });
    const retrying = env.newClient('authToken', { autoRetry: true, maxRetries: 3 });
    const activities = await retrying.taskrouter.v1.workspaces(env.ready.workspaceSid).activities.list();
    expect(activities.map((a) => a.friendlyName)).toContain('Available');
  });

  it('the Retry-After header is sent with the 429', async () => {
    await env.admin.setFaults({ rateLimit: { retryAfterSeconds: 7 } });
    const response = await fetch(`${env.ready.url}/v1/Workspaces/${env.ready.workspaceSid}/Activities`);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
  });

  it('an injected 503 applies `times` requests, then the API answers normally', async () => {
    await env.admin.setFaults({ status: 503, times: 1 });
    const error = await workspaceOf(env).fetch().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(twilio.RestException);
    expect(error).toMatchObject({ status: 503 });
    expect((await workspaceOf(env).fetch()).sid).toBe(env.ready.workspaceSid);
  });

  it('a dropped connection is a transport error (not a RestException); clearing faults restores service', async () => {
    await env.admin.setFaults({ drop: true });
    const error = await workspaceOf(env).fetch().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(twilio.RestException);
    // The admin API is outside the fault's reach.
    expect((await env.admin.clearFaults()).status).toBe(200);
    expect((await workspaceOf(env).fetch()).sid).toBe(env.ready.workspaceSid);
  });

  it('injected latency delays Twilio paths only', async () => {
    await env.admin.setFaults({ latencyMs: 1_000 });
    const started = performance.now();
    await workspaceOf(env).fetch();
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    const adminStarted = performance.now();
    await env.admin.ready();
    expect(performance.now() - adminStarted).toBeLessThan(990);
  });

  it('pathPrefix limits a fault to matching paths', async () => {
    await env.admin.setFaults({ status: 500, pathPrefix: `/v1/Workspaces/${env.ready.workspaceSid}/Workers` });
    await expect(workspaceOf(env).workers.list()).rejects.toMatchObject({ status: 500 });
    expect((await workspaceOf(env).activities.list()).length).toBeGreaterThan(0);
  });
});
