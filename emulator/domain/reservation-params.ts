import { z } from 'zod';
import { badRequest, ok } from './errors';
import { boolToString, formArray, formBool, formEnum, formEnumLower, formInt, formMethod, formSid, formString, formUrl, parseParams } from './params';
import type { EngineResult, InstructionRecord, RawParams, ReservationStatus } from './types';

/**
 * Every parameter a Reservation update takes (the seed page and the OpenAPI
 * spec of both reservation routes), validated by type, enum and range.
 */

const callStatus = formEnum(['initiated', 'ringing', 'answered', 'completed'] as const);
const conferenceEvent = formEnum(['start', 'end', 'join', 'leave', 'mute', 'hold', 'speaker'] as const);
const record = formEnum(['do-not-record', 'record-from-answer', 'record-from-ringing', 'record-from-answer-dual', 'record-from-ringing-dual', 'true', 'false'] as const);
const ringTimeout = formInt(1, 999);

const baseShape = {
  ReservationStatus: formEnumLower(['pending', 'accepted', 'rejected', 'timeout', 'canceled', 'rescinded', 'wrapping', 'completed'] as const).optional(),
  WorkerActivitySid: formSid('WA').optional(),
  Instruction: formEnumLower(['conference', 'dequeue', 'call', 'redirect', 'supervise'] as const).optional(),
  // Dequeue
  DequeuePostWorkActivitySid: formSid('WA').optional(),
  DequeueFrom: formString(256).optional(),
  DequeueRecord: record.optional(),
  DequeueTimeout: ringTimeout.optional(),
  DequeueTo: formString(256).optional(),
  DequeueStatusCallbackUrl: formUrl.optional(),
  DequeueStatusCallbackEvent: formArray(callStatus).optional(),
  /** The Worker SDK's spelling of DequeueStatusCallbackEvent (twilio-taskrouter 2.x sends the plural). */
  DequeueStatusCallbackEvents: formArray(callStatus).optional(),
  // Call
  CallFrom: formString(256).optional(),
  CallRecord: record.optional(),
  CallTimeout: ringTimeout.optional(),
  CallTo: formString(256).optional(),
  CallUrl: formUrl.optional(),
  CallStatusCallbackUrl: formUrl.optional(),
  CallAccept: formBool.optional(),
  // Redirect
  RedirectCallSid: formSid('CA').optional(),
  RedirectAccept: formBool.optional(),
  RedirectUrl: formUrl.optional(),
  // Conference (worker leg: Participant API parameters)
  To: formString(256).optional(),
  From: formString(256).optional(),
  StatusCallback: formUrl.optional(),
  StatusCallbackMethod: formMethod.optional(),
  StatusCallbackEvent: formArray(callStatus).optional(),
  Timeout: ringTimeout.optional(),
  Record: formBool.optional(),
  Muted: formBool.optional(),
  Beep: z.preprocess(boolToString, formEnum(['true', 'false', 'onEnter', 'onExit'] as const)).optional(),
  StartConferenceOnEnter: formBool.optional(),
  EndConferenceOnExit: formBool.optional(),
  WaitUrl: formUrl.optional(),
  WaitMethod: formMethod.optional(),
  EarlyMedia: formBool.optional(),
  MaxParticipants: formInt(2, 250).optional(),
  ConferenceStatusCallback: formUrl.optional(),
  ConferenceStatusCallbackMethod: formMethod.optional(),
  ConferenceStatusCallbackEvent: formArray(conferenceEvent).optional(),
  ConferenceRecord: z.preprocess(boolToString, formEnum(['true', 'false', 'record-from-start', 'do-not-record'] as const)).optional(),
  ConferenceTrim: formEnum(['trim-silence', 'do-not-trim'] as const).optional(),
  RecordingChannels: formEnum(['mono', 'dual'] as const).optional(),
  RecordingStatusCallback: formUrl.optional(),
  RecordingStatusCallbackMethod: formMethod.optional(),
  ConferenceRecordingStatusCallback: formUrl.optional(),
  ConferenceRecordingStatusCallbackMethod: formMethod.optional(),
  Region: formEnum(['us1', 'us2', 'ie1', 'de1', 'sg1', 'br1', 'au1', 'jp1'] as const).optional(),
  SipAuthUsername: formString(256).optional(),
  SipAuthPassword: formString(256).optional(),
  PostWorkActivitySid: formSid('WA').optional(),
  EndConferenceOnCustomerExit: formBool.optional(),
  BeepOnCustomerEntrance: formBool.optional(),
  JitterBufferSize: formEnum(['small', 'medium', 'large', 'off'] as const).optional(),
  // The Worker SDK's conference options also carry these (twilio-taskrouter 2.1 ConferenceOptions).
  Transcribe: formBool.optional(),
  TranscriptionConfiguration: formString(256).optional(),
};

