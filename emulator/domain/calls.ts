import type { IdFactory } from './ids';
import type { EngineResult } from './types';

/**
 * Simulated API 2010 records: calls, conferences and their participants. The
 * default voice bridge creates them when a worker leg "answers"; VOICE makes
 * them real and may drive them through these same methods.
 */

export type CallStatus = 'queued' | 'ringing' | 'in-progress' | 'canceled' | 'completed' | 'failed' | 'busy' | 'no-answer';

export interface CallRecord {
  sid: string;
  from: string;
  to: string;
  status: CallStatus;
  direction: 'inbound' | 'outbound-api' | 'outbound-dial';
  parentCallSid: string | null;
  url: string | null;
  twiml: string | null;
  dateCreated: number;
  dateUpdated: number;
  startTime: number | null;
  endTime: number | null;
}

export interface ConferenceRecord {
  sid: string;
  friendlyName: string;
  status: 'init' | 'in-progress' | 'completed';
  dateCreated: number;
  dateUpdated: number;
}

export interface ParticipantRecord {
  callSid: string;
  conferenceSid: string;
  label: string | null;
  muted: boolean;
  hold: boolean;
  coaching: boolean;
  callSidToCoach: string | null;
  startConferenceOnEnter: boolean;
  endConferenceOnExit: boolean;
  status: 'queued' | 'connecting' | 'ringing' | 'connected' | 'complete' | 'failed';
  dateCreated: number;
  dateUpdated: number;
}

export interface PlaceCallInput {
  from: string;
  to: string;
  url: string | null;
  method: 'GET' | 'POST';
  twiml: string | null;
  timeoutSec: number;
  statusCallback: string | null;
  statusCallbackMethod: 'GET' | 'POST';
  statusCallbackEvent: string[];
}

export interface AddParticipantInput {
  from: string;
  to: string;
  label: string | null;
  muted: boolean;
  startConferenceOnEnter: boolean;
  endConferenceOnExit: boolean;
  timeoutSec: number;
  statusCallback: string | null;
  statusCallbackMethod: 'GET' | 'POST';
  statusCallbackEvent: string[];
  conferenceStatusCallback: string | null;
  conferenceStatusCallbackMethod: 'GET' | 'POST';
  conferenceStatusCallbackEvent: string[];
}

export interface ParticipantChange {
  muted?: boolean;
  hold?: boolean;
  holdUrl?: string;
  holdMethod?: 'GET' | 'POST';
  endConferenceOnExit?: boolean;
}

/**
 * Where real voice acts on the records: the voice plugin installs one
 * (emulator/voice/call-network.ts). Without it the routes keep the simulated
 * records below. `undefined` from an update means "not a live call here".
 */
export interface CallNetwork {
  placeCall(input: PlaceCallInput): EngineResult<CallRecord>;
  redirectCall(callSid: string, target: { url?: string; method?: 'GET' | 'POST'; twiml?: string }): EngineResult<CallRecord> | undefined;
  addParticipant(conferenceSid: string, input: AddParticipantInput): EngineResult<ParticipantRecord>;
  updateParticipant(conferenceSid: string, callSid: string, change: ParticipantChange): EngineResult<ParticipantRecord> | undefined;
  removeParticipant(conferenceSid: string, callSid: string): boolean;
  endConference(conferenceSid: string): boolean;
  /** The emulator was reset: hang every live call up. */
  reset(): void;
}

export class CallStore {
  readonly calls = new Map<string, CallRecord>();
  /** Real voice, when the voice plugin runs (see CallNetwork). */
  network: CallNetwork | undefined;
  readonly conferences = new Map<string, ConferenceRecord>();
  /** conferenceSid → callSid → participant */
  readonly participants = new Map<string, Map<string, ParticipantRecord>>();

  constructor(
    private readonly ids: IdFactory,
    private readonly now: () => number,
  ) {}

