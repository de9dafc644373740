import type { AddParticipantInput, CallNetwork, CallRecord, CallStore, ParticipantChange, ParticipantRecord, PlaceCallInput } from '../domain/calls';
import type { EngineResult } from '../domain/types';
import { holdMusic, speechLikeTone, SAMPLES_PER_FRAME, type AudioSource } from './audio-frames';
import { FINAL_CALL_STATUSES, type VoiceCall } from './call-registry';
import type { ConferenceEvent } from './conferences';
import { StatusCallbacks, type CallCallback } from './status-callbacks';
import { loopbackFetch, loopbackUrl } from './twiml/loopback-fetch';
import { parseTwiml } from './twiml/parse-twiml';
import type { TwimlHost } from './twiml/twiml-host';
import { runTwiml } from './twiml/twiml-runner';
import type { DialOutcome, VoiceEmulator } from './voice-emulator';
import { decodeWav } from './wav';

const CLIENT_PREFIX = 'client:';

/**
 * The API 2010 records (emulator/domain/calls.ts) and the live calls, kept in
 * step: records of real calls read their `status`, `muted` and `hold` from the
 * live call (so a poll sees reality at once), and the REST API's writes act on
 * the media — place a call that runs TwiML, redirect a live call, add a
 * participant that really rings and joins, hold (with music, or HoldUrl's),
 * mute, kick, end a conference. Status callbacks go to loopback URLs.
 */
export class VoiceCallNetwork implements CallNetwork {
  private readonly callCallbacks = new Map<string, CallCallback>();
  readonly callbacks: StatusCallbacks;

  constructor(
    private readonly store: CallStore,
    private readonly voice: VoiceEmulator,
    private readonly host: () => TwimlHost,
    accountSid: string,
    authToken: string,
  ) {
    this.callbacks = new StatusCallbacks(accountSid, authToken, (callSid, error) => {
      const call = callSid ? voice.calls.get(callSid) : undefined;
      if (call) voice.recordError(call, error);
    });
    store.network = this;
    voice.conferenceSidFor = (friendlyName) => store.conferenceNamed(friendlyName).sid;
    voice.onCallStatus((call) => this.onStatus(call));
    // A call that ended on the voice side (a Device hung up, a conference ended) ends its record too.
    voice.onCallEnded((call) => {
      this.callCallbacks.delete(call.sid);
      if (store.calls.has(call.sid)) store.endCall(call.sid);
    });
    voice.conferences.onEvent((event) => this.onConferenceEvent(event));
  }

  /** Creates (or adopts) the API 2010 record of a real call. */
  mirrorCall(call: VoiceCall): CallRecord {
    const record =
      this.store.calls.get(call.sid) ??
      this.store.createCall({ sid: call.sid, from: call.from, to: call.to, direction: call.direction, status: call.status });
    if (call.parentCallSid) record.parentCallSid = call.parentCallSid;
    Object.defineProperty(record, 'status', {
      enumerable: true,
      configurable: true,
      get: () => call.status,
      set: (status: CallRecord['status']) => {
        if (FINAL_CALL_STATUSES.has(status) && !FINAL_CALL_STATUSES.has(call.status)) {
          this.voice.hangup(call.sid, status === 'canceled' ? 'canceled' : 'completed');
        }
      },
    });
    return record;
  }

  // ---------------------------------------------------------------- CallNetwork (the REST API's writes)

