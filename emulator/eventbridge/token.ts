import jwt from 'jsonwebtoken';
import { hmacKey } from '../http/jwt-secret';
import { z } from 'zod';
import { sidSchema } from '../../shared/sids';
import type { EngineError, EngineResult } from '../domain/types';

/**
 * Verifies the Access Tokens the Worker SDK presents (in the WebSocket query and
 * in every proxy request body). They are the tokens twilio-node's
 * `jwt.AccessToken` + `TaskRouterGrant` mint: HS256 (or HS384/512), signed with
 * the API key secret, `iss` = API key SID, `sub` = account SID.
 */

/**
 * Who a verified token speaks for. A grant without `worker_sid` is a workspace token
 * (the SDK's `Workspace` class); `role: "supervisor"` (with a worker) is the SDK's `Supervisor`.
 */
export interface TaskRouterIdentity {
  accountSid: string;
  workspaceSid: string;
  /** Null for a workspace token. */
  workerSid: string | null;
  role: 'worker' | 'supervisor' | 'workspace';
  /** `exp` in ms, to compare with the SimClock. */
  expiresAtMs: number;
}

/** A token that speaks for one worker (what an EventBridge session needs). */
export type WorkerIdentity = TaskRouterIdentity & { workerSid: string };

/** The emulator's credentials and workspace that a token must match. */
export interface TokenAuthority {
  accountSid: string;
  apiKeySid: string;
  apiKeySecret: string;
  workspaceSid: string;
  /** Whether a worker SID names an existing worker. */
  workerExists(workerSid: string): boolean;
}

const taskRouterClaims = z.object({
  iss: z.string(),
  sub: z.string(),
  exp: z.number(),
  grants: z.object({
    task_router: z.object({
      workspace_sid: sidSchema('WS', 'grants.task_router.workspace_sid'),
      worker_sid: sidSchema('WK', 'grants.task_router.worker_sid').optional(),
      role: z.string().max(64).optional(),
    }),
  }),
});

const ALGORITHMS: jwt.Algorithm[] = ['HS256', 'HS384', 'HS512'];

/** Twilio's Access Token error codes (20101 invalid, 20104 expired, 20106 grants, 20107 signature). */
const refusal = (code: number, message: string): { ok: false; error: EngineError } => ({
  ok: false,
  error: { status: 401, code, message },
});

/** Verifies `token` against the authority at simulated time `nowMs`. Never throws. */
export function verifyTaskRouterToken(token: unknown, authority: TokenAuthority, nowMs: number): EngineResult<TaskRouterIdentity> {
  if (typeof token !== 'string' || token.length === 0) return refusal(20101, 'Invalid Access Token: a token is required');
  let decoded: unknown;
  try {
    decoded = jwt.verify(token, hmacKey(authority.apiKeySecret), {
      algorithms: ALGORITHMS,
      clockTimestamp: Math.floor(nowMs / 1000),
    });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) return refusal(20104, 'Access Token expired or expiration date invalid');
    if (error instanceof jwt.NotBeforeError) return refusal(20105, 'Access Token not yet valid');
    if (error instanceof jwt.JsonWebTokenError && /signature/.test(error.message)) return refusal(20107, 'Invalid Access Token signature');
    return refusal(20101, 'Invalid Access Token');
  }
  const claims = taskRouterClaims.safeParse(decoded);
  if (!claims.success) return refusal(20106, 'Invalid Access Token grants: a TaskRouter grant with a workspace_sid (and, for a worker, a worker_sid) is required');
  const { iss, sub, exp, grants } = claims.data;
  if (iss !== authority.apiKeySid) return refusal(20103, 'Invalid Access Token issuer: not this account\'s API key');
  if (sub !== authority.accountSid) return refusal(20103, 'Invalid Access Token subject: not this account');
  const grant = grants.task_router;
  if (grant.workspace_sid !== authority.workspaceSid) return refusal(20106, `Invalid Access Token grants: unknown workspace ${grant.workspace_sid}`);
  if (grant.worker_sid !== undefined && !authority.workerExists(grant.worker_sid)) return refusal(20106, `Invalid Access Token grants: unknown worker ${grant.worker_sid}`);
  const workerSid = grant.worker_sid ?? null;
  const role = workerSid === null ? 'workspace' : grant.role === 'supervisor' ? 'supervisor' : 'worker';
  return {
    ok: true,
    value: { accountSid: sub, workspaceSid: grant.workspace_sid, workerSid, role, expiresAtMs: exp * 1000 },
  };
}

/** A token that names a worker (worker or supervisor role), as the EventBridge WebSocket needs. */
export function verifyWorkerToken(token: unknown, authority: TokenAuthority, nowMs: number): EngineResult<WorkerIdentity> {
  const verified = verifyTaskRouterToken(token, authority, nowMs);
  if (!verified.ok) return verified;
  if (verified.value.workerSid === null) return refusal(20106, 'Invalid Access Token grants: an EventBridge session needs a TaskRouter grant with a worker_sid (a workspace token can only read through the HTTP proxy)');
  return { ok: true, value: { ...verified.value, workerSid: verified.value.workerSid } };
}