const workerRouteSchema = z.object(baseShape);
const taskRouteSchema = z.object({
  ...baseShape,
  Supervisor: formString(256).optional(),
  SupervisorMode: formEnum(['monitor', 'whisper', 'barge'] as const).optional(),
});

export type ReservationUpdate = z.infer<typeof taskRouteSchema>;

/** Which parameters belong to which instruction: they are recorded with it. */
const INSTRUCTION_PARAMS: Record<InstructionRecord['name'], readonly string[]> = {
  dequeue: Object.keys(baseShape).filter((k) => k.startsWith('Dequeue')),
  call: Object.keys(baseShape).filter((k) => k.startsWith('Call')),
  redirect: Object.keys(baseShape).filter((k) => k.startsWith('Redirect')),
  conference: Object.keys(baseShape).filter((k) => !/^(Dequeue|Call|Redirect|ReservationStatus|WorkerActivitySid|Instruction)/.test(k)),
  supervise: ['Supervisor', 'SupervisorMode', 'From', 'To'],
};

export const instructionParamNames = (name: InstructionRecord['name']): readonly string[] => INSTRUCTION_PARAMS[name];

/** Parses and checks the combination: an instruction's required fields, no status with an instruction, etc. */
export function parseReservationUpdate(raw: RawParams, route: 'worker' | 'task'): EngineResult<ReservationUpdate> {
  const parsed = parseParams(route === 'task' ? taskRouteSchema : workerRouteSchema, raw);
  if (!parsed.ok) return parsed;
  const u = parsed.value as ReservationUpdate;
  if (!u.ReservationStatus && !u.Instruction) return badRequest('Either ReservationStatus or Instruction is required');
  if (u.ReservationStatus && u.Instruction) return badRequest('ReservationStatus and Instruction cannot be given together');
  if (u.ReservationStatus && !(['accepted', 'rejected', 'wrapping', 'completed'] as ReservationStatus[]).includes(u.ReservationStatus)) {
    return badRequest(`ReservationStatus cannot be set to [${u.ReservationStatus}]; use accepted, rejected, wrapping or completed`);
  }
  if (u.WorkerActivitySid && u.ReservationStatus !== 'rejected') return badRequest('WorkerActivitySid is only valid when rejecting a reservation');
  if (u.Instruction) {
    const allowed = new Set([...INSTRUCTION_PARAMS[u.Instruction], 'Instruction']);
    const stray = Object.keys(raw).filter((k) => !allowed.has(k));
    if (stray.length > 0) return badRequest(`Parameter${stray.length > 1 ? 's' : ''} ${stray.join(', ')} cannot be used with the ${u.Instruction} instruction`);
  }
  switch (u.Instruction) {
    case 'dequeue':
      if (!u.DequeueFrom) return badRequest('Missing required parameter DequeueFrom for the dequeue instruction');
      break;
    case 'call':
      if (!u.CallFrom) return badRequest('Missing required parameter CallFrom for the call instruction');
      if (!u.CallUrl) return badRequest('Missing required parameter CallUrl for the call instruction');
      break;
    case 'redirect':
      if (!u.RedirectCallSid) return badRequest('Missing required parameter RedirectCallSid for the redirect instruction');
      if (!u.RedirectUrl) return badRequest('Missing required parameter RedirectUrl for the redirect instruction');
      break;
    case 'supervise':
      if (route !== 'task') return badRequest('The supervise instruction is only available on task reservations');
      if (!u.Supervisor) return badRequest('Missing required parameter Supervisor for the supervise instruction');
      break;
    default:
      break;
  }
  return ok(u);
}

/** The instruction's parameters as given (parsed values), for the record. */
export function recordedParams(u: ReservationUpdate, name: InstructionRecord['name']): InstructionRecord['params'] {
  const out: InstructionRecord['params'] = {};
  for (const key of INSTRUCTION_PARAMS[name]) {
    const value = (u as Record<string, unknown>)[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.map(String);
  }
  return out;
}
