import { describe, expect, it } from 'vitest';
import { mintWorkerToken } from './mint';
import { fetchWorkerToken } from './token-url';
import { readWorkerToken, refreshDelayMs } from './worker-token';

const sids = { accountSid: 'AC' + '1'.repeat(32), apiKeySid: 'SK' + '2'.repeat(32), workspaceSid: 'WS' + '3'.repeat(32), workerSid: 'WK' + '4'.repeat(32) };
const mint = (ttlSeconds: number) => mintWorkerToken({ ...sids, apiKeySecret: 'a-key-secret-for-tests', ttlSeconds, now: Date.now() });
const answer = (status: number, body: unknown): typeof fetch => async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('worker tokens', () => {
  it('reads whom a minted token is for and when it expires', () => {
    const token = mint(600);
    expect(token).toMatchObject({ accountSid: sids.accountSid, workspaceSid: sids.workspaceSid, workerSid: sids.workerSid });
    expect(token.expiresAtMs - token.issuedAtMs).toBe(600_000);
    expect(readWorkerToken('not-a-jwt', 0)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('refreshes a fifth of the lifetime early, at least 6 s before expiry, never in less than 1 s', () => {
    const hour = mint(3600);
    expect(refreshDelayMs(hour, hour.issuedAtMs)).toBe(2_880_000);
    const short = mint(8);
    expect(refreshDelayMs(short, short.issuedAtMs)).toBe(2_000);
    expect(refreshDelayMs(short, short.expiresAtMs)).toBe(1_000);
  });

  it('fetches the documented JSON from a token URL and explains every failure', async () => {
    const jwt = mint(600).jwt;
    const now = () => Date.now();
    expect(await fetchWorkerToken('http://x/t', answer(200, { taskrouter: jwt, voice: 'v'.repeat(30) }), now)).toMatchObject({ ok: true, value: { workerSid: sids.workerSid, voice: 'v'.repeat(30) } });
    expect(await fetchWorkerToken('http://x/t', answer(200, { token: jwt }), now)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await fetchWorkerToken('http://x/t', answer(200, '<html>'), now)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await fetchWorkerToken('http://x/t', answer(401, {}), now)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await fetchWorkerToken('http://x/t', answer(503, {}), now)).toMatchObject({ ok: false, error: { code: 'server' } });
    const unreachable: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    expect(await fetchWorkerToken('http://x/t', unreachable, now)).toMatchObject({ ok: false, error: { code: 'network' } });
  });
});
