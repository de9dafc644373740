import type { z } from 'zod';
import { callOptions, conferenceOptions, dequeueOptions, redirectOptions, type InstructionName } from '../../shared/instructions';
import type { Reservation } from '../../shared/model';

/**
 * The instruction forms are generated from shared/instructions.ts, so every
 * parameter TaskRouter accepts appears and nothing is restated: each field's
 * kind, choices and whether it is required come from its zod schema; its
 * label is the catalogue's `field.<name>` message (a test checks every one has it).
 */
export const INSTRUCTION_SCHEMAS = {
  conference: conferenceOptions,
  dequeue: dequeueOptions,
  call: callOptions,
  redirect: redirectOptions,
} as const satisfies Record<InstructionName, z.ZodObject>;

export type FieldKind = 'text' | 'number' | 'boolean' | 'choice' | 'multi';

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  required: boolean;
  /** For choice and multi. */
  choices: string[];
  /** Fields most agents use stay visible, in this order; the rest sit under "Advanced". */
  common: boolean;
}

/** Values as the form holds them: strings for text/number/choice, 'true'/'false'/'' for booleans, arrays for multi. */
export type FormValues = Record<string, string | string[]>;

/** What an agent fills in for each instruction, first: whom to call, the TwiML to run. */
const COMMON: Record<InstructionName, readonly string[]> = {
  conference: ['to', 'from', 'timeout'],
  dequeue: ['to', 'from', 'timeout'],
  call: ['url', 'to', 'from', 'accept'],
  redirect: ['url', 'callSid', 'accept'],
};

interface ZodLike {
  def: { type: string; innerType?: ZodLike; element?: ZodLike; entries?: Record<string, string> };
}

const kindOf = (schema: ZodLike): { kind: FieldKind; choices: string[] } => {
  const { type } = schema.def;
  if (type === 'number') return { kind: 'number', choices: [] };
  if (type === 'boolean') return { kind: 'boolean', choices: [] };
  if (type === 'enum') return { kind: 'choice', choices: Object.values(schema.def.entries ?? {}) };
  if (type === 'array' && schema.def.element?.def.type === 'enum') return { kind: 'multi', choices: Object.values(schema.def.element.def.entries ?? {}) };
  return { kind: 'text', choices: [] };
};

export function fieldsOf(name: InstructionName): FieldSpec[] {
  const common = COMMON[name];
  const fields = Object.entries(INSTRUCTION_SCHEMAS[name].shape).map(([field, schema]) => {
    const s = schema as unknown as ZodLike;
    const required = s.def.type !== 'optional';
    const inner = required ? s : s.def.innerType!;
    return { name: field, required, common: required || common.includes(field), ...kindOf(inner) };
  });
  // The common fields in the order an agent thinks of them; the schema's order for the rest.
  const rank = (f: FieldSpec) => (f.common ? (common.includes(f.name) ? common.indexOf(f.name) : common.length) : common.length + 1);
  return fields.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
}

/** Sensible starting values: whom to call, caller ID from the task, the caller's call. */
export function defaultValues(name: InstructionName, reservation: Reservation, contactUri: string | null): FormValues {
  const attributes = reservation.task.attributes;
  const taskTo = typeof attributes.to === 'string' ? attributes.to : '';
  const values: FormValues = {};
  if (name !== 'redirect' && contactUri) values.to = contactUri;
  if (name === 'dequeue' || name === 'call') values.from = taskTo;
  if (name === 'redirect') values.callSid = reservation.callSid ?? '';
  return values;
}

/**
 * Turns what the agent entered into the options object: empty fields are left
 * out (TaskRouter applies its own defaults), numbers and booleans are typed.
 * Validation is the schema's job (parseWith), not this function's.
 */
export function toOptions(fields: FieldSpec[], values: FormValues): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    if (field.kind === 'number') options[field.name] = Number(value);
    else if (field.kind === 'boolean') options[field.name] = value === 'true';
    else options[field.name] = value;
  }
  return options;
}