  placeCall(input: PlaceCallInput): EngineResult<CallRecord> {
    const checked = this.checkUrls({ Url: input.url, StatusCallback: input.statusCallback });
    if (checked) return checked;
    if (input.twiml) {
      try {
        parseTwiml(input.twiml);
      } catch (error) {
        return fail(400, 21205, `Invalid Twiml: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const target = this.target(input.to);
    if (!target) return fail(400, 21210, `The emulator calls Voice SDK clients (client:<identity>) and phone numbers (+E.164), not ${input.to.slice(0, 64)}`);
    const record = this.store.createCall({ from: input.from, to: input.to, direction: 'outbound-api', status: 'queued', url: input.url });
    if (input.twiml) record.twiml = input.twiml;
    if (input.statusCallback) this.callCallbacks.set(record.sid, { url: input.statusCallback, method: input.statusCallbackMethod, events: new Set(input.statusCallbackEvent.length > 0 ? input.statusCallbackEvent : ['completed']), sequence: 0 });
    const source = input.twiml ? { twiml: input.twiml } : { url: input.url!, method: input.method };
    // Twilio answers `queued` and dials right after; so does the emulator.
    setImmediate(() => {
      if (FINAL_CALL_STATUSES.has(record.status)) return;
      void this.dial(target, { callSid: record.sid, from: input.from, to: input.to, timeoutMs: input.timeoutSec * 1000 }).then((outcome) => {
        const call = this.voice.calls.get(outcome.callSid);
        if (outcome.outcome === 'answered' && call) runTwiml(this.host(), call, source);
      }, (error: unknown) => console.error('emulator: placing a call failed', error));
    });
    return { ok: true, value: record };
  }

  redirectCall(callSid: string, target: { url?: string; method?: 'GET' | 'POST'; twiml?: string }): EngineResult<CallRecord> | undefined {
    const call = this.voice.calls.get(callSid);
    const record = this.store.calls.get(callSid);
    if (!call || !record) return undefined;
    if (call.status !== 'in-progress') return fail(400, 21220, `Call ${callSid} is not in-progress. Cannot redirect.`);
    const checked = this.checkUrls({ Url: target.url ?? null });
    if (checked) return checked;
    if (target.twiml) {
      try {
        parseTwiml(target.twiml);
      } catch (error) {
        return fail(400, 21205, `Invalid Twiml: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (target.url) record.url = target.url;
    if (target.twiml) record.twiml = target.twiml;
    record.dateUpdated = Date.now();
    runTwiml(this.host(), call, target.twiml ? { twiml: target.twiml } : { url: target.url!, method: target.method ?? 'POST' });
    return { ok: true, value: record };
  }

  addParticipant(conferenceSid: string, input: AddParticipantInput): EngineResult<ParticipantRecord> {
    const conference = this.voice.conferences.get(conferenceSid);
    if (!conference || conference.status !== 'in-progress') return fail(400, 20001, `Conference ${conferenceSid} is not in progress`);
    const checked = this.checkUrls({ StatusCallback: input.statusCallback, ConferenceStatusCallback: input.conferenceStatusCallback });
    if (checked) return checked;
    const target = this.target(input.to);
    if (!target) return fail(400, 21210, `The emulator calls Voice SDK clients (client:<identity>) and phone numbers (+E.164), not ${input.to.slice(0, 64)}`);
    if (input.conferenceStatusCallback && !conference.statusCallback) {
      conference.statusCallback = { url: input.conferenceStatusCallback, method: input.conferenceStatusCallbackMethod, events: new Set(input.conferenceStatusCallbackEvent.length > 0 ? input.conferenceStatusCallbackEvent : ['start', 'end']) };
    }
    const callRecord = this.store.createCall({ from: input.from, to: input.to, direction: 'outbound-api', status: 'queued' });
    if (input.statusCallback) this.callCallbacks.set(callRecord.sid, { url: input.statusCallback, method: input.statusCallbackMethod, events: new Set(input.statusCallbackEvent.length > 0 ? input.statusCallbackEvent : ['completed']), sequence: 0 });
    const participant = this.mirrorParticipant(conferenceSid, callRecord.sid, {
      label: input.label,
      muted: input.muted,
      startConferenceOnEnter: input.startConferenceOnEnter,
      endConferenceOnExit: input.endConferenceOnExit,
      status: 'queued',
    });
    setImmediate(() => {
      this.dialParticipant(conferenceSid, conference.friendlyName, target, callRecord.sid, input).catch((error: unknown) => {
        this.store.participants.get(conferenceSid)?.delete(callRecord.sid);
        console.error('emulator: adding a participant failed', error);
      });
    });
    return { ok: true, value: participant };
  }

  private async dialParticipant(conferenceSid: string, friendlyName: string, target: { kind: 'client'; identity: string } | { kind: 'number' }, callSid: string, input: AddParticipantInput): Promise<void> {
    const record = this.store.calls.get(callSid);
    if (!record || FINAL_CALL_STATUSES.has(record.status)) {
      this.store.participants.get(conferenceSid)?.delete(callSid);
      return;
    }
    await this.dial(target, { callSid, from: input.from, to: input.to, timeoutMs: input.timeoutSec * 1000 }).then((outcome) => {
      const call = this.voice.calls.get(outcome.callSid);
      if (outcome.outcome !== 'answered' || !call) {
        this.store.participants.get(conferenceSid)?.delete(callSid);
        return;
      }
      this.voice.runProgram(call, async (signal) => {
        const joined = this.voice.joinConference(friendlyName, call.sid, { muted: input.muted, startConferenceOnEnter: input.startConferenceOnEnter, endConferenceOnExit: input.endConferenceOnExit, label: input.label });
        if (!joined) return;
        await new Promise<void>((resolve) => {
          signal.addEventListener('abort', () => resolve(), { once: true });
          void joined.participant.left.then(() => resolve());
        });
      });
    });
  }

  updateParticipant(conferenceSid: string, callSid: string, change: ParticipantChange): EngineResult<ParticipantRecord> | undefined {
    const record = this.store.participants.get(conferenceSid)?.get(callSid);
    const conference = this.voice.conferences.get(conferenceSid);
    const live = conference?.participants.get(callSid);
    if (!record || !conference || !live) return undefined;
    const checked = this.checkUrls({ HoldUrl: change.holdUrl ?? null });
    if (checked) return checked;
    if (change.endConferenceOnExit !== undefined) {
      live.endConferenceOnExit = change.endConferenceOnExit;
      record.endConferenceOnExit = change.endConferenceOnExit;
    }
    if (change.muted !== undefined) this.voice.conferences.update(conference, callSid, { muted: change.muted });
    if (change.hold !== undefined) this.voice.conferences.update(conference, callSid, { hold: change.hold });
    if (change.hold && change.holdUrl) {
      // Twilio answers at once and fetches HoldUrl meanwhile; the default music plays until it arrives.
      void this.holdSource(change.holdUrl, change.holdMethod ?? 'GET').then(
        (source) => {
          if (live.hold) conference.mixer.setHeld(callSid, true, source);
        },
        (error: unknown) => {
          const call = this.voice.calls.get(callSid);
          if (call) this.voice.recordError(call, error);
        },
      );
    }
    record.dateUpdated = Date.now();
    return { ok: true, value: record };
  }

  removeParticipant(conferenceSid: string, callSid: string): boolean {
    const conference = this.voice.conferences.get(conferenceSid);
    if (conference?.participants.has(callSid)) return this.voice.kick(conference, callSid);
    const call = this.voice.calls.get(callSid);
    // A participant still ringing: the Participants API cancels its call.
    if (call && (call.status === 'queued' || call.status === 'ringing') && this.store.participants.get(conferenceSid)?.has(callSid)) {
      this.voice.hangup(callSid, 'canceled');
      this.store.participants.get(conferenceSid)?.delete(callSid);
      return true;
    }
    return false;
  }

  endConference(conferenceSid: string): boolean {
    const conference = this.voice.conferences.get(conferenceSid);
    if (!conference || conference.status !== 'in-progress') return false;
    this.voice.endConference(conference);
    return true;
  }

  reset(): void {
    this.callCallbacks.clear();
    for (const call of this.voice.calls.all()) this.voice.hangup(call.sid);
  }

  // ---------------------------------------------------------------- keeping records in step

  private onStatus(call: VoiceCall): void {
    const record = this.store.calls.get(call.sid);
    if (record) {
      const at = Date.now();
      record.dateUpdated = at;
      if (call.status === 'in-progress' && record.startTime === null) record.startTime = call.answeredAt ?? at;
      if (FINAL_CALL_STATUSES.has(call.status) && record.endTime === null) record.endTime = call.endedAt ?? at;
    }
    const callback = this.callCallbacks.get(call.sid);
    if (callback) this.callbacks.callStatus(call, callback);
  }

  private onConferenceEvent(event: ConferenceEvent): void {
    const { conference, participant } = event;
    if (event.type === 'participant-join' && participant) {
      const existing = this.store.participants.get(conference.sid)?.get(participant.callSid);
      if (!existing) {
        this.mirrorParticipant(conference.sid, participant.callSid, { label: participant.label, endConferenceOnExit: participant.endConferenceOnExit, startConferenceOnEnter: participant.startConferenceOnEnter });
      }
      const call = this.voice.calls.get(participant.callSid);
      if (call && !this.store.calls.has(call.sid)) this.mirrorCall(call);
    }
    if (event.type === 'participant-leave' && participant) this.store.participants.get(conference.sid)?.delete(participant.callSid);
    if (event.type === 'conference-end') this.store.endConference(conference.sid);
    this.callbacks.conferenceEvent(event);
  }

  /** The participant record of a call in a conference; muted, hold and status read the live state. */
  mirrorParticipant(conferenceSid: string, callSid: string, fields: Partial<Omit<ParticipantRecord, 'callSid' | 'conferenceSid'>>): ParticipantRecord {
    const record = this.store.addParticipant(conferenceSid, callSid, fields);
    const live = () => this.voice.conferences.get(conferenceSid)?.participants.get(callSid);
    for (const key of ['muted', 'hold'] as const) {
      let fallback = record[key];
      Object.defineProperty(record, key, {
        enumerable: true,
        configurable: true,
        get: () => live()?.[key] ?? fallback,
        set: (value: boolean) => {
          fallback = value;
          const conference = this.voice.conferences.get(conferenceSid);
          if (conference && live()) this.voice.conferences.update(conference, callSid, { [key]: value });
        },
      });
    }
    const initialStatus = record.status;
    Object.defineProperty(record, 'status', {
      enumerable: true,
      configurable: true,
      get: (): ParticipantRecord['status'] => {
        if (live()) return 'connected';
        const call = this.voice.calls.get(callSid);
        if (!call) return initialStatus;
        if (call.status === 'queued') return 'queued';
        if (call.status === 'ringing') return 'ringing';
        if (call.status === 'in-progress') return 'connecting';
        return call.status === 'completed' ? 'complete' : 'failed';
      },
      set: () => undefined,
    });
    return record;
  }

  private dial(target: { kind: 'client'; identity: string } | { kind: 'number' }, request: { callSid: string; from: string; to: string; timeoutMs: number }): Promise<DialOutcome> {
    const common = { ...request, direction: 'outbound-api' as const, onCreated: (call: VoiceCall) => this.mirrorCall(call) };
    return target.kind === 'client'
      ? this.voice.dialClient({ ...common, identity: target.identity, accountSid: this.host().accountSid })
      : this.voice.dialNumber(common);
  }

  private target(to: string): { kind: 'client'; identity: string } | { kind: 'number' } | undefined {
    if (to.startsWith(CLIENT_PREFIX) && to.length > CLIENT_PREFIX.length) return { kind: 'client', identity: to.slice(CLIENT_PREFIX.length) };
    if (/^\+[1-9]\d{1,14}$/.test(to)) return { kind: 'number' };
    return undefined;
  }

  /** The emulator fetches and posts only on loopback: a URL elsewhere is refused when it is given. */
  private checkUrls(urls: Record<string, string | null>): { ok: false; error: { status: number; code: number; message: string } } | undefined {
    for (const [name, url] of Object.entries(urls)) {
      if (!url) continue;
      try {
        loopbackUrl(url);
      } catch (error) {
        return fail(400, 21205, `Invalid ${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return undefined;
  }

  /** HoldUrl: a WAV, or TwiML whose first <Play> (or <Say>) becomes the participant's hold music. */
  private async holdSource(url: string, method: 'GET' | 'POST'): Promise<AudioSource> {
    const response = await loopbackFetch({ url, method, params: {}, maxBytes: 8 * 1024 * 1024, accept: ['audio/', 'text/xml', 'application/xml'] });
    if (response.contentType.startsWith('audio/')) return loopClip(response.body, url);
    const document = parseTwiml(response.body.toString('utf8'), response.url);
    for (const verb of document.verbs) {
      if (verb.verb === 'Play') {
        const audioUrl = loopbackUrl(verb.url, response.url).href;
        const audio = await loopbackFetch({ url: audioUrl, method: 'GET', params: {}, maxBytes: 8 * 1024 * 1024, accept: ['audio/'] });
        return loopClip(audio.body, audioUrl);
      }
      if (verb.verb === 'Say') return speechLikeTone(180, 7000);
    }
    return holdMusic();
  }
}

function loopClip(bytes: Buffer, url: string): AudioSource {
  const decoded = decodeWav(bytes);
  if (!decoded.ok) throw new Error(`HoldUrl ${url}: ${decoded.message}`);
  const samples = decoded.samples;
  if (samples.length === 0) return holdMusic();
  let offset = 0;
  return () => {
    const frame = new Int16Array(SAMPLES_PER_FRAME);
    for (let i = 0; i < frame.length; i++) {
      frame[i] = samples[offset]!;
      offset = (offset + 1) % samples.length;
    }
    return frame;
  };
}

function fail(status: number, code: number, message: string): { ok: false; error: { status: number; code: number; message: string } } {
  return { ok: false, error: { status, code, message } };
}
