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

export async function fetchWorkerToken(url: string, fetchImpl: typeof fetch, now: () => number): Promise<Result<WorkerToken & { voice: string | null }>> {
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(15_000) });
  } catch {
    return err('network', 'The token URL could not be reached.');
  }
  if (response.status === 401 || response.status === 403) return err('unauthorized', `The token URL refused us (HTTP ${response.status}).`);
  if (response.status === 404) return err('not_found', 'The token URL answered 404: check the address.');
  if (response.status >= 500) return err('server', `The token URL had a server error (HTTP ${response.status}).`);
  if (!response.ok) return err('rejected_by_twilio', `The token URL answered HTTP ${response.status}.`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return err('invalid_input', 'The token URL did not answer JSON like {"taskrouter": "<jwt>"}.');
  }
  const parsed = tokenUrlResponse.safeParse(body);
  if (!parsed.success) return err('invalid_input', 'The token URL did not answer JSON like {"taskrouter": "<jwt>"}.');
  const token = readWorkerToken(parsed.data.taskrouter, now());
  return token.ok ? ok({ ...token.value, voice: parsed.data.voice ?? null }) : token;
}
