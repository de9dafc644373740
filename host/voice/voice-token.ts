import twilio from 'twilio';
import { z } from 'zod';
import type { VoiceToken } from '../../shared/contract';
import { err, ok, type Result } from '../../shared/result';
import { readBoundedJson, TOKEN_URL_TIMEOUT_MS } from '../tokens/token-url';

/** The Device identity for a worker: its `contact_uri` without `client:` (TaskRouter rings `client:<identity>`). */
export function voiceIdentityFromContactUri(contactUri: string | null | undefined): string | null {
  if (!contactUri) return null;
  const match = /^client:([A-Za-z0-9_.@-]{1,121})$/.exec(contactUri.trim());
  return match ? match[1]! : null;
}

export interface MintVoiceTokenOptions {
  accountSid: string;
  apiKeySid: string;
  apiKeySecret: string;
  identity: string;
  ttlSeconds: number;
  now: number;
  signalingUrl: string | null;
  /** The TwiML App the Device's outgoing calls run (none: an emulator runs its built-in demo app). */
  outgoingApplicationSid?: string | null;
}

/** Signs a Voice access token (incoming allowed; outgoing through the given TwiML App) with the API key, as a customer's backend would. */
export function mintVoiceToken(options: MintVoiceTokenOptions): VoiceToken {
  const token = new twilio.jwt.AccessToken(options.accountSid, options.apiKeySid, options.apiKeySecret, {
    identity: options.identity,
    ttl: options.ttlSeconds,
  });
  token.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true, ...(options.outgoingApplicationSid ? { outgoingApplicationSid: options.outgoingApplicationSid } : {}) }));
  return { token: token.toJwt(), identity: options.identity, expiresAt: options.now + options.ttlSeconds * 1000, signalingUrl: options.signalingUrl };
}

/** What a token URL may answer: `{token, identity?, ttl?}` or `{voiceToken, ...}`. */
const tokenUrlAnswer = z
  .object({
    token: z.string().min(20).optional(),
    voiceToken: z.string().min(20).optional(),
    identity: z.string().min(1).max(121).optional(),
    ttl: z.number().int().positive().max(86_400).optional(),
  })
  .loose();

/** Reads `exp` and the identity from a JWT without trusting it (the signaling server verifies it). */
function claims(token: string): { exp: number | null; identity: string | null } {
  const payload = token.split('.')[1];
  if (!payload) return { exp: null, identity: null };
  try {
    const json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown; grants?: { identity?: unknown } };
    return { exp: typeof json.exp === 'number' ? json.exp : null, identity: typeof json.grants?.identity === 'string' ? json.grants.identity : null };
  } catch {
    return { exp: null, identity: null };
  }
}

/** Fetches the Voice token from the customer's token URL (`?kind=voice`), bounded in time and size like the worker token. */
export async function fetchVoiceToken(url: string, fetchImpl: typeof fetch, now: number, timeoutMs = TOKEN_URL_TIMEOUT_MS): Promise<Result<VoiceToken>> {
  let body: unknown;
  try {
    const target = new URL(url);
    target.searchParams.set('kind', 'voice');
    const response = await fetchImpl(target, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) return err(response.status === 401 || response.status === 403 ? 'unauthorized' : 'server', `The token URL answered HTTP ${response.status} for the voice token.`);
    try {
      body = await readBoundedJson(response);
    } catch (e) {
      if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) throw e;
      return err('rejected_by_twilio', 'The token URL did not answer a voice token.', { reason: 'token_url_no_voice' });
    }
  } catch {
    return err('network', 'The token URL could not be reached for the voice token.', { reason: 'token_url_unreachable' });
  }
  const parsed = tokenUrlAnswer.safeParse(body);
  const token = parsed.success ? (parsed.data.voiceToken ?? parsed.data.token) : undefined;
  if (!token) return err('rejected_by_twilio', 'The token URL did not answer a voice token.', { reason: 'token_url_no_voice' });
  const read = claims(token);
  const identity = (parsed.success ? parsed.data.identity : undefined) ?? read.identity;
  if (!identity) return err('rejected_by_twilio', 'The voice token names no identity.', { reason: 'token_no_identity' });
  const expiresAt = read.exp !== null ? read.exp * 1000 : now + (parsed.success && parsed.data.ttl ? parsed.data.ttl : 3600) * 1000;
  return ok({ token, identity, expiresAt, signalingUrl: null });
}
