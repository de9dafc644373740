import type { z } from 'zod';
import { decodeIssue, describeIssue, issue, type FieldIssues } from './issues';
import { err, ok, type Result } from './result';

export type { FieldIssues } from './issues';

/**
 * Zod's own problems as issue keys with their numbers: the UI words them in the
 * agent's language ("too_long {max: 256}" → "Can be at most 256 characters
 * long"), never zod's developer text. Schemas that know better name their own
 * issue (`issue(key)`) and keep it.
 */
export function issueOf(raw: z.core.$ZodRawIssue): string {
  switch (raw.code) {
    case 'invalid_type':
      if (raw.input === undefined) return issue('required');
      if (raw.expected === 'int') return issue('whole_number');
      if (raw.expected === 'number') return issue('number');
      if (raw.expected === 'boolean') return issue('yes_no');
      return issue('form');
    case 'too_big': {
      const max = Number(raw.maximum);
      if (raw.origin === 'string') return issue('too_long', { max });
      if (raw.origin === 'array' || raw.origin === 'set') return issue('too_many', { max });
      return issue('too_big', { max });
    }
    case 'too_small': {
      const min = Number(raw.minimum);
      if (raw.origin === 'string') return min <= 1 ? issue('required') : issue('too_short', { min });
      if (raw.origin === 'array' || raw.origin === 'set') return issue('too_few', { min });
      return issue('too_small', { min });
    }
    case 'invalid_value':
      return issue('choose');
    case 'invalid_format':
      return issue('form');
    case 'unrecognized_keys':
      return issue('unknown_keys', { keys: raw.keys.join(', '), count: raw.keys.length });
    default:
      return issue('invalid');
  }
}

/** Parses with issues for every problem at once, by field. */
export function parseAll<S extends z.ZodType>(schema: S, input: unknown): { ok: true; value: z.infer<S> } | { ok: false; fields: FieldIssues } {
  const parsed = schema.safeParse(input, { error: issueOf });
  if (parsed.success) return { ok: true, value: parsed.data };
  const fields: FieldIssues = {};
  for (const problem of parsed.error.issues) {
    const key = problem.path.map(String).join('.');
    fields[key] ??= decodeIssue(problem.message) ?? { key: 'invalid' };
  }
  return { ok: false, fields };
}

/**
 * Parses untrusted input with a contract schema. On failure answers
 * `invalid_input` with every field's issue in `fields`, the first field's path
 * in `field`, and a terse English `message` for logs.
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Result<z.infer<S>> {
  const parsed = parseAll(schema, input);
  if (parsed.ok) return ok(parsed.value);
  const entries = Object.entries(parsed.fields);
  const [field] = entries[0] ?? [''];
  return err('invalid_input', `Invalid input: ${entries.map(([f, p]) => describeIssue(f, p)).join('; ')}`, { ...(field ? { field } : {}), fields: parsed.fields });
}