  clear(): void {
    this.network?.reset();
    this.calls.clear();
    this.conferences.clear();
    this.participants.clear();
  }

  createCall(fields: { from: string; to: string; direction: CallRecord['direction']; status?: CallStatus; sid?: string; url?: string | null }): CallRecord {
    const at = this.now();
    const call: CallRecord = {
      sid: fields.sid ?? this.ids.sid('CA'),
      from: fields.from,
      to: fields.to,
      status: fields.status ?? 'in-progress',
      direction: fields.direction,
      parentCallSid: null,
      url: fields.url ?? null,
      twiml: null,
      dateCreated: at,
      dateUpdated: at,
      startTime: fields.status === 'queued' || fields.status === 'ringing' ? null : at,
      endTime: null,
    };
    this.calls.set(call.sid, call);
    return call;
  }

  /** The conference named after a task (TaskRouter names it by the task SID), created on first use. */
  conferenceNamed(friendlyName: string): ConferenceRecord {
    for (const c of this.conferences.values()) if (c.friendlyName === friendlyName && c.status !== 'completed') return c;
    const at = this.now();
    const conference: ConferenceRecord = { sid: this.ids.sid('CF'), friendlyName, status: 'in-progress', dateCreated: at, dateUpdated: at };
    this.conferences.set(conference.sid, conference);
    this.participants.set(conference.sid, new Map());
    return conference;
  }

  addParticipant(conferenceSid: string, callSid: string, fields: Partial<Omit<ParticipantRecord, 'callSid' | 'conferenceSid'>> = {}): ParticipantRecord {
    const at = this.now();
    const participant: ParticipantRecord = {
      callSid,
      conferenceSid,
      label: null,
      muted: false,
      hold: false,
      coaching: false,
      callSidToCoach: null,
      startConferenceOnEnter: true,
      endConferenceOnExit: false,
      status: 'connected',
      dateCreated: at,
      dateUpdated: at,
      ...fields,
    };
    let map = this.participants.get(conferenceSid);
    if (!map) {
      map = new Map();
      this.participants.set(conferenceSid, map);
    }
    map.set(callSid, participant);
    return participant;
  }

  /**
   * The Redirect instruction and `POST Calls/{CA}` with Url/Twiml: a live call
   * runs the new TwiML; a simulated record only remembers it.
   */
  redirect(callSid: string, target: { url?: string; method?: 'GET' | 'POST'; twiml?: string }): EngineResult<CallRecord> | undefined {
    const live = this.network?.redirectCall(callSid, target);
    if (live) return live;
    const call = this.calls.get(callSid);
    if (!call) return undefined;
    if (target.url) call.url = target.url;
    if (target.twiml) call.twiml = target.twiml;
    call.dateUpdated = this.now();
    return { ok: true, value: call };
  }

  /** Hangs a call up, removes it from its conferences, ends conferences that became empty or whose participant ends them on exit. */
  endCall(callSid: string): CallRecord | undefined {
    const call = this.calls.get(callSid);
    if (!call) return undefined;
    const at = this.now();
    if (call.status !== 'completed' && call.status !== 'canceled') {
      call.status = call.startTime === null ? 'canceled' : 'completed';
      call.endTime = at;
      call.dateUpdated = at;
    }
    for (const [conferenceSid, members] of this.participants) {
      const p = members.get(callSid);
      if (!p) continue;
      members.delete(callSid);
      const conference = this.conferences.get(conferenceSid);
      if (conference && (members.size === 0 || p.endConferenceOnExit)) this.endConference(conferenceSid);
    }
    return call;
  }

  endConference(conferenceSid: string): void {
    const conference = this.conferences.get(conferenceSid);
    if (!conference || conference.status === 'completed') return;
    conference.status = 'completed';
    conference.dateUpdated = this.now();
    const members = this.participants.get(conferenceSid);
    for (const callSid of [...(members?.keys() ?? [])]) {
      members?.delete(callSid);
      this.endCall(callSid);
    }
  }
}
