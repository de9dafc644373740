import { randomBytes } from 'node:crypto';
import type { MediaFigures } from './media-figures';
import type { MediaEndpoint } from './media-endpoint';
import type { DeviceSession } from './signaling-server';
import type { TwimlErrorRecord } from './twiml/twiml-error';

export type CallStatus = 'queued' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'no-answer' | 'canceled' | 'failed';

/** Statuses after which a call never changes again. */
export const FINAL_CALL_STATUSES: ReadonlySet<CallStatus> = new Set(['completed', 'busy', 'no-answer', 'canceled', 'failed']);

export type CallDirection = 'inbound' | 'outbound-api' | 'outbound-dial';

/** What a call is doing right now, as `GET /emulator/calls/CA…` reports it. */
export interface CallActivity {
  kind: 'idle' | 'ringing' | 'say' | 'play' | 'pause' | 'queue' | 'dial' | 'conference' | 'bridge';
  /** The queue name, the conference SID, the bridged call SID, the played URL or the dialed party. */
  detail: string | null;
}

/**
 * Whatever a call's audio is attached to (a player, a conference seat, a
 * two-party bridge). A call has at most one: attaching another releases it.
 */
export interface MediaSlot {
  release(): void;
}

/** One call leg known to the voice emulator: a caller's PSTN call, a worker's Device leg, a dialed party. */
export interface VoiceCall {
  readonly sid: string;
  readonly direction: CallDirection;
  readonly from: string;
  readonly to: string;
  readonly parentCallSid: string | undefined;
  status: CallStatus;
  conferenceSid: string | undefined;
  endpoint: MediaEndpoint | undefined;
  /** The Device that answered (or placed) a client leg. */
  session: DeviceSession | undefined;
  /** The program (TwiML or a built-in one) running on the call; aborted when replaced or when the call ends. */
  program: AbortController | undefined;
  media: MediaSlot | undefined;
  activity: CallActivity;
  /** The TwiML URL the call runs now, if any. */
  url: string | undefined;
  readonly twimlErrors: TwimlErrorRecord[];
  readonly createdAt: number;
  answeredAt: number | undefined;
  endedAt: number | undefined;
}

/** `GET /emulator/calls/:sid` body. */
export interface CallView {
  sid: string;
  status: CallStatus;
  direction: VoiceCall['direction'];
  from: string;
  to: string;
  parentCallSid: string | null;
  conferenceSid: string | null;
  /** What the call does now: in a queue, in a conference, bridged, playing... */
  activity: CallActivity;
  url: string | null;
  /** TwiML failures on this call (fetch, parse, limits), oldest first. */
  twimlErrors: TwimlErrorRecord[];
  /** The call's participant state in its conference (false outside one). */
  hold: boolean;
  muted: boolean;
  media: MediaFigures;
}

export function newSid(prefix: 'CA' | 'CF'): string {
  return prefix + randomBytes(16).toString('hex');
}

const NO_MEDIA: MediaFigures = { packetsReceived: 0, packetsSent: 0, audioLevel: 0, dtmfReceived: '' };

/** Ended calls kept for `GET /emulator/calls/CA…` before the oldest are forgotten. */
const MAX_ENDED_CALLS = 2000;

export class CallRegistry {
  private readonly calls = new Map<string, VoiceCall>();

  create(fields: { sid?: string | undefined; direction: VoiceCall['direction']; from: string; to: string; status: CallStatus; endpoint?: MediaEndpoint; parentCallSid?: string }): VoiceCall {
    const call: VoiceCall = {
      sid: fields.sid ?? newSid('CA'),
      direction: fields.direction,
      from: fields.from,
      to: fields.to,
      parentCallSid: fields.parentCallSid,
      status: fields.status,
      conferenceSid: undefined,
      endpoint: fields.endpoint,
      session: undefined,
      program: undefined,
      media: undefined,
      activity: { kind: fields.status === 'ringing' ? 'ringing' : 'idle', detail: null },
      url: undefined,
      twimlErrors: [],
      createdAt: Date.now(),
      answeredAt: undefined,
      endedAt: undefined,
    };
    this.calls.set(call.sid, call);
    this.forgetOldEndedCalls();
    return call;
  }

  private forgetOldEndedCalls(): void {
    if (this.calls.size <= MAX_ENDED_CALLS) return;
    for (const [sid, call] of this.calls) {
      if (this.calls.size <= MAX_ENDED_CALLS) break;
      if (FINAL_CALL_STATUSES.has(call.status)) this.calls.delete(sid);
    }
  }

  get(sid: string): VoiceCall | undefined {
    return this.calls.get(sid);
  }

  all(): VoiceCall[] {
    return [...this.calls.values()];
  }

  view(call: VoiceCall, participant: { hold: boolean; muted: boolean } = { hold: false, muted: false }): CallView {
    return {
      sid: call.sid,
      status: call.status,
      direction: call.direction,
      from: call.from,
      to: call.to,
      parentCallSid: call.parentCallSid ?? null,
      conferenceSid: call.conferenceSid ?? null,
      activity: { ...call.activity },
      url: call.url ?? null,
      twimlErrors: [...call.twimlErrors],
      hold: participant.hold,
      muted: participant.muted,
      media: call.endpoint?.meter.figures() ?? NO_MEDIA,
    };
  }
}
