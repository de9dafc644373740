import { describe, expect, it } from 'vitest';
import { overridesFromEnv } from './overrides';

const AC = 'AC' + 'a'.repeat(32);
const SK = 'SK' + 'b'.repeat(32);

describe('overridesFromEnv', () => {
  it('reads the documented variables; flags win', () => {
    const result = overridesFromEnv(
      { TWILIO_ACCOUNT_SID: AC, TWILIO_API_KEY: SK, TWILIO_API_SECRET: 'key-secret-123', TWILIO_AUTH_TOKEN: 'auth-token-123', AGENT_DESKTOP_TRANSPORT: 'poll', AGENT_DESKTOP_POLL_INTERVAL_MS: '500' },
      ['--transport', 'subscribe', '--no-open', '--rest-url=http://127.0.0.1:3000'],
    );
    expect(result).toEqual({
      ok: true,
      value: { accountSid: AC, apiKeySid: SK, secret: 'key-secret-123', transport: 'subscribe', pollIntervalMs: 500, restBaseUrl: 'http://127.0.0.1:3000' },
    });
  });
  it('uses the auth token as the secret when there is no API key', () => {
    const result = overridesFromEnv({ TWILIO_ACCOUNT_SID: AC, TWILIO_AUTH_TOKEN: 'auth-token-123' });
    expect(result.ok && result.value.secret).toBe('auth-token-123');
  });
  it('refuses bad values naming the variable, never echoing a secret', () => {
    const result = overridesFromEnv({ TWILIO_ACCOUNT_SID: 'nope', TWILIO_AUTH_TOKEN: 'auth-token-123' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'accountSid' } });
    expect(result.ok || result.error.message).toMatch(/TWILIO_ACCOUNT_SID/);
    expect(JSON.stringify(result)).not.toContain('auth-token-123');
    expect(overridesFromEnv({}, ['--mode'])).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
