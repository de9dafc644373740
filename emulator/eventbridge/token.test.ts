import { describe, expect, it } from 'vitest';
import jwt from 'jsonwebtoken';
import twilio from 'twilio';
import { verifyTaskRouterToken, verifyWorkerToken, type TokenAuthority } from './token';

const hex = (c: string) => c.repeat(32);
const authority: TokenAuthority = {
  accountSid: `AC${hex('a')}`,
  apiKeySid: `SK${hex('b')}`,
  apiKeySecret: 'the-api-key-secret',
  workspaceSid: `WS${hex('c')}`,
  workerExists: (sid) => sid === `WK${hex('d')}`,
};

function mint(overrides: { secret?: string; keySid?: string; accountSid?: string; workspaceSid?: string; workerSid?: string; ttl?: number } = {}): string {
  const token = new twilio.jwt.AccessToken(overrides.accountSid ?? authority.accountSid, overrides.keySid ?? authority.apiKeySid, overrides.secret ?? authority.apiKeySecret, {
    identity: 'alice',
    ttl: overrides.ttl ?? 600,
  });
  token.addGrant(new twilio.jwt.AccessToken.TaskRouterGrant({ workspaceSid: overrides.workspaceSid ?? authority.workspaceSid, workerSid: overrides.workerSid ?? `WK${hex('d')}`, role: 'worker' }));
  return token.toJwt();
}

describe('verifyWorkerToken', () => {
  it('accepts a twilio-node Access Token and says who it speaks for', () => {
    const result = verifyWorkerToken(mint({ ttl: 600 }), authority, Date.now());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ accountSid: authority.accountSid, workspaceSid: authority.workspaceSid, workerSid: `WK${hex('d')}` });
    expect(result.value.expiresAtMs - Date.now()).toBeGreaterThan(590_000);
  });

  it('judges expiry by the given (simulated) time, not the wall clock', () => {
    const token = mint({ ttl: 60 });
    expect(verifyWorkerToken(token, authority, Date.now() + 30_000).ok).toBe(true);
    expect(verifyWorkerToken(token, authority, Date.now() + 61_000)).toMatchObject({ ok: false, error: { status: 401, code: 20104 } });
  });

  it.each([
    ['a wrong signature', () => mint({ secret: 'another secret' }), 20107],
    ['another API key', () => mint({ keySid: `SK${hex('e')}` }), 20103],
    ['another account', () => mint({ accountSid: `AC${hex('e')}` }), 20103],
    ['another workspace', () => mint({ workspaceSid: `WS${hex('e')}` }), 20106],
    ['an unknown worker', () => mint({ workerSid: `WK${hex('e')}` }), 20106],
    ['no TaskRouter grant', () => jwt.sign({ grants: { identity: 'x' } }, authority.apiKeySecret, { issuer: authority.apiKeySid, subject: authority.accountSid, expiresIn: 60 }), 20106],
    ['alg none (unsigned)', () => jwt.sign({ grants: {} }, '', { algorithm: 'none' }), 20107],
    ['garbage', () => 'not.a.token', 20101],
    ['an empty string', () => '', 20101],
  ])('refuses %s with 401', (_name, make, code) => {
    expect(verifyWorkerToken(make(), authority, Date.now())).toMatchObject({ ok: false, error: { status: 401, code } });
  });

  it('reads the role: a grant without worker_sid is a workspace token, role "supervisor" a supervisor', () => {
    const grant = (options: { workerSid?: string; role?: string }) => {
      const token = new twilio.jwt.AccessToken(authority.accountSid, authority.apiKeySid, authority.apiKeySecret, { identity: 'x', ttl: 600 });
      token.addGrant(new twilio.jwt.AccessToken.TaskRouterGrant({ workspaceSid: authority.workspaceSid, ...options }));
      return token.toJwt();
    };
    expect(verifyTaskRouterToken(grant({}), authority, Date.now())).toMatchObject({ ok: true, value: { workerSid: null, role: 'workspace' } });
    expect(verifyTaskRouterToken(grant({ workerSid: `WK${hex('d')}`, role: 'supervisor' }), authority, Date.now())).toMatchObject({ ok: true, value: { role: 'supervisor' } });
    expect(verifyTaskRouterToken(grant({ workerSid: `WK${hex('d')}` }), authority, Date.now())).toMatchObject({ ok: true, value: { role: 'worker' } });
    // A WebSocket session speaks for a worker: a workspace token cannot open one.
    expect(verifyWorkerToken(grant({}), authority, Date.now())).toMatchObject({ ok: false, error: { status: 401, code: 20106 } });
  });

  it('refuses non-string tokens without throwing', () => {
    for (const value of [undefined, null, 42, {}, ['x']]) {
      expect(verifyWorkerToken(value, authority, Date.now()).ok).toBe(false);
    }
  });
});
