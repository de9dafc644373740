import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';

/** A Worker SDK token and what the host reads from it. */
export interface WorkerToken {
  jwt: string;
  accountSid: string;
  workspaceSid: string;
  workerSid: string;
  /** When it expires, epoch ms (from `exp`). */
  expiresAtMs: number;
  /** When it was issued, epoch ms (from `iat`, else when we received it). */
  issuedAtMs: number;
}

const claims = z.object({
  sub: z.string().regex(/^AC[0-9a-fA-F]{32}$/),
  exp: z.number(),
  iat: z.number().optional(),
  grants: z.object({
    task_router: z.object({ workspace_sid: z.string().regex(/^WS[0-9a-fA-F]{32}$/), worker_sid: z.string().regex(/^WK[0-9a-fA-F]{32}$/) }),
  }),
});

/**
 * Reads the claims the host needs from an Access Token without verifying it
 * (only Twilio can; the host merely needs to know whom it is for and when it
 * expires).
 */
export function readWorkerToken(jwt: string, receivedAtMs: number): Result<WorkerToken> {
  const part = jwt.split('.')[1];
  if (!part) return err('unauthorized', 'The token is not a JSON Web Token.');
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return err('unauthorized', 'The token is not a JSON Web Token.');
  }
  const parsed = claims.safeParse(payload);
  if (!parsed.success) return err('unauthorized', 'The token has no TaskRouter grant with a workspace and worker SID.');
  const c = parsed.data;
  return ok({
    jwt,
    accountSid: c.sub,
    workspaceSid: c.grants.task_router.workspace_sid,
    workerSid: c.grants.task_router.worker_sid,
    expiresAtMs: c.exp * 1000,
    issuedAtMs: c.iat !== undefined ? c.iat * 1000 : receivedAtMs,
  });
}

/**
 * When to fetch the next token, ms from now: well before expiry, and before
 * the Worker SDK's own warning, which fires 5 s before the end.
 */
export function refreshDelayMs(token: WorkerToken, now: number): number {
  const lifetime = token.expiresAtMs - token.issuedAtMs;
  const margin = Math.max(6_000, lifetime * 0.2);
  return Math.max(1_000, token.expiresAtMs - margin - now);
}
