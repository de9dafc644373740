import type { z } from 'zod';
import { err, ok, type Result } from './result';

/** Human names for fields whose camelCase key would read poorly in a message. */
const FIELD_LABELS: Record<string, string> = {
  from: 'Caller ID (From)',
  to: 'Contact (To)',
  url: 'TwiML URL',
  callSid: 'Call SID',
  reservationSid: 'Reservation',
  activitySid: 'Activity',
  timeout: 'Ring timeout',
  accountSid: 'Account SID',
  workspaceSid: 'Workspace SID',
  workerSid: 'Worker SID',
  apiKeySid: 'API key SID',
  tokenUrl: 'Token URL',
};

const label = (path: PropertyKey[]): string => {
  const last = [...path].reverse().find((p) => typeof p === 'string');
  return (typeof last === 'string' && FIELD_LABELS[last]) || (typeof last === 'string' ? last : 'Input');
};

/**
 * Parses untrusted input with a contract schema. On failure answers
 * `invalid_input` with the first problem in words a person can act on and the
 * dotted path of the field at fault.
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Result<z.infer<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  if (!issue) return err('invalid_input', 'The request is invalid.');
  const field = issue.path.map(String).join('.');
  let message = issue.message;
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) message = `${label(issue.path)} is required`;
  else if (issue.code === 'unrecognized_keys') message = `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
  else if (issue.code === 'invalid_type') message = `${label(issue.path)} has the wrong type`;
  return err('invalid_input', message, field ? { field } : {});
}
