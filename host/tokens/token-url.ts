import { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';
import { readWorkerToken, type WorkerToken } from './worker-token';

/**
 * What a customer's token endpoint returns (GET, JSON):
 * `{ "taskrouter": "<Access Token with a TaskRouter grant>", "voice": "<Access Token with a Voice grant>" }`.
 * The worker and workspace are read from the TaskRouter grant; `voice` is optional.
 */
export const tokenUrlResponse = z.object({ taskrouter: z.string().min(20), voice: z.string().min(20).optional() });
export type TokenUrlResponse = z.infer<typeof tokenUrlResponse>;

/** Token URL answers are a few kilobytes of JWT; anything this large is refused unread rather than buffered. */
export const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;
/** How long a token URL may take to answer, body included. */
export const TOKEN_URL_TIMEOUT_MS = 15_000;

/**
 * Reads a token URL's JSON body, at most `MAX_TOKEN_RESPONSE_BYTES` of it: the
 * server is the customer's, and a huge (or endless) body must not be buffered
 * into the host's memory. Throws when the body is too large or not JSON.
 */
export async function readBoundedJson(response: Response, maxBytes = MAX_TOKEN_RESPONSE_BYTES): Promise<unknown> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new Error('The response is too large.');
  }
  if (!response.body) throw new Error('The response has no body.');
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new Error('The response is too large.');
    }
    chunks.push(value);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

export async function fetchWorkerToken(url: string, fetchImpl: typeof fetch, now: () => number): Promise<Result<WorkerToken & { voice: string | null }>> {
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(TOKEN_URL_TIMEOUT_MS) });
  } catch {
    return err('network', 'The token URL could not be reached.');
  }
  if (response.status === 401 || response.status === 403) return err('unauthorized', `The token URL refused us (HTTP ${response.status}).`);
  if (response.status === 404) return err('not_found', 'The token URL answered 404: check the address.');
  if (response.status >= 500) return err('server', `The token URL had a server error (HTTP ${response.status}).`);
  if (!response.ok) return err('rejected_by_twilio', `The token URL answered HTTP ${response.status}.`);
  let body: unknown;
  try {
    body = await readBoundedJson(response);
  } catch {
    return err('invalid_input', 'The token URL did not answer JSON like {"taskrouter": "<jwt>"}.');
  }
  const parsed = tokenUrlResponse.safeParse(body);
  if (!parsed.success) return err('invalid_input', 'The token URL did not answer JSON like {"taskrouter": "<jwt>"}.');
  const token = readWorkerToken(parsed.data.taskrouter, now());
  return token.ok ? ok({ ...token.value, voice: parsed.data.voice ?? null }) : token;
}
