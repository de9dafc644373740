import { timingSafeEqual } from 'node:crypto';
import type { EmulatorReady } from '../index';

/**
 * HTTP Basic as Twilio accepts it: `ACxxx:AuthToken` or `SKxxx:ApiKeySecret`.
 * Compared in constant time so the emulator is no timing oracle either.
 */
export function isAuthorized(header: string | undefined, ready: Pick<EmulatorReady, 'accountSid' | 'authToken' | 'apiKeySid' | 'apiKeySecret'>): boolean {
  if (!header) return false;
  // Clients send the same header on every request: remember the good ones
  // (bounded) so the hot path skips decoding. Credentials never change while running.
  let known = accepted.get(ready);
  if (!known) {
    known = new Set<string>();
    accepted.set(ready, known);
  }
  if (known.has(header)) return true;
  const ok = checkHeader(header, ready);
  if (ok && known.size < 16) known.add(header);
  return ok;
}

/** Per emulator (keyed by its credentials object): each has its own secrets. */
const accepted = new WeakMap<object, Set<string>>();

function checkHeader(header: string, ready: Pick<EmulatorReady, 'accountSid' | 'authToken' | 'apiKeySid' | 'apiKeySecret'>): boolean {
  if (!/^basic /i.test(header)) return false;
  let decoded: string;
  try {
    decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  } catch {
    return false;
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const user = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  if (user === ready.accountSid) return same(secret, ready.authToken);
  if (user === ready.apiKeySid) return same(secret, ready.apiKeySecret);
  return false;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
