/**
 * What is wrong with one input field, without words: a key and the numbers
 * or names its sentence needs. The renderer says it in the agent's language
 * (its catalogue has one message per key); the host stays language-neutral
 * and logs `describeIssue`. Schemas name their own issue with `issue(key)` as
 * their zod message; every other zod problem is mapped in `parse.ts`.
 */
export const ISSUE_KEYS = [
  // Any field (from zod's own checks).
  'required',
  'whole_number',
  'number',
  'yes_no',
  'form',
  'too_long',
  'too_many',
  'too_big',
  'too_short',
  'too_few',
  'too_small',
  'choose',
  'unknown_keys',
  'invalid',
  // Fields that say more.
  'phone',
  'contact_uri',
  'caller_id',
  'http_url',
  'sid',
  'seconds_whole',
  'seconds_min',
  'seconds_max',
  'attribute_path',
  'https_template',
  'https_only',
  'wrap_up_min',
  'secret_short',
  'global_needs_modifier',
  'global_not_combo',
  'reset_or_change',
  'disposition_required',
  'disposition_unknown',
  'dial_target',
  'digits',
  // Checked by the desk settings form itself.
  'wrap_up_seconds',
  'caller_field_line',
  // A refusal the host gave in English only (no issue of its own): shown as it is, `params.text`.
  'host_message',
] as const;
export type IssueKey = (typeof ISSUE_KEYS)[number];
export type IssueParams = Record<string, string | number>;

export interface FieldIssue {
  key: IssueKey;
  params?: IssueParams;
}

/** Every problem of an input, by the dotted path of its field ("" for the input as a whole); the first problem per field. */
export type FieldIssues = Record<string, FieldIssue>;

const MARK = '§issue:';

/** A zod message that carries an issue: `z.string().regex(E164, { message: issue('phone') })`. */
export const issue = (key: IssueKey, params?: IssueParams): string => `${MARK}${JSON.stringify(params ? [key, params] : [key])}`;

/** The issue a zod message carries, or null for any other message. */
export function decodeIssue(message: string): FieldIssue | null {
  if (!message.startsWith(MARK)) return null;
  try {
    const [key, params] = JSON.parse(message.slice(MARK.length)) as [IssueKey, IssueParams?];
    if (!(ISSUE_KEYS as readonly string[]).includes(key)) return null;
    return params ? { key, params } : { key };
  } catch {
    return null;
  }
}

/** For logs and developers (English, terse): "timeout: seconds_min {min: 1}". */
export function describeIssue(field: string, problem: FieldIssue): string {
  const params = problem.params ? ` ${JSON.stringify(problem.params)}` : '';
  return `${field || 'input'}: ${problem.key}${params}`;
}

/** A zod message for a log or a command line: an issue described in English, any other message as it is. */
export function plainMessage(field: string, message: string): string {
  const decoded = decodeIssue(message);
  return decoded ? describeIssue(field, decoded) : message;
}
