import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { AudioPlayer } from './audio-player';
import { Bridge } from './bridge';
import { CallQueues } from './call-queues';
import { CallRegistry, FINAL_CALL_STATUSES, newSid, type CallActivity, type CallStatus, type CallView, type MediaSlot, type VoiceCall } from './call-registry';
import { ConferenceRegistry, type JoinOptions, type ParticipantState, type VoiceConference } from './conferences';
import { startLoopbackStun, type LoopbackStun } from './loopback-stun';
import { SimulatedCaller } from './simulated-caller';
import { silence, speechLikeTone, type AudioSource } from './audio-frames';
import { SignalingServer, type DeviceCallHandler, type DeviceSession, type InvitePayload } from './signaling-server';
import { errorRecord } from './twiml/twiml-error';
import type { ApiKeySecretLookup } from './voice-token';
import { WebRtcLeg } from './web-rtc-leg';

export type DialOutcome =
  | { outcome: 'answered'; callSid: string }
  | { outcome: 'no-answer' | 'failed' | 'busy' | 'caller-hung-up'; callSid: string; reason: string };

interface DialCommon {
  from: string;
  /** Use this SID for the new call (so API 2010 records can be made first). */
  callSid?: string;
  /** `outbound-api` for REST and TaskRouter legs, `outbound-dial` for a <Dial> child. */
  direction?: 'outbound-api' | 'outbound-dial';
  parentCallSid?: string;
  timeoutMs?: number;
  /** Aborting cancels the ringing leg (the caller hung up, another party answered). */
  signal?: AbortSignal;
  /** Called once the call exists, before it rings (records, status callbacks). */
  onCreated?: (call: VoiceCall) => void;
}

export interface DialClientRequest extends DialCommon {
  /** The Device identity (a `client:` contact URI without the prefix). */
  identity: string;
  /** Shown to the SDK as `To`, e.g. `client:alice`. */
  to: string;
  /** Custom parameters the SDK exposes as `call.customParameters`. */
  params?: Record<string, string>;
  accountSid?: string;
}

export interface DialNumberRequest extends DialCommon {
  to: string;
}

interface PendingDial {
  call: VoiceCall;
  leg: WebRtcLeg;
  sessions: DeviceSession[];
  rejectedBy: Set<number>;
  settle: (outcome: DialOutcome) => void;
}

export interface VoiceEmulatorOptions {
  lookupSecret: ApiKeySecretLookup;
  heartbeatMs?: number;
  now?: () => number;
  /** Default DEVICE_GONE_GRACE_MS. */
  deviceGoneGraceMs?: number;
}

export type CallListener = (call: VoiceCall) => void;

/** Handles calls placed by Devices (PStream `invite`); the plugin installs one (outgoing-calls.ts). */
export type OutgoingCallHandler = (session: DeviceSession, invite: InvitePayload) => void;

/** How long the calls of a Device whose signaling closed live on (its media may still flow). */
export const DEVICE_GONE_GRACE_MS = 10_000;
/** A simulated phone number answers after this long. */
export const SIMULATED_CALLEE_ANSWER_MS = 1_000;
/** What a simulated callee says: lower and slower than a caller, so the two are told apart. */
export const calleeVoice = (): AudioSource => speechLikeTone(210, 8000);

/**
 * Twilio Voice, offline: signaling for the Voice SDK, calls with real WebRTC
 * media (werift) to agents' Devices, simulated callers and callees, queues,
 * two-party bridges and conferences that mix their audio. Every call runs at
 * most one program (TwiML, or a built-in one such as "wait in the queue");
 * TaskRouter's instructions, the REST API and the admin API drive it.
 */
export class VoiceEmulator implements DeviceCallHandler {
  readonly calls = new CallRegistry();
  readonly conferences = new ConferenceRegistry();
  readonly queues = new CallQueues();
  /** Gives a new conference its SID (the API 2010 record's), so both agree; set by the call network. */
  conferenceSidFor: ((friendlyName: string) => string) | undefined;
  private outgoing: OutgoingCallHandler | undefined;
  private readonly pending = new Map<string, PendingDial>();
  private readonly ringingNumbers = new Map<string, AbortController>();
  /** The SDK's temporary `TJS…` SIDs of outgoing calls → their CA SIDs. */
  private readonly outgoingAliases = new Map<string, string>();
  private readonly endedListeners = new Set<CallListener>();
  private readonly statusListeners = new Set<CallListener>();

  private constructor(
    readonly signaling: SignalingServer,
    private readonly stun: LoopbackStun,
    private readonly deviceGoneGraceMs: number,
  ) {
    signaling.setCallHandler(this);
  }

