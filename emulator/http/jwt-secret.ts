import { createSecretKey, type KeyObject } from 'node:crypto';

const keys = new Map<string, KeyObject>();

/**
 * The HMAC key object for an API key secret, made once. jsonwebtoken's verify,
 * given a string, first tries to read it as a PEM public key and builds (then
 * throws away) an error before treating it as a secret: about a millisecond per
 * token, which every EventBridge request and upgrade paid — seconds of the
 * emulator's CPU when 500 Worker SDKs reconnect at once.
 */
export function hmacKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    // A handful of secrets per emulator; bounded anyway so hostile input cannot grow it.
    if (keys.size >= 64) keys.clear();
    keys.set(secret, key);
  }
  return key;
}
