import { z } from 'zod';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../domain/json-depth';
import type { EngineResult, RawParams } from '../domain/types';

/**
 * Parses what the Worker SDK POSTs to `ebServer`: a JSON string (sent by axios
 * as `application/x-www-form-urlencoded`, so it is read raw) holding
 * `{url, method, params, token}`, plus the `apiVersion` and `If-Match` headers.
 */

const MAX_BODY = 256 * 1024;

const envelopeSchema = z.object({
  url: z.string().min(1).max(2048),
  method: z.enum(['GET', 'POST']),
  params: z.record(z.string(), z.unknown()).optional(),
  token: z.string().max(16_384),
});

export interface ProxyRequest {
  /** Path segments of `url`, e.g. ['Workspaces', 'WS…', 'Workers', 'WK…']. */
  segments: string[];
  method: 'GET' | 'POST';
  /** PascalCase params, normalized to what a form body would carry (see `toFormParams`). */
  params: RawParams;
  token: string;
  apiVersion: 'v1' | 'v2';
  ifMatch: string | undefined;
}

const invalid = (message: string): { ok: false; error: { status: number; code: number; message: string } } => ({
  ok: false,
  error: { status: 400, code: 20001, message },
});

export function parseProxyRequest(rawBody: unknown, headers: Record<string, string | string[] | undefined>): EngineResult<ProxyRequest> {
  let body: unknown = rawBody;
  if (typeof rawBody === 'string') {
    if (rawBody.length > MAX_BODY) return invalid('Request body is too large');
    try {
      body = JSON.parse(rawBody);
    } catch {
      return invalid('Request body must be a JSON object {url, method, params, token}');
    }
  }
  // {params: {Attributes: {...}}} sits three levels above the attributes themselves.
  if (jsonDepthExceeds(body, MAX_JSON_DEPTH + 3)) return invalid(`Request body is nested deeper than ${MAX_JSON_DEPTH} levels`);
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    return invalid(`Invalid EventBridge request: ${issue ? `${issue.path.join('.') || 'body'} ${issue.message}` : 'malformed'}`);
  }
  const apiVersion = headerValue(headers, 'apiversion') ?? 'v1';
  if (apiVersion !== 'v1' && apiVersion !== 'v2') return invalid('Header apiVersion must be v1 or v2');
  // `url` is built with path.join on the client: relative, '/'-separated, no query.
  const segments = envelope.data.url.split('?')[0]!.split('/').filter((s) => s.length > 0);
  if (segments[0] === 'v1') segments.shift();
  return {
    ok: true,
    value: {
      segments,
      method: envelope.data.method,
      params: toFormParams(envelope.data.params ?? {}),
      token: envelope.data.token,
      apiVersion,
      ifMatch: headerValue(headers, 'if-match'),
    },
  };
}

/** The SDK names one parameter differently from the REST API. */
const RENAMED: Record<string, string> = { DequeueStatusCallbackEvents: 'DequeueStatusCallbackEvent' };
/** Parameters the REST API takes as repeated keys; the SDK sends them comma-separated. */
const LISTS = new Set(['DequeueStatusCallbackEvent', 'StatusCallbackEvent', 'ConferenceStatusCallbackEvent']);

/**
 * The SDK sends JSON values (booleans, numbers, objects for `Attributes`);
 * the engine takes form-style values. Scalars become strings, objects become
 * JSON strings, so both transports reach the same validation.
 */
export function toFormParams(params: Record<string, unknown>): RawParams {
  const out: RawParams = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    const name = RENAMED[key] ?? key;
    if (Array.isArray(value)) out[name] = value.map((item) => scalar(item));
    else if (typeof value === 'object') out[name] = JSON.stringify(value);
    else if (LISTS.has(name) && typeof value === 'string' && value.includes(',')) out[name] = value.split(',').map((s) => s.trim()).filter(Boolean);
    else out[name] = scalar(value);
  }
  return out;
}

const scalar = (value: unknown): string => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