  static async start(options: VoiceEmulatorOptions): Promise<VoiceEmulator> {
    const stun = await startLoopbackStun();
    const signaling = new SignalingServer({ lookupSecret: options.lookupSecret, heartbeatMs: options.heartbeatMs, now: options.now });
    return new VoiceEmulator(signaling, stun, options.deviceGoneGraceMs ?? DEVICE_GONE_GRACE_MS);
  }

  get stunUrl(): string {
    return this.stun.url;
  }

  /** Hook for an HTTP server's `upgrade` event; returns false when the path is not the signaling path. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    return this.signaling.handleUpgrade(request, socket, head);
  }

  setOutgoingCallHandler(handler: OutgoingCallHandler): void {
    this.outgoing = handler;
  }

  onCallEnded(listener: CallListener): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  /** Every status change (ringing, in-progress, and the final one). */
  onCallStatus(listener: CallListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** A caller's call arriving at the contact center; the emulator plays the caller. */
  startCallerCall(fields: { from: string; to: string; sid?: string }): VoiceCall {
    const call = this.calls.create({ sid: fields.sid, direction: 'inbound', from: fields.from, to: fields.to, status: 'in-progress', endpoint: new SimulatedCaller() });
    call.answeredAt = Date.now();
    this.emitStatus(call);
    return call;
  }

  /** An answered call placed by a Device (outgoing-calls.ts owns the media and the invite). */
  registerDeviceCall(fields: { from: string; to: string; session: DeviceSession; endpoint: WebRtcLeg; tempSid: string }): VoiceCall {
    const call = this.calls.create({ direction: 'inbound', from: fields.from, to: fields.to, status: 'in-progress', endpoint: fields.endpoint });
    call.session = fields.session;
    call.answeredAt = Date.now();
    this.outgoingAliases.set(fields.tempSid, call.sid);
    this.emitStatus(call);
    return call;
  }

  /**
   * A worker leg answered at once by a simulated phone (silent), for
   * identities with no registered Device when the emulator is configured to
   * stand in for them.
   */
  answerSimulated(fields: { from: string; to: string; sid?: string }): VoiceCall {
    const call = this.calls.create({ sid: fields.sid, direction: 'outbound-api', from: fields.from, to: fields.to, status: 'in-progress', endpoint: new SimulatedCaller(silence) });
    call.answeredAt = Date.now();
    this.emitStatus(call);
    return call;
  }

  /** Rings every registered Device of the identity; resolves when one answers or the attempt ends. */
  async dialClient(request: DialClientRequest): Promise<DialOutcome> {
    const call = this.calls.create({ sid: request.callSid, direction: request.direction ?? 'outbound-api', from: request.from, to: request.to, status: 'queued', ...(request.parentCallSid ? { parentCallSid: request.parentCallSid } : {}) });
    request.onCreated?.(call);
    this.emitStatus(call);
    const sessions = this.signaling.reachableSessions(request.identity);
    if (sessions.length === 0) {
      this.finish(call, 'failed');
      return { outcome: 'failed', callSid: call.sid, reason: `No registered Device for client:${request.identity}` };
    }
    if (request.signal?.aborted) {
      this.finish(call, 'canceled');
      return { outcome: 'caller-hung-up', callSid: call.sid, reason: 'The caller hung up before the agent was dialed' };
    }
    const leg = new WebRtcLeg({ stunUrl: this.stun.url });
    call.endpoint = leg;
    let offer: string;
    try {
      offer = await leg.createOffer();
    } catch (error) {
      this.finish(call, 'failed');
      return { outcome: 'failed', callSid: call.sid, reason: `Media setup failed: ${String(error)}` };
    }
    return new Promise<DialOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.cancelRinging(call.sid, 'no-answer');
        settle({ outcome: 'no-answer', callSid: call.sid, reason: 'The agent did not answer in time' });
      }, request.timeoutMs ?? 30_000);
      const onAbort = () => {
        this.cancelRinging(call.sid, 'canceled');
        settle({ outcome: 'caller-hung-up', callSid: call.sid, reason: 'The caller hung up while the agent was ringing' });
      };
      const settle = (outcome: DialOutcome) => {
        clearTimeout(timer);
        request.signal?.removeEventListener('abort', onAbort);
        this.pending.delete(call.sid);
        resolve(outcome);
      };
      request.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(call.sid, { call, leg, sessions, rejectedBy: new Set(), settle });
      this.setStatus(call, 'ringing');
      const parameters = {
        CallSid: call.sid,
        AccountSid: request.accountSid ?? 'AC00000000000000000000000000000000',
        From: request.from,
        To: request.to,
        ApiVersion: '2010-04-01',
        Params: new URLSearchParams(request.params ?? {}).toString(),
      };
      for (const session of sessions) session.send('invite', { callsid: call.sid, sdp: offer, parameters });
    });
  }

  /**
   * Calls a phone number: a simulated callee that rings for
   * SIMULATED_CALLEE_ANSWER_MS, answers, talks (a low speech-like tone) and
   * measures what it hears. It never hangs up by itself.
   */
  async dialNumber(request: DialNumberRequest): Promise<DialOutcome> {
    const call = this.calls.create({ sid: request.callSid, direction: request.direction ?? 'outbound-api', from: request.from, to: request.to, status: 'queued', ...(request.parentCallSid ? { parentCallSid: request.parentCallSid } : {}) });
    request.onCreated?.(call);
    this.emitStatus(call);
    if (request.signal?.aborted) {
      this.finish(call, 'canceled');
      return { outcome: 'caller-hung-up', callSid: call.sid, reason: 'The call was canceled before it rang' };
    }
    const ringing = new AbortController();
    this.ringingNumbers.set(call.sid, ringing);
    this.setStatus(call, 'ringing');
    const outcome = await new Promise<'answered' | 'canceled' | 'no-answer'>((resolve) => {
      const answerMs = Math.min(SIMULATED_CALLEE_ANSWER_MS, request.timeoutMs ?? Number.POSITIVE_INFINITY);
      const timer = setTimeout(() => resolve(answerMs < SIMULATED_CALLEE_ANSWER_MS ? 'no-answer' : 'answered'), answerMs);
      const cancel = () => {
        clearTimeout(timer);
        resolve('canceled');
      };
      ringing.signal.addEventListener('abort', cancel, { once: true });
      request.signal?.addEventListener('abort', cancel, { once: true });
    });
    this.ringingNumbers.delete(call.sid);
    if (outcome !== 'answered' || FINAL_CALL_STATUSES.has(call.status)) {
      this.finish(call, outcome === 'no-answer' ? 'no-answer' : 'canceled');
      return { outcome: outcome === 'no-answer' ? 'no-answer' : 'caller-hung-up', callSid: call.sid, reason: outcome === 'no-answer' ? 'No answer' : 'The call was canceled while ringing' };
    }
    call.endpoint = new SimulatedCaller(calleeVoice());
    call.answeredAt = Date.now();
    this.setStatus(call, 'in-progress');
    return { outcome: 'answered', callSid: call.sid };
  }

  /** Ends a call from the network side (the caller hangs up, a participant is kicked...). */
  hangup(callSid: string, status: CallStatus = 'completed'): VoiceCall | undefined {
    const call = this.calls.get(callSid);
    if (!call || FINAL_CALL_STATUSES.has(call.status)) return call;
    if (this.pending.has(callSid)) {
      this.cancelRinging(callSid, 'canceled');
      this.pending.get(callSid)?.settle({ outcome: 'caller-hung-up', callSid, reason: 'The call was ended while ringing' });
      return call;
    }
    const ringing = this.ringingNumbers.get(callSid);
    if (ringing) {
      ringing.abort();
      this.finish(call, 'canceled');
      return call;
    }
    call.session?.send('hangup', { callsid: callSid });
    this.finish(call, status);
    return call;
  }

  /** `GET /emulator/calls/:sid`: the call, its media figures and its place in a conference. */
  viewCall(callSid: string): CallView | undefined {
    const call = this.calls.get(callSid);
    if (!call) return undefined;
    const conference = call.conferenceSid ? this.conferences.get(call.conferenceSid) : undefined;
    const participant = conference?.participants.get(callSid);
    return this.calls.view(call, participant ?? undefined);
  }

  // ---------------------------------------------------------------- media

  /** Gives the call's audio to `slot`, releasing whatever had it. */
  attachMedia(call: VoiceCall, slot: MediaSlot): void {
    const previous = call.media;
    call.media = slot;
    if (previous && previous !== slot) previous.release();
  }

  /**
   * Plays audio to a call for `frames` 20 ms frames (null: until released).
   * Answers 'finished', or 'released' when the call's audio went elsewhere,
   * the call ended or the signal aborted.
   */
  async play(call: VoiceCall, source: AudioSource, frames: number | null, activity: CallActivity, signal?: AbortSignal): Promise<'finished' | 'released'> {
    if (!call.endpoint || FINAL_CALL_STATUSES.has(call.status) || signal?.aborted) return 'released';
    const player = new AudioPlayer(call.endpoint, source, frames);
    this.attachMedia(call, player);
    call.activity = activity;
    const onAbort = () => player.release();
    signal?.addEventListener('abort', onAbort, { once: true });
    const how = await player.start().done;
    signal?.removeEventListener('abort', onAbort);
    if (call.media === player) {
      call.media = undefined;
      call.activity = { kind: 'idle', detail: null };
    }
    return how;
  }

  /** Connects two live calls directly (<Dial>, Dequeue). */
  bridge(a: VoiceCall, b: VoiceCall): Bridge {
    const bridge = new Bridge(a, b);
    this.attachMedia(a, bridge.slots.get(a.sid)!);
    this.attachMedia(b, bridge.slots.get(b.sid)!);
    a.activity = { kind: 'bridge', detail: b.sid };
    b.activity = { kind: 'bridge', detail: a.sid };
    bridge.start();
    return bridge;
  }

  /**
   * Moves a live call into the conference named `friendlyName` (created on
   * first entry). The participation ends when the call leaves, is kicked, or
   * the conference ends; a call with no program left to run is then hung up.
   */
  joinConference(friendlyName: string, callSid: string, options: JoinOptions = {}): { conference: VoiceConference; participant: ParticipantState } | undefined {
    const call = this.calls.get(callSid);
    if (!call?.endpoint || call.status !== 'in-progress') return undefined;
    const existing = this.conferences.get(friendlyName);
    const conferenceSid = options.conferenceSid ?? (existing ? undefined : this.conferenceSidFor?.(friendlyName));
    const seat: { joined?: { conference: VoiceConference; participant: ParticipantState } } = {};
    const slot: MediaSlot = { release: () => seat.joined && this.conferences.leave(seat.joined.conference, callSid, 'left') };
    this.attachMedia(call, slot);
    const joined = this.conferences.join(friendlyName, callSid, call.endpoint, { ...options, ...(conferenceSid ? { conferenceSid } : {}) });
    seat.joined = joined;
    call.conferenceSid = joined.conference.sid;
    call.activity = { kind: 'conference', detail: joined.conference.sid };
    const { conference } = joined;
    void joined.participant.left.then(() => {
      if (call.media === slot) call.media = undefined;
      if (call.conferenceSid === conference.sid) {
        call.conferenceSid = undefined;
        if (call.activity.kind === 'conference') call.activity = { kind: 'idle', detail: null };
      }
      if (!call.program && !FINAL_CALL_STATUSES.has(call.status)) this.hangup(call.sid);
    });
    return joined;
  }

  /** Removes a participant (the Participants API's DELETE): its program, if any, continues. */
  kick(conference: VoiceConference, callSid: string): boolean {
    if (!conference.participants.has(callSid)) return false;
    this.conferences.leave(conference, callSid, 'kicked');
    return true;
  }

  /** Ends a conference: every participant leaves, and their calls continue their TwiML (else hang up). */
  endConference(conference: VoiceConference): void {
    this.conferences.end(conference);
  }

  // ---------------------------------------------------------------- programs

  /**
   * Runs a program on a call, replacing the one it ran (as a redirect does).
   * When the program finishes the call hangs up, as at the end of a TwiML
   * document; a failure is recorded on the call (see `twimlErrors`) and hangs
   * it up too, as Twilio does after "an application error has occurred".
   */
  runProgram(call: VoiceCall, body: (signal: AbortSignal) => Promise<void>): void {
    if (FINAL_CALL_STATUSES.has(call.status)) return;
    call.program?.abort();
    const controller = new AbortController();
    call.program = controller;
    void (async () => {
      try {
        await body(controller.signal);
      } catch (error) {
        if (!controller.signal.aborted) this.recordError(call, error);
      } finally {
        if (call.program === controller) {
          call.program = undefined;
          if (!controller.signal.aborted) this.hangup(call.sid);
        }
      }
    })();
  }

  recordError(call: VoiceCall, error: unknown): void {
    call.twimlErrors.push(errorRecord(error));
    if (call.twimlErrors.length > 20) call.twimlErrors.shift();
  }

  setStatus(call: VoiceCall, status: CallStatus): void {
    if (call.status === status || FINAL_CALL_STATUSES.has(call.status)) return;
    call.status = status;
    if (status === 'ringing') call.activity = { kind: 'ringing', detail: null };
    else if (call.activity.kind === 'ringing') call.activity = { kind: 'idle', detail: null };
    this.emitStatus(call);
  }

  async close(): Promise<void> {
    for (const call of this.calls.all()) this.hangup(call.sid);
    await this.signaling.close();
    await this.stun.close();
  }

  // ---------------------------------------------------------------- DeviceCallHandler: what the agents' Devices say

  onAnswer(session: DeviceSession, callSid: string, sdp: string): void {
    const dial = this.pending.get(callSid);
    if (!dial || !dial.sessions.includes(session)) return;
    for (const other of dial.sessions) if (other !== session) other.send('cancel', { callsid: callSid });
    dial.call.session = session;
    dial.call.answeredAt = Date.now();
    this.setStatus(dial.call, 'in-progress');
    dial.leg.acceptAnswer(sdp).then(
      () => dial.settle({ outcome: 'answered', callSid }),
      (error: unknown) => {
        session.send('hangup', { callsid: callSid, error: { code: 31003, message: 'Media negotiation failed' } });
        this.finish(dial.call, 'failed');
        dial.settle({ outcome: 'failed', callSid, reason: `The agent's answer could not be applied: ${String(error)}` });
      },
    );
  }

  onHangup(session: DeviceSession, callSid: string): void {
    const sid = this.outgoingAliases.get(callSid) ?? callSid;
    if (this.pending.has(sid)) return this.onReject(session, sid);
    const call = this.calls.get(sid);
    if (!call || call.session !== session) return;
    this.finish(call, 'completed');
  }

  onReject(session: DeviceSession, callSid: string): void {
    const dial = this.pending.get(callSid);
    if (!dial || !dial.sessions.includes(session)) return;
    dial.rejectedBy.add(session.id);
    if (dial.rejectedBy.size < dial.sessions.length) return;
    this.finish(dial.call, 'busy');
    dial.settle({ outcome: 'busy', callSid, reason: 'The agent rejected the call' });
  }

  onDtmf(session: DeviceSession, callSid: string, digits: string): void {
    const call = this.calls.get(this.outgoingAliases.get(callSid) ?? callSid);
    if (!call || call.session !== session) return;
    call.endpoint?.meter.recordDtmf(digits);
    // Everyone else in the conference (or the bridged party) hears the tones too.
    const conference = call.conferenceSid ? this.conferences.get(call.conferenceSid) : undefined;
    const others = [...(conference?.participants.keys() ?? []), ...(call.activity.kind === 'bridge' && call.activity.detail ? [call.activity.detail] : [])];
    for (const otherSid of others) {
      if (otherSid !== call.sid) this.calls.get(otherSid)?.endpoint?.meter.recordDtmf(digits);
    }
  }

  onInvite(session: DeviceSession, invite: InvitePayload): void {
    if (!this.outgoing) {
      session.send('hangup', { callsid: invite.callsid, error: { code: 31005, message: 'Outgoing calls are not set up on this emulator' } });
      return;
    }
    this.outgoing(session, invite);
  }

  onSessionClosed(session: DeviceSession): void {
    // A Device that drops while ringing can no longer answer; if it was the last one, stop ringing.
    for (const dial of [...this.pending.values()]) {
      if (dial.sessions.includes(session)) this.onReject(session, dial.call.sid);
    }
    // Its answered or placed calls cannot be resumed here (no signaling reconnect): like Twilio once the
    // media stops, end them after a grace period instead of leaving ghost calls in conferences.
    const orphans = this.calls.all().filter((c) => c.session === session && !FINAL_CALL_STATUSES.has(c.status));
    if (orphans.length === 0) return;
    setTimeout(() => {
      for (const call of orphans) if (call.session === session) this.finish(call, 'completed');
    }, this.deviceGoneGraceMs).unref();
  }

  private cancelRinging(callSid: string, status: CallStatus): void {
    const dial = this.pending.get(callSid);
    if (!dial) return;
    for (const session of dial.sessions) session.send('cancel', { callsid: callSid });
    this.finish(dial.call, status);
  }

  private finish(call: VoiceCall, status: CallStatus): void {
    if (FINAL_CALL_STATUSES.has(call.status)) return;
    call.status = status;
    call.endedAt = Date.now();
    call.activity = { kind: 'idle', detail: null };
    const media = call.media;
    call.media = undefined;
    media?.release();
    call.program?.abort();
    call.program = undefined;
    void call.endpoint?.close();
    for (const [alias, sid] of this.outgoingAliases) if (sid === call.sid) this.outgoingAliases.delete(alias);
    this.emitStatus(call);
    for (const listener of this.endedListeners) listener(call);
  }

  private emitStatus(call: VoiceCall): void {
    for (const listener of this.statusListeners) {
      try {
        listener(call);
      } catch (error) {
        console.error('emulator: call status listener failed', error);
      }
    }
  }
}

export { newSid };
