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
  secret: 'Secret',
  contactUri: 'Contact URI',
  disposition: 'Disposition',
  notes: 'Notes',
  wrapUpSeconds: 'Wrap-up time',
  customerUrlTemplate: 'Customer record link',
  maxParticipants: 'Max participants',
};

/** "statusCallbackUrl" → "Status callback url": a readable name for a field without a label. */
const words = (key: string): string => {
  const text = key
    .replace(/([A-Z])/g, ' $1')
    .toLowerCase()
    .replace(/\b(sip|url|sid|uri|api)\b/g, (w) => w.toUpperCase());
  return text.charAt(0).toUpperCase() + text.slice(1);
};

export const fieldLabel = (path: readonly PropertyKey[]): string => {
  const last = [...path].reverse().find((p) => typeof p === 'string');
  return typeof last === 'string' ? (FIELD_LABELS[last] ?? words(last)) : 'This value';
};

const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n.toLocaleString('en-US')} ${many}`);

/**
 * Zod's default messages ("Too big: expected string to have <=256 characters")
 * are for developers. Schemas that say something better keep their own message;
 * this map words every other problem for the person at the form.
 */
export function humanIssue(issue: z.core.$ZodRawIssue): string {
  const label = fieldLabel(issue.path ?? []);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `${label} is required`;
      if (issue.expected === 'int') return `${label} must be a whole number`;
      if (issue.expected === 'number') return `${label} must be a number`;
      if (issue.expected === 'boolean') return `${label} must be yes or no`;
      return `${label} is not in the expected form`;
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `${label} can be at most ${plural(max, 'character', 'characters')} long`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${label} can have at most ${plural(max, 'item', 'items')}`;
      return `${label} can be at most ${max.toLocaleString('en-US')}`;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? `${label} is required` : `${label} needs at least ${plural(min, 'character', 'characters')}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${label} needs at least ${plural(min, 'item', 'items')}`;
      return `${label} must be at least ${min.toLocaleString('en-US')}`;
    }
    case 'invalid_value':
      return `Choose one of the offered values for ${label.toLowerCase()}`;
    case 'invalid_format':
      return `${label} is not in the expected form`;
    case 'unrecognized_keys':
      return issue.keys.length > 1 ? `These fields are not known here: ${issue.keys.join(', ')}` : `This field is not known here: ${issue.keys.join(', ')}`;
    default:
      return `${label} is not valid`;
  }
}

/** Every problem of an input, by the dotted path of its field ("" for the input as a whole); the first problem per field. */
export type FieldErrors = Record<string, string>;

/** Parses with human messages; answers every problem at once, by field. */
export function parseAll<S extends z.ZodType>(schema: S, input: unknown): { ok: true; value: z.infer<S> } | { ok: false; fields: FieldErrors } {
  const parsed = schema.safeParse(input, { error: humanIssue });
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join('.');
    fields[key] ??= issue.message;
  }
  return { ok: false, fields };
}

/**
 * Parses untrusted input with a contract schema. On failure answers
 * `invalid_input`: the first problem in words a person can act on, the dotted
 * path of its field, and every field's problem in `fields`.
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Result<z.infer<S>> {
  const parsed = parseAll(schema, input);
  if (parsed.ok) return ok(parsed.value);
  const [field, message] = Object.entries(parsed.fields)[0] ?? ['', 'The request is invalid.'];
  return err('invalid_input', message, { ...(field ? { field } : {}), fields: parsed.fields });
}
