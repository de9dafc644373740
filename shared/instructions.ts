import { z } from 'zod';
import { sidField } from './sids';
import { callerId, contactUri, httpUrl, seconds } from './validation';

/**
 * The options of the four reservation instructions, as the agent (or an
 * automated caller of the contract) gives them: camelCase, typed, validated.
 * The host maps them one-to-one onto TaskRouter's PascalCase parameters
 * (`seed-taskrouter-reservation-resource.txt`). Unknown keys are refused.
 */

const httpMethod = z.enum(['GET', 'POST']);
const callEvents = z.array(z.enum(['initiated', 'ringing', 'answered', 'completed'])).max(4);
const recordMode = z.enum(['record-from-answer', 'do-not-record']);
const activitySid = sidField('WA');

export const conferenceOptions = z.strictObject({
  /** Whom to call: defaults to the worker's `contact_uri` attribute. */
  to: contactUri.optional(),
  /** Caller ID shown to the worker. */
  from: callerId.optional(),
  /** Seconds the worker's phone rings before giving up (default 60). */
  timeout: seconds(1, 999).optional(),
  /** Deprecated by Twilio; not valid in multi-tasking workspaces. */
  postWorkActivitySid: activitySid.optional(),
  statusCallback: httpUrl.optional(),
  statusCallbackMethod: httpMethod.optional(),
  statusCallbackEvent: callEvents.optional(),
  record: z.boolean().optional(),
  muted: z.boolean().optional(),
  beep: z.enum(['true', 'false', 'onEnter', 'onExit']).optional(),
  startConferenceOnEnter: z.boolean().optional(),
  endConferenceOnExit: z.boolean().optional(),
  waitUrl: httpUrl.optional(),
  waitMethod: httpMethod.optional(),
  earlyMedia: z.boolean().optional(),
  maxParticipants: z.number().int().min(2).max(250).optional(),
  conferenceStatusCallback: httpUrl.optional(),
  conferenceStatusCallbackMethod: httpMethod.optional(),
  conferenceStatusCallbackEvent: z.array(z.enum(['start', 'end', 'join', 'leave', 'mute', 'hold', 'speaker'])).max(7).optional(),
  conferenceRecord: z.enum(['true', 'false', 'record-from-start', 'do-not-record']).optional(),
  conferenceTrim: z.enum(['trim-silence', 'do-not-trim']).optional(),
  recordingChannels: z.enum(['mono', 'dual']).optional(),
  recordingStatusCallback: httpUrl.optional(),
  recordingStatusCallbackMethod: httpMethod.optional(),
  conferenceRecordingStatusCallback: httpUrl.optional(),
  conferenceRecordingStatusCallbackMethod: httpMethod.optional(),
  region: z.enum(['us1', 'us2', 'ie1', 'de1', 'sg1', 'br1', 'au1', 'jp1']).optional(),
  sipAuthUsername: z.string().min(1).max(256).optional(),
  sipAuthPassword: z.string().min(1).max(256).optional(),
  endConferenceOnCustomerExit: z.boolean().optional(),
  beepOnCustomerEntrance: z.boolean().optional(),
  jitterBufferSize: z.enum(['off', 'small', 'medium', 'large']).optional(),
});
export type ConferenceOptions = z.infer<typeof conferenceOptions>;

export const dequeueOptions = z.strictObject({
  /** Caller ID for the call to the worker (required by TaskRouter). */
  from: callerId,
  /** Whom to call: defaults to the worker's `contact_uri` attribute. */
  to: contactUri.optional(),
  postWorkActivitySid: activitySid.optional(),
  record: recordMode.optional(),
  timeout: seconds(1, 999).optional(),
  statusCallbackUrl: httpUrl.optional(),
  statusCallbackEvent: callEvents.optional(),
});
export type DequeueOptions = z.infer<typeof dequeueOptions>;

export const callOptions = z.strictObject({
  /** Caller ID for the outbound call (required). */
  from: callerId,
  /** TwiML executed on the worker's leg once it answers (required). */
  url: httpUrl,
  to: contactUri.optional(),
  /** Accept the reservation as part of the instruction. */
  accept: z.boolean().optional(),
  record: recordMode.optional(),
  timeout: seconds(1, 999).optional(),
  statusCallbackUrl: httpUrl.optional(),
});
export type CallOptions = z.infer<typeof callOptions>;

export const redirectOptions = z.strictObject({
  /** The caller's call, parked in a queue (required). */
  callSid: sidField('CA'),
  /** TwiML to redirect the call to (required). */
  url: httpUrl,
  /** Accept the reservation as part of the instruction (default false). */
  accept: z.boolean().optional(),
});
export type RedirectOptions = z.infer<typeof redirectOptions>;

export const INSTRUCTIONS = ['conference', 'dequeue', 'call', 'redirect'] as const;
export type InstructionName = (typeof INSTRUCTIONS)[number];
