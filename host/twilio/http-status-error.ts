/**
 * HTTP 429 with its Retry-After, from either way the host reaches TaskRouter: raised by our
 * RequestClient before twilio-node turns it into a RestException (which does not carry the
 * header), and by the EventBridge API (token URL mode), so both are retried alike.
 */
export class RateLimitedError extends Error {
  readonly status = 429;
  constructor(
    readonly retryAfterMs: number | null,
    readonly twilioCode: number | undefined,
  ) {
    super('Twilio asked us to slow down (HTTP 429).');
    this.name = 'RateLimitedError';
  }
}

/** Retry-After is seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(header: unknown, nowMs: number): number | null {
  if (typeof header !== 'string' || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}
