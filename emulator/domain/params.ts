import { z } from 'zod';
import { badRequest, ok } from './errors';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth';
import type { EngineResult, RawParams } from './types';

/**
 * Request parameters arrive as PascalCase strings from form bodies (repeated
 * keys become arrays) or as JSON values from the Worker SDK. These helpers
 * coerce both to typed values and reject anything unknown or mistyped with a
 * Twilio-shaped 400.
 */

const MAX_STRING = 65_536;

export const formString = (max = MAX_STRING) =>
  z.preprocess((v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v), z.string().max(max, { message: `must be at most ${max} characters` }));

export const formBool = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const lower = v.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : v;
}, z.boolean({ message: 'must be true or false' }));

export const formInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^-?\d{1,15}$/.test(v.trim()) ? Number(v.trim()) : v),
    z
      .number({ message: 'must be an integer' })
      .int({ message: 'must be an integer' })
      .min(min, { message: `must be at least ${min}` })
      .max(max, { message: `must be at most ${max}` }),
  );

export const formEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => v, z.enum(values, { message: `must be one of: ${values.join(', ')}` }));

/** Case-insensitive enum (Twilio accepts `Conference` and `conference`), normalized to lower case. */
export const formEnumLower = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), z.enum(values, { message: `must be one of: ${values.join(', ')}` }));

/**
 * Repeated keys (`A=x&A=y`), a JSON array, or one comma-separated string (the
 * Worker SDK sends `"ringing,answered"`); a single value becomes a one-item list.
 */
export const formArray = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (Array.isArray(v) ? v : v === undefined ? v : typeof v === 'string' ? v.split(',').map((part) => part.trim()) : [v]),
    z.array(item).max(100, { message: 'has too many values' }),
  );

/** Booleans given where Twilio takes a string enum (`Beep: true`) become `"true"`/`"false"`. */
export const boolToString = (v: unknown): unknown => (typeof v === 'boolean' ? String(v) : v);

export const formSid = (prefix: string) => z.string({ message: `must be a ${prefix} SID` }).regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), { message: `must be a SID starting with ${prefix} followed by 32 hex characters` });

export const formUrl = z.string().max(2048, { message: 'must be at most 2048 characters' }).regex(/^https?:\/\/[^\s]+$/i, { message: 'must be an absolute http(s) URL' });

/**
 * An ISO 8601 date-time (`2026-01-02T03:04:05Z`, fractions and offsets allowed), as epoch ms.
 * Dates without a time or a zone are refused rather than read in some local time zone.
 */
export const formDateTime = z
  .string({ message: 'must be an ISO 8601 date-time such as 2026-01-02T03:04:05Z' })
  .max(64)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/, { message: 'must be an ISO 8601 date-time such as 2026-01-02T03:04:05Z' })
  .transform((value, ctx) => {
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: 'must be a real date-time' });
      return z.NEVER;
    }
    return ms;
  });

export const formMethod = z.preprocess((v) => (typeof v === 'string' ? v.toUpperCase() : v), z.enum(['GET', 'POST'], { message: 'must be GET or POST' }));

/**
 * A JSON object serialized as a string (Attributes, Configuration), nested at most
 * MAX_JSON_DEPTH levels: deeper values would overflow JSON.stringify later.
 */
export const formJsonObject = z.string().max(MAX_STRING, { message: `must be at most ${MAX_STRING} characters` }).superRefine((s, ctx) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(s);
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
  else if (jsonDepthExceeds(parsed)) ctx.addIssue({ code: 'custom', message: `must be a JSON object nested at most ${MAX_JSON_DEPTH} levels deep` });
});

/**
 * The strict variant of each schema, built once: `.strict()` makes a new
 * schema, and Zod compiles every new object schema on its first parse, so
 * calling it per request costs about a millisecond on the hot path. Callers
 * should also build their schemas once, at module level.
 */
const strictSchemas = new WeakMap<z.ZodObject, z.ZodObject>();

function strictOf(schema: z.ZodObject): z.ZodObject {
  let strict = strictSchemas.get(schema);
  if (!strict) {
    strict = schema.strict();
    strictSchemas.set(schema, strict);
  }
  return strict;
}

/**
 * Parses raw params with a strict object schema. Unknown parameters and bad
 * values answer 400 naming the parameter.
 */
export function parseParams<S extends z.ZodObject>(schema: S, raw: RawParams): EngineResult<z.infer<S>> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return badRequest('Parameters must be an object');
  const parsed = strictOf(schema).safeParse(raw);
  if (parsed.success) return ok(parsed.data as z.infer<S>);
  const issue = parsed.error.issues[0];
  if (!issue) return badRequest('Invalid parameters');
  if (issue.code === 'unrecognized_keys') return badRequest(`Unknown parameter${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`);
  const name = String(issue.path[0] ?? 'parameter');
  if (issue.code === 'invalid_type' && issue.input === undefined) return badRequest(`Missing required parameter ${name}`);
  if (issue.code === 'invalid_type' && Array.isArray(issue.input)) return badRequest(`Parameter ${name} was given more than once`);
  return badRequest(`Invalid parameter ${name}: ${issue.message}`);
}

export const parseJsonObject = (s: string): Record<string, unknown> => {
  try {
    const v: unknown = JSON.parse(s);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};
