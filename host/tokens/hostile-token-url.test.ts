import { describe, expect, it } from 'vitest';
import { systemClock } from '../runtime/system-clock';
import { fetchVoiceToken } from '../voice/voice-token';
import { mintWorkerToken } from './mint';
import { fetchWorkerToken, MAX_TOKEN_RESPONSE_BYTES } from './token-url';

/** A customer's token URL is outside our control: whatever it answers must not hang or exhaust the host. */
const sids = { accountSid: 'AC' + '1'.repeat(32), apiKeySid: 'SK' + '2'.repeat(32), workspaceSid: 'WS' + '3'.repeat(32), workerSid: 'WK' + '4'.repeat(32) };
const jwt = mintWorkerToken({ ...sids, apiKeySecret: 'a-key-secret-for-tests', ttlSeconds: 600, now: Date.now() }).jwt;
const json = (body: unknown): typeof fetch => async () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
/** A server that accepts the request and never answers, unless the caller gives up (aborts). */
const neverAnswers: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error)));
const padding = 'x'.repeat(MAX_TOKEN_RESPONSE_BYTES + 1);

describe('a hostile token URL', () => {
  it('cannot make the host buffer an unbounded body (worker and voice token)', async () => {
    expect(await fetchWorkerToken('http://x/t', json({ taskrouter: jwt, padding }), () => Date.now())).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await fetchVoiceToken('http://x/t', json({ token: jwt, identity: 'alice', padding }), Date.now())).toMatchObject({ ok: false });
    // A normal answer still works.
    expect(await fetchVoiceToken('http://x/t', json({ token: jwt, identity: 'alice' }), Date.now())).toMatchObject({ ok: true, value: { identity: 'alice' } });
  });

  it('cannot hang the voice token fetch by never answering', async () => {
    const result = await Promise.race([fetchVoiceToken('http://x/t', neverAnswers, Date.now(), 50), new Promise((resolve) => setTimeout(() => resolve('hung'), 2_000))]);
    expect(result).toMatchObject({ ok: false, error: { code: 'network' } });
  });
});

describe('systemClock', () => {
  it('never fires a timer early because its delay exceeds what setTimeout can hold (a token expiring in years)', async () => {
    let fired = 0;
    const handles = [2 ** 31, 10 * 365 * 86_400_000, Infinity].map((ms) => systemClock.setTimeout(() => fired++, ms));
    await new Promise((resolve) => setTimeout(resolve, 50));
    handles.forEach((handle) => systemClock.clearTimeout(handle));
    expect(fired).toBe(0);
  });
});
