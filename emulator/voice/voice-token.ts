import jwt from 'jsonwebtoken';
import { hmacKey } from '../http/jwt-secret';

export interface VerifiedVoiceToken {
  identity: string;
  /** Seconds until the token expires. */
  ttlSec: number;
  incomingAllowed: boolean;
  outgoingApplicationSid: string | undefined;
  outgoingParams: Record<string, string>;
}

export type VoiceTokenError = { code: 31201 | 31204 | 31205; message: string };

/** Looks up the secret of an API key (the token's `iss`); undefined when the key is unknown. */
export type ApiKeySecretLookup = (apiKeySid: string) => string | undefined;

interface AccessTokenClaims {
  iss?: string;
  sub?: string;
  exp?: number;
  grants?: { identity?: unknown; voice?: { incoming?: { allow?: unknown }; outgoing?: { application_sid?: unknown; params?: unknown } } };
}

/**
 * Verifies a Twilio Access Token as Twilio's signaling edge does: HS256 signed
 * with the secret of the API key named in `iss`, not expired, with an
 * identity and a Voice grant.
 */
export function verifyVoiceToken(
  token: string,
  lookupSecret: ApiKeySecretLookup,
  nowMs: number = Date.now(),
): { ok: true; value: VerifiedVoiceToken } | { ok: false; error: VoiceTokenError } {
  const decoded = jwt.decode(token, { json: true }) as AccessTokenClaims | null;
  if (!decoded || typeof decoded.iss !== 'string') {
    return { ok: false, error: { code: 31204, message: 'Invalid access token' } };
  }
  const secret = lookupSecret(decoded.iss);
  if (!secret) return { ok: false, error: { code: 31201, message: 'Authentication failed: unknown API key' } };
  let claims: AccessTokenClaims;
  try {
    claims = jwt.verify(token, hmacKey(secret), { algorithms: ['HS256'], clockTimestamp: Math.floor(nowMs / 1000) }) as AccessTokenClaims;
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) {
      return { ok: false, error: { code: 31205, message: 'JWT token expired' } };
    }
    return { ok: false, error: { code: 31204, message: 'Invalid access token signature' } };
  }
  const identity = claims.grants?.identity;
  const voice = claims.grants?.voice;
  if (typeof identity !== 'string' || identity.length === 0 || !voice || typeof claims.exp !== 'number') {
    return { ok: false, error: { code: 31204, message: 'Access token lacks an identity, a Voice grant or an expiry' } };
  }
  return {
    ok: true,
    value: {
      identity,
      ttlSec: Math.max(0, claims.exp - Math.floor(nowMs / 1000)),
      incomingAllowed: voice.incoming?.allow === true,
      outgoingApplicationSid: typeof voice.outgoing?.application_sid === 'string' ? voice.outgoing.application_sid : undefined,
      outgoingParams: stringRecord(voice.outgoing?.params),
    },
  };
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value).slice(0, 50)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k.slice(0, 256)] = String(v).slice(0, 1024);
  return out;
}
