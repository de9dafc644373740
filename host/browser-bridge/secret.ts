import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh per-launch secret: 32 random bytes, URL-safe so it fits a hash and a query string. */
export function newBridgeSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Compares a presented secret with the expected one in constant time, so a
 * local attacker cannot learn it byte by byte from response timing. Lengths are
 * compared first (a length leak is harmless: every secret has the same length).
 */
export function secretsMatch(expected: string, presented: string | null | undefined): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(presented, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
