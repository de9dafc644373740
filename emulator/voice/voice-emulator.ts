import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { CallRegistry, FINAL_CALL_STATUSES, newSid, type CallStatus, type CallView, type VoiceCall } from './call-registry';
import { ConferenceRegistry, type VoiceConference } from './conferences';
import { startLoopbackStun, type LoopbackStun } from './loopback-stun';
import { SimulatedCaller } from './simulated-caller';
import { silence } from './audio-frames';
import { SignalingServer, type DeviceCallHandler, type DeviceSession } from './signaling-server';
import type { ApiKeySecretLookup } from './voice-token';
import { WebRtcLeg } from './web-rtc-leg';

export type DialOutcome =
  | { outcome: 'answered'; callSid: string }
  | { outcome: 'no-answer' | 'failed' | 'busy' | 'caller-hung-up'; callSid: string; reason: string };

export interface DialClientRequest {
  /** The Device identity (a `client:` contact URI without the prefix). */
  identity: string;
  from: string;
  /** Shown to the SDK as `To`, e.g. `client:alice`. */
  to: string;
  /** Use this SID for the worker's call (so API 2010 records can be made first). */
  callSid?: string;
  /** Custom parameters the SDK exposes as `call.customParameters`. */
  params?: Record<string, string>;
  timeoutMs?: number;
  /** Aborting cancels the ringing leg (the caller hung up). */
  signal?: AbortSignal;
  accountSid?: string;
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
}

export type CallEndedListener = (call: VoiceCall) => void;

/**
 * Twilio Voice, offline: signaling for the Voice SDK, calls with real WebRTC
 * media (werift) to agents' Devices, simulated callers, and conferences that
 * mix their audio. TaskRouter's instructions and the admin API drive it.
 */
export class VoiceEmulator implements DeviceCallHandler {
  readonly calls = new CallRegistry();
  readonly conferences = new ConferenceRegistry();
  private readonly pending = new Map<string, PendingDial>();
  private readonly endedListeners = new Set<CallEndedListener>();

  private constructor(
    readonly signaling: SignalingServer,
    private readonly stun: LoopbackStun,
  ) {
    signaling.setCallHandler(this);
  }

  static async start(options: VoiceEmulatorOptions): Promise<VoiceEmulator> {
    const stun = await startLoopbackStun();
    const signaling = new SignalingServer({ lookupSecret: options.lookupSecret, heartbeatMs: options.heartbeatMs, now: options.now });
    return new VoiceEmulator(signaling, stun);
  }

  /** Hook for an HTTP server's `upgrade` event; returns false when the path is not the signaling path. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    return this.signaling.handleUpgrade(request, socket, head);
  }

  onCallEnded(listener: CallEndedListener): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  /** A caller's call arriving at the contact center; the emulator plays the caller. */
  startCallerCall(fields: { from: string; to: string; sid?: string }): VoiceCall {
    const call = this.calls.create({ sid: fields.sid, direction: 'inbound', from: fields.from, to: fields.to, status: 'in-progress', endpoint: new SimulatedCaller() });
    call.answeredAt = Date.now();
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
    return call;
  }

  /** Rings every registered Device of the identity; resolves when one answers or the attempt ends. */
  async dialClient(request: DialClientRequest): Promise<DialOutcome> {
    const call = this.calls.create({ sid: request.callSid, direction: 'outbound-api', from: request.from, to: request.to, status: 'queued' });
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
      call.status = 'ringing';
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

  /** Ends a call from the network side (the caller hangs up, a participant is kicked...). */
  hangup(callSid: string, status: CallStatus = 'completed'): VoiceCall | undefined {
    const call = this.calls.get(callSid);
    if (!call || FINAL_CALL_STATUSES.has(call.status)) return call;
    if (this.pending.has(callSid)) {
      this.cancelRinging(callSid, 'canceled');
      this.pending.get(callSid)?.settle({ outcome: 'caller-hung-up', callSid, reason: 'The call was ended while ringing' });
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

  /** Moves a call into the conference named `friendlyName` (created on first entry). */
  joinConference(friendlyName: string, callSid: string, options: { endConferenceOnExit?: boolean; muted?: boolean; conferenceSid?: string } = {}): VoiceConference | undefined {
    const call = this.calls.get(callSid);
    if (!call?.endpoint || call.status !== 'in-progress') return undefined;
    this.leaveConference(call);
    const conference = this.conferences.join(friendlyName, callSid, call.endpoint, options);
    if (options.muted) this.conferences.update(conference, callSid, { muted: true });
    call.conferenceSid = conference.sid;
    return conference;
  }

  /** Ends a conference: every call still in it is hung up. */
  endConference(conference: VoiceConference): void {
    for (const sid of this.conferences.end(conference)) this.hangup(sid);
  }

  async close(): Promise<void> {
    for (const call of this.calls.all()) this.hangup(call.sid);
    await this.signaling.close();
    await this.stun.close();
  }

  // DeviceCallHandler: what the agents' Devices say.

  onAnswer(session: DeviceSession, callSid: string, sdp: string): void {
    const dial = this.pending.get(callSid);
    if (!dial || !dial.sessions.includes(session)) return;
    for (const other of dial.sessions) if (other !== session) other.send('cancel', { callsid: callSid });
    dial.call.session = session;
    dial.call.status = 'in-progress';
    dial.call.answeredAt = Date.now();
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
    if (this.pending.has(callSid)) return this.onReject(session, callSid);
    const call = this.calls.get(callSid);
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
    const call = this.calls.get(callSid);
    if (!call || call.session !== session) return;
    call.endpoint?.meter.recordDtmf(digits);
    // Everyone else in the conference hears the tones too.
    const conference = call.conferenceSid ? this.conferences.get(call.conferenceSid) : undefined;
    for (const otherSid of conference?.participants.keys() ?? []) {
      if (otherSid !== callSid) this.calls.get(otherSid)?.endpoint?.meter.recordDtmf(digits);
    }
  }

  onSessionClosed(session: DeviceSession): void {
    // A Device that drops while ringing can no longer answer; if it was the last one, stop ringing.
    for (const dial of [...this.pending.values()]) {
      if (dial.sessions.includes(session)) this.onReject(session, dial.call.sid);
    }
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
    this.leaveConference(call);
    void call.endpoint?.close();
    for (const listener of this.endedListeners) listener(call);
  }

  private leaveConference(call: VoiceCall): void {
    const conference = call.conferenceSid ? this.conferences.get(call.conferenceSid) : undefined;
    if (!conference) return;
    const { othersToHangUp } = this.conferences.leave(conference, call.sid);
    for (const sid of othersToHangUp) this.hangup(sid);
  }
}

export { newSid };
