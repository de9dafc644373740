import type { FieldIssues } from './issues';

/**
 * Errors are values across every boundary (IPC, the browser bridge, the host's
 * modules): `{ ok: true, value } | { ok: false, error }`, never a thrown
 * exception. `code` is what the UI branches on, and what it words in the agent's
 * language; `message` is English for logs and developers, never shown as is.
 */

/** Every error code the host may return. The UI may branch on any of them. */
export const ERROR_CODES = [
  /** The request itself is malformed or a field is invalid (see `field`). */
  'invalid_input',
  /** The reservation timed out before the action reached TaskRouter. */
  'reservation_expired',
  /** Another worker accepted the task first (multi-reservation). */
  'reservation_rescinded',
  /** The task was canceled (caller hung up, TTL, 1,000 rejections...). */
  'reservation_canceled',
  /** The reservation is in a state that does not allow this action. */
  'reservation_not_pending',
  /** The resource changed since it was read (HTTP 412). */
  'conflict',
  /** The reservation, worker or activity does not exist. */
  'not_found',
  /** Credentials or token were refused. */
  'unauthorized',
  /** Twilio asked us to slow down (HTTP 429); the host retries by itself. */
  'rate_limited',
  /** Twilio could not be reached. */
  'network',
  /** Twilio answered with a server error (5xx). */
  'server',
  /** The host has no account or worker configured yet. */
  'not_configured',
  /** Twilio refused the request for another reason; see `message`. */
  'rejected_by_twilio',
  /** This needs the desktop app (global shortcuts and the like); browser mode cannot do it. */
  'unsupported',
  /** A bug: something failed that should not have. */
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  /** English, for logs and developers; the UI says the error in its own words from `code`, `fields` and `params`. Never contains a secret. */
  message: string;
  /** The input field that caused an `invalid_input` error, as a dotted path. */
  field?: string;
  /** Every invalid field of an `invalid_input` error, by dotted path, with its issue (the UI words it). */
  fields?: FieldIssues;
  /**
   * Which case of `code` this is, when the UI has a sentence of its own for it (`reason.<reason>` in the catalogue):
   * "token_url_missing" for a `not_configured`. A reason the UI does not know shows `message`, the English fallback.
   */
  reason?: string;
  /** Values the UI's sentence for this error may use (the HTTP status of a token URL, …). */
  params?: Record<string, string | number>;
  /** Twilio's numeric error code when Twilio produced the error. */
  twilioCode?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const err = (code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): { ok: false; error: AppError } => ({
  ok: false,
  error: { code, message, ...extra },
});
