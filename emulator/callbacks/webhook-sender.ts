import twilio from 'twilio';
import type { CallbackUrlPolicy } from '../domain/callback-urls';

/**
 * One signed form POST to a callback URL, the way Twilio sends webhooks:
 * `application/x-www-form-urlencoded`, `X-Twilio-Signature` = HMAC-SHA1 (base64) of
 * the URL plus the sorted parameters, keyed with the account's auth token (what
 * twilio-node's `validateRequest` checks). It never throws and never waits longer
 * than its timeout; the answer's body is read up to 64 KiB.
 *
 * Twilio's webhook connection overrides in the URL fragment shorten or lengthen the
 * wait: `#rt=<ms>` (read timeout) or `#tt=<ms>` (total timeout), 100 to 15,000 ms.
 * The fragment is not sent and not signed (a server never sees it).
 */

export type WebhookAnswer = { kind: 'answered'; status: number; body: string } | { kind: 'failed'; reason: string };

const MAX_BODY = 64 * 1024;
const OVERRIDE_MIN = 100;
const OVERRIDE_MAX = 15_000;

export interface SendOptions {
  authToken: string;
  policy: CallbackUrlPolicy;
  /** Used when the URL carries no connection override. */
  defaultTimeoutMs: number;
  /** Aborted when the emulator closes. */
  signal: AbortSignal;
}

/** Splits `#rt=…&tt=…` off a configured URL: the URL to request and the timeout to use. */
export function connectionOverrides(configured: string, defaultTimeoutMs: number): { url: string; timeoutMs: number } {
  const hash = configured.indexOf('#');
  if (hash < 0) return { url: configured, timeoutMs: defaultTimeoutMs };
  const params = new URLSearchParams(configured.slice(hash + 1));
  const pick = (key: string): number | undefined => {
    const raw = params.get(key);
    if (raw === null || !/^\d{1,6}$/.test(raw)) return undefined;
    return Math.min(OVERRIDE_MAX, Math.max(OVERRIDE_MIN, Number(raw)));
  };
  return { url: configured.slice(0, hash), timeoutMs: pick('tt') ?? pick('rt') ?? defaultTimeoutMs };
}

export async function postSigned(configured: string, params: Record<string, string>, options: SendOptions): Promise<WebhookAnswer> {
  const refusal = options.policy.refusal(configured);
  if (refusal) return { kind: 'failed', reason: `refused: the URL ${refusal}` };
  const { url, timeoutMs } = connectionOverrides(configured, options.defaultTimeoutMs);
  const signature = twilio.getExpectedTwilioSignature(options.authToken, url, params);
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, 'user-agent': 'TwilioProxy/1.1 (taskrouter-emulator)' },
      body: new URLSearchParams(params).toString(),
      // A redirect could lead off this machine: it counts as a failed request.
      redirect: 'manual',
      signal,
    });
    const body = await readCapped(response, signal);
    return { kind: 'answered', status: response.status, body };
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return { kind: 'failed', reason: timedOut ? `no answer within ${timeoutMs} ms` : `request failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function readCapped(response: Response, signal: AbortSignal): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < MAX_BODY) {
      if (signal.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, MAX_BODY).toString('utf8');
}
