import { isIP } from 'node:net';
import twilio from 'twilio';
import { TwimlError } from './twiml-error';
import type { HttpMethod } from './parse-twiml';

/**
 * The emulator's only way out to HTTP: TwiML documents, audio for <Play> and
 * status callbacks, fetched from loopback addresses only (127.0.0.0/8, ::1,
 * localhost) — the emulator's own built-in TwiML app lives there too. Any
 * other host is refused before a socket is opened, so nothing a TwiML author
 * writes can make the emulator reach the network. HTTP redirects are not
 * followed (they could leave loopback). Requests are signed with
 * `X-Twilio-Signature` as Twilio signs them, so `twilio.validateRequest`
 * accepts them with the emulator's auth token.
 */

export const FETCH_LIMITS = {
  /** Twilio waits 15 s for a TwiML answer; a local server answers well within 5. */
  timeoutMs: 5_000,
  maxAudioBytes: 8 * 1024 * 1024,
} as const;

export interface LoopbackRequest {
  url: string;
  method: HttpMethod;
  /** Form parameters (POST body, or added to the query string for GET). */
  params: Record<string, string>;
  maxBytes: number;
  /** Accepted Content-Type prefixes (lower case); others fail with 12300. */
  accept: readonly string[];
  /** When given, the request carries X-Twilio-Signature computed with it. */
  authToken?: string;
}

export interface LoopbackResponse {
  url: string;
  contentType: string;
  body: Buffer;
}

/** Resolves a possibly relative TwiML URL against the document it came from, and checks it is on loopback. */
export function loopbackUrl(raw: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim(), base);
  } catch {
    throw new TwimlError(11100, `Invalid URL: ${raw.slice(0, 200)}`, raw);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TwimlError(11100, `Only http and https URLs can be fetched, not ${url.protocol}`, url.href);
  if (!isLoopbackHost(url.hostname)) {
    throw new TwimlError(21218, `The emulator fetches TwiML, audio and callbacks only from loopback URLs (127.0.0.1, [::1], localhost) or its built-in TwiML app; ${url.origin} was refused`, url.href);
  }
  return url;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

export async function loopbackFetch(request: LoopbackRequest, signal?: AbortSignal): Promise<LoopbackResponse> {
  const url = loopbackUrl(request.url);
  const headers: Record<string, string> = { 'user-agent': 'TwilioProxy/1.1 (taskrouter-agent-desktop emulator)', accept: '*/*' };
  let body: string | undefined;
  if (request.method === 'GET') {
    for (const [k, v] of Object.entries(request.params)) url.searchParams.append(k, v);
  } else {
    body = new URLSearchParams(request.params).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  if (request.authToken) {
    headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(request.authToken, url.href, request.method === 'POST' ? request.params : {});
  }
  const timeout = AbortSignal.timeout(FETCH_LIMITS.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, { method: request.method, headers, body, redirect: 'manual', signal: combined });
  } catch (error) {
    if (signal?.aborted) throw error;
    const reason = timeout.aborted ? `no answer within ${FETCH_LIMITS.timeoutMs} ms` : error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new TwimlError(11205, `HTTP connection failure: ${reason}`, url.href);
  }
  if (response.status < 200 || response.status > 299) {
    await response.body?.cancel().catch(() => undefined);
    throw new TwimlError(11200, `HTTP retrieval failure: ${url.href} answered ${response.status}${response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : ''}`, url.href);
  }
  const contentType = (response.headers.get('content-type') ?? '').toLowerCase();
  if (!request.accept.some((prefix) => contentType.startsWith(prefix))) {
    await response.body?.cancel().catch(() => undefined);
    throw new TwimlError(12300, `Invalid Content-Type "${contentType.slice(0, 60)}" from ${url.href}; expected ${request.accept.join(' or ')}`, url.href);
  }
  return { url: url.href, contentType, body: await readBounded(response, request.maxBytes, url.href) };
}

async function readBounded(response: Response, maxBytes: number, url: string): Promise<Buffer> {
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TwimlError(11750, `The response from ${url} exceeds ${maxBytes} bytes`, url);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
