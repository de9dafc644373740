import { describe, expect, it } from 'vitest';
import twilio from 'twilio';
import { verifyVoiceToken } from './voice-token';

const ACCOUNT = 'AC' + '1'.repeat(32);
const KEY = 'SK' + '2'.repeat(32);
const SECRET = 'secret';
const lookup = (sid: string) => (sid === KEY ? SECRET : undefined);

function mint(options: { ttl?: number; secret?: string; key?: string; voice?: boolean; identity?: string } = {}): string {
  const token = new twilio.jwt.AccessToken(ACCOUNT, options.key ?? KEY, options.secret ?? SECRET, { identity: options.identity ?? 'alice', ttl: options.ttl ?? 600 });
  if (options.voice !== false) token.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true }));
  return token.toJwt();
}

describe('verifyVoiceToken', () => {
  it('reads the outgoing application SID and params the grant names', () => {
    const token = new twilio.jwt.AccessToken(ACCOUNT, KEY, SECRET, { identity: 'alice', ttl: 600 });
    token.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ outgoingApplicationSid: 'AP' + '3'.repeat(32), outgoingApplicationParams: { team: 'blue' } }));
    const result = verifyVoiceToken(token.toJwt(), lookup);
    expect(result).toMatchObject({ ok: true, value: { incomingAllowed: false, outgoingApplicationSid: 'AP' + '3'.repeat(32), outgoingParams: { team: 'blue' } } });
  });

  it('accepts a Voice token from the twilio library and reports identity and ttl', () => {
    const result = verifyVoiceToken(mint({ ttl: 600 }), lookup);
    expect(result).toEqual({ ok: true, value: { identity: 'alice', ttlSec: expect.any(Number), incomingAllowed: true, outgoingApplicationSid: undefined, outgoingParams: {} } });
    if (result.ok) expect(result.value.ttlSec).toBeGreaterThan(590);
  });

  it('refuses an expired token with 31205', () => {
    expect(verifyVoiceToken(mint({ ttl: 60 }), lookup, Date.now() + 120_000)).toMatchObject({ ok: false, error: { code: 31205 } });
  });

  it('refuses a wrong signature with 31204 and an unknown key with 31201', () => {
    expect(verifyVoiceToken(mint({ secret: 'other' }), lookup)).toMatchObject({ ok: false, error: { code: 31204 } });
    expect(verifyVoiceToken(mint({ key: 'SK' + '3'.repeat(32) }), lookup)).toMatchObject({ ok: false, error: { code: 31201 } });
  });

  it('refuses garbage and tokens without a Voice grant with 31204', () => {
    expect(verifyVoiceToken('not-a-jwt', lookup)).toMatchObject({ ok: false, error: { code: 31204 } });
    expect(verifyVoiceToken(mint({ voice: false }), lookup)).toMatchObject({ ok: false, error: { code: 31204 } });
  });
});
