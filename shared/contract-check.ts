import { z } from 'zod';
import { events, REQUEST_NAMES, requests, type EventName, type Handlers, type RequestName } from './contract';
import { ERROR_CODES, err, type Result } from './result';
import { ISSUE_KEYS } from './issues';

/**
 * Checks what the host SENDS against the contract, the mirror of parsing what
 * it receives: request outputs (in tests and development builds, see
 * `checkHandlerOutputs`) and pushed events (always, in both transports: see
 * host/transport/events.ts). A value the contract does not describe is a host
 * bug; it is reported with the field at fault and never reaches the renderer.
 */

/** What was wrong, without the offending value (it might carry a credential). */
export interface ContractViolation {
  /** The request or event. */
  name: RequestName | EventName;
  kind: 'output' | 'event';
  /** Dotted path of the first field at fault ('' for the value itself). */
  path: string;
  message: string;
}

const fieldIssue = z.object({ key: z.enum(ISSUE_KEYS), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });
const appError = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  field: z.string().optional(),
  reason: z.string().optional(),
  fields: z.record(z.string(), fieldIssue).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  twilioCode: z.number().optional(),
});

function firstIssue(error: z.ZodError): { path: string; message: string } {
  const issue = error.issues[0];
  return { path: issue ? issue.path.map(String).join('.') : '', message: issue?.message ?? 'invalid' };
}

/** Checks one request's result: an ok value against the request's output schema, an error against `AppError`. */
export function checkOutput(name: RequestName, result: Result<unknown>): ContractViolation | null {
  if (typeof result !== 'object' || result === null) return { name, kind: 'output', path: '', message: 'The handler did not answer a Result' };
  const checked = result.ok ? requests[name].output.safeParse(result.value) : appError.safeParse(result.error);
  return checked.success ? null : { name, kind: 'output', ...firstIssue(checked.error) };
}

/** Parses one pushed event's payload with its contract schema. */
export function checkEvent<N extends EventName>(name: N, payload: unknown): { ok: true; payload: z.infer<(typeof events)[N]> } | { ok: false; violation: ContractViolation } {
  const parsed = events[name].safeParse(payload);
  return parsed.success ? { ok: true, payload: parsed.data as z.infer<(typeof events)[N]> } : { ok: false, violation: { name, kind: 'event', ...firstIssue(parsed.error) } };
}

export const CONTRACT_VIOLATION_MESSAGE = 'The app produced an answer it should not have (a bug). Please try again, and report it if it happens again.';

/**
 * Wraps every handler so that an answer outside the contract is reported and
 * replaced by an `internal` error, instead of reaching a renderer that trusts
 * its shape. A zod parse per answer: meant for tests and development builds,
 * where drift between the host and the contract must fail loudly.
 */
export function checkHandlerOutputs(handlers: Handlers, onViolation: (violation: ContractViolation) => void): Handlers {
  const checked: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
  for (const name of REQUEST_NAMES) {
    const handler = handlers[name] as (input: unknown) => Promise<Result<unknown>>;
    checked[name] = async (input) => {
      const result = await handler(input);
      const violation = checkOutput(name, result);
      if (!violation) return result;
      onViolation(violation);
      return err('internal', CONTRACT_VIOLATION_MESSAGE);
    };
  }
  return checked as unknown as Handlers;
}
