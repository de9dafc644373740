import { z } from 'zod';
import { INSTRUCTIONS } from './instructions';
import { issue } from './issues';
import { ERROR_CODES } from './result';

/**
 * The agent's desk around a task: what the task detail shows, how wrap-up
 * works, the agent's day. These settings belong to the desk (the contact
 * center's conventions), not to the connection: saving them never reconnects.
 */

/** A dotted path into the task attributes: `customer.account_id`. Letters, digits, `_` and `-` per segment. */
export const attributePath = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}(\.[A-Za-z0-9_-]{1,64}){0,4}$/, { message: issue('attribute_path') });

const fieldLabel = z.string().trim().min(1).max(40);

/** One caller or customer field of the task detail: a label and where in the attributes its value is. */
export const callerField = z.strictObject({ label: fieldLabel, attribute: attributePath });
export type CallerField = z.infer<typeof callerField>;

/** `https://crm.example.com/customers/{customer_id}`: https only; `{path}` placeholders are filled from the task attributes, URL-encoded. */
export const customerUrlTemplate = z
  .string()
  .trim()
  .max(1024)
  .refine((v) => isHttpsTemplate(v), { message: issue('https_template') });

const httpsUrl = z.url({ protocol: /^https$/, hostname: /^[^@]+$/ });

/** True when the template, with its placeholders filled by a letter, is an https URL with a host and no credentials. */
export function isHttpsTemplate(template: string): boolean {
  const filled = template.replace(/\{[^{}]*\}/g, 'x');
  return httpsUrl.safeParse(filled).success && !/^https:\/\/[^/]*@/i.test(filled);
}

/** The address of a customer record as the desk opens it: https only, no credentials. */
export const externalUrl = z
  .string()
  .max(4096)
  .refine((v) => isHttpsTemplate(v) && !/[{}]/.test(v), { message: issue('https_only') });

const dispositionCode = z.string().trim().min(1).max(64);

/** A saved instruction with its options, for one workspace. */
export const instructionPreset = z.strictObject({
  workspaceSid: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(40),
  instruction: z.enum(INSTRUCTIONS),
  /** The options as the instruction's schema takes them; checked again when the preset is used. */
  options: z.record(z.string().max(64), z.union([z.string().max(2048), z.number(), z.boolean(), z.array(z.string().max(64)).max(8)])),
});
export type InstructionPreset = z.infer<typeof instructionPreset>;

export const deskSettings = z.strictObject({
  /** The disposition codes the agent picks from in wrap-up; empty hides the choice. */
  dispositions: z.array(dispositionCode).max(50),
  /** Complete only once a disposition is chosen (when there are codes). */
  dispositionRequired: z.boolean(),
  /** After-call work: seconds before a wrapping task is completed by itself; 0 means no timer. */
  wrapUpSeconds: z.number().int({ message: issue('seconds_whole') }).min(0, { message: issue('wrap_up_min') }).max(3600, { message: issue('seconds_max', { max: 3600 }) }),
  /** The customer record in your CRM; null hides the link. */
  customerUrlTemplate: customerUrlTemplate.nullable(),
  /** The caller and customer fields shown first in the task detail. */
  callerFields: z.array(callerField).max(20),
  instructionPresets: z.array(instructionPreset).max(200),
});
export type DeskSettings = z.infer<typeof deskSettings>;

export const DEFAULT_DESK_SETTINGS: DeskSettings = {
  dispositions: ['Resolved', 'Follow-up needed', 'Escalated', 'Wrong number'],
  dispositionRequired: false,
  wrapUpSeconds: 60,
  customerUrlTemplate: null,
  callerFields: [
    { label: 'Name', attribute: 'caller_name' },
    { label: 'Customer', attribute: 'customer_name' },
    { label: 'Phone', attribute: 'from' },
    { label: 'Account', attribute: 'account_id' },
    { label: 'Reason', attribute: 'reason' },
  ],
  instructionPresets: [],
};

/** Extra seconds one "Extend" gives. */
export const WRAP_UP_EXTENSION_SECONDS = 30;

/** Wrap-up of one reservation, kept by the host so that every window and a closed window agree. */
export const wrapUp = z.object({
  reservationSid: z.string(),
  /** When the host saw the reservation start wrapping, local clock. */
  startedAt: z.number(),
  /** When the task is completed by itself, local clock; null when the desk has no wrap-up timer. */
  deadline: z.number().nullable(),
  disposition: z.string().nullable(),
  notes: z.string(),
  state: z.enum(['open', 'completing', 'failed']),
  /** Why the last completion failed: the error's code (the UI words it) and its English message (logs). */
  problem: z.object({ code: z.enum(ERROR_CODES), message: z.string() }).nullable(),
});
export type WrapUp = z.infer<typeof wrapUp>;

/** The agent's notes: what Flex Insights reads as `conversations.content`. */
export const wrapUpNotes = z.string().max(4000);

/** One earlier task of the same caller. */
export const previousContact = z.object({
  taskSid: z.string(),
  createdAt: z.number(),
  status: z.string(),
  channel: z.string(),
  queueName: z.string().nullable(),
  /** The disposition written at wrap-up (`conversations.outcome`), if any. */
  outcome: z.string().nullable(),
  topic: z.string().nullable(),
});
export type PreviousContact = z.infer<typeof previousContact>;

export const previousContacts = z.object({
  /** The attribute and value the tasks were matched on; null when the caller has no usable number. */
  matchedOn: z.object({ attribute: z.string(), value: z.string() }).nullable(),
  contacts: z.array(previousContact),
});
export type PreviousContacts = z.infer<typeof previousContacts>;

/** The agent's day: from TaskRouter statistics when it has them, else what this desktop saw. */
export const agentDay = z.object({
  source: z.enum(['taskrouter', 'observed']),
  /** Since when the figures count, local clock. */
  since: z.number(),
  tasksHandled: z.number(),
  /** Accept to completion, seconds; null before the first completed task. */
  averageHandleSeconds: z.number().nullable(),
  activities: z.array(z.object({ name: z.string(), seconds: z.number() })),
  /** Tasks waiting in the agent's queues; null when not known. */
  queues: z.array(z.object({ name: z.string(), waiting: z.number() })).nullable(),
});
export type AgentDay = z.infer<typeof agentDay>;
