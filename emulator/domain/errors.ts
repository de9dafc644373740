import type { EngineError, EngineResult } from './types';

/**
 * Twilio-shaped errors as values. Codes used (documented in emulator/README.md):
 *  400 / 20001 invalid parameter or transition; 404 / 20404 not found;
 *  412 / 20412 If-Match version mismatch; 409 / 20409 conflicting state
 *  (deleting something still in use).
 */
export const fail = (status: number, code: number, message: string): { ok: false; error: EngineError } => ({
  ok: false,
  error: { status, code, message },
});

export const ok = <T>(value: T): EngineResult<T> => ({ ok: true, value });

export const badRequest = (message: string) => fail(400, 20001, message);

export const notFound = (what: string, sid: string) => fail(404, 20404, `The requested resource ${what} ${sid} was not found`);

export const versionMismatch = (what: string, sid: string, expected: string, actual: number) =>
  fail(412, 20412, `${what} ${sid} has version ${actual}, but If-Match asked for ${expected}`);

export const inUse = (message: string) => fail(409, 20409, message);

/** Compares an If-Match header (`3`, `"3"`, `W/"3"`) with a version. */
export function versionMatches(ifMatch: string | undefined, version: number): boolean {
  if (ifMatch === undefined || ifMatch.trim() === '' || ifMatch.trim() === '*') return true;
  const bare = ifMatch.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
  return bare === String(version);
}
