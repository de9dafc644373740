import { err, type AppError } from '../../shared/result';
import { RateLimitedError } from './http-status-error';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_NETWORK', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** The HTTP status of a twilio-node RestException (or our RateLimitedError), if it is one. */
export function httpStatusOf(e: unknown): number | null {
  if (e instanceof RateLimitedError) return 429;
  const status = (e as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 100 && status < 600 ? status : null;
}

export function isNetworkError(e: unknown): boolean {
  const name = (e as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return true;
  const code = (e as { code?: unknown; cause?: { code?: unknown } } | null)?.code ?? (e as { cause?: { code?: unknown } } | null)?.cause?.code;
  return typeof code === 'string' && NETWORK_CODES.has(code);
}

/**
 * Maps anything a Twilio call can throw onto the contract's error codes. The
 * message is Twilio's own when it gave one (it never contains our secret: the
 * secret travels only in the Authorization header).
 */
export function toAppError(e: unknown, what = 'TaskRouter'): AppError {
  const status = httpStatusOf(e);
  const twilioCode = typeof (e as { code?: unknown } | null)?.code === 'number' ? ((e as { code: number }).code) : undefined;
  const extra = twilioCode !== undefined ? { twilioCode } : {};
  const detail = e instanceof Error && e.message ? e.message : 'no details';
  if (status === 429) return err('rate_limited', `${what} asked us to slow down; try again in a moment.`, extra).error;
  if (status === 401 || status === 403) return err('unauthorized', `${what} refused the credentials: check the account SID, key and secret (or the token URL).`, extra).error;
  if (status === 404) return err('not_found', `${what} does not know this resource (${detail}).`, extra).error;
  if (status === 412) return err('conflict', 'It changed in the meantime; the view is being refreshed — try again.', extra).error;
  if (status !== null && status >= 500) return err('server', `${what} had a server error (HTTP ${status}); try again shortly.`, { ...extra, params: { status } }).error;
  // Twilio's own sentence (English) goes along: it is the only explanation there is of what it refused.
  if (status !== null) return err('rejected_by_twilio', `${what} refused the request: ${detail}`, { ...extra, params: { detail } }).error;
  if (isNetworkError(e)) return err('network', `${what} could not be reached; check the network connection.`).error;
  return err('internal', `Something went wrong: ${detail}`).error;
}
