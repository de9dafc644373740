import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../index';
import { requestKind, RequestStats, type RequestStatsSnapshot } from './request-stats';

describe('RequestStats', () => {
  it('counts by kind and status, and keeps a per-second series of REST + EventBridge requests only', () => {
    let now = 1_000_000;
    const stats = new RequestStats(() => now);
    stats.record('rest', 200);
    stats.record('rest', 429);
    now += 1_000;
    stats.record('eventbridge', 200);
    stats.record('admin', 200);
    stats.record('other', 404);
    const s = stats.snapshot();
    expect(s.requests).toEqual({ rest: 2, eventbridge: 1, admin: 1, other: 1 });
    expect(s.byStatus).toEqual({ '200': 2, '429': 1, '404': 1 });
    expect(s.perSecond).toEqual([
      [1000, 2],
      [1001, 1],
    ]);
  });

  it('forgets seconds older than 15 minutes', () => {
    let now = 0;
    const stats = new RequestStats(() => now);
    stats.record('rest', 200);
    now = 900_000;
    stats.record('rest', 200);
    expect(stats.snapshot().perSecond).toEqual([[900, 1]]);
  });

  it('classifies paths', () => {
    expect(requestKind('/v1/Workspaces/WS1/Workers/WK1')).toBe('rest');
    expect(requestKind('/2010-04-01/Accounts/AC1/Calls.json')).toBe('rest');
    expect(requestKind('/eventbridge/v1/wschannels')).toBe('eventbridge');
    expect(requestKind('/emulator/state')).toBe('admin');
    expect(requestKind('/favicon.ico')).toBe('other');
  });
});

describe('GET /emulator/stats', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ traffic: 'off', manualClock: true });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('reports what the server answered, refusals included', async () => {
    const { ready } = emulator;
    const stats = async () => (await (await fetch(`${ready.url}/emulator/stats`)).json()) as RequestStatsSnapshot;
    const before = await stats();
    const auth = `Basic ${Buffer.from(`${ready.apiKeySid}:${ready.apiKeySecret}`).toString('base64')}`;
    expect((await fetch(`${ready.url}/v1/Workspaces/${ready.workspaceSid}`, { headers: { authorization: auth } })).status).toBe(200);
    expect((await fetch(`${ready.url}/v1/Workspaces/${ready.workspaceSid}`)).status).toBe(401);
    const eb = await fetch(`${ready.url}/eventbridge/v1/wschannels`, { method: 'POST', body: 'not json' });
    expect(eb.status).toBeGreaterThanOrEqual(400);
    const after = await stats();
    expect(after.requests.rest - before.requests.rest).toBe(2);
    expect(after.requests.eventbridge - before.requests.eventbridge).toBe(1);
    expect((after.byStatus['401'] ?? 0) - (before.byStatus['401'] ?? 0)).toBe(1);
    const seriesTotal = (s: RequestStatsSnapshot) => s.perSecond.reduce((sum, [, n]) => sum + n, 0);
    expect(seriesTotal(after) - seriesTotal(before)).toBe(3);
    // The first snapshot itself was an admin request.
    expect(after.requests.admin - before.requests.admin).toBe(1);
  });
});
