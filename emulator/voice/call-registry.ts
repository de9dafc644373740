import { randomBytes } from 'node:crypto';
import type { MediaFigures } from './media-figures';
import type { MediaEndpoint } from './media-endpoint';
import type { DeviceSession } from './signaling-server';

export type CallStatus = 'queued' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'no-answer' | 'canceled' | 'failed';

/** Statuses after which a call never changes again. */
export const FINAL_CALL_STATUSES: ReadonlySet<CallStatus> = new Set(['completed', 'busy', 'no-answer', 'canceled', 'failed']);

/** One call leg known to the voice emulator: a caller's PSTN call or a worker's Device leg. */
export interface VoiceCall {
  readonly sid: string;
  readonly direction: 'inbound' | 'outbound-api';
  readonly from: string;
  readonly to: string;
  status: CallStatus;
  conferenceSid: string | undefined;
  endpoint: MediaEndpoint | undefined;
  /** The Device that answered a worker leg. */
  session: DeviceSession | undefined;
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
  conferenceSid: string | null;
  /** The call's participant state in its conference (false outside one). */
  hold: boolean;
  muted: boolean;
  media: MediaFigures;
}

export function newSid(prefix: 'CA' | 'CF'): string {
  return prefix + randomBytes(16).toString('hex');
}

const NO_MEDIA: MediaFigures = { packetsReceived: 0, packetsSent: 0, audioLevel: 0, dtmfReceived: '' };

export class CallRegistry {
  private readonly calls = new Map<string, VoiceCall>();

  create(fields: { sid?: string | undefined; direction: VoiceCall['direction']; from: string; to: string; status: CallStatus; endpoint?: MediaEndpoint }): VoiceCall {
    const call: VoiceCall = {
      sid: fields.sid ?? newSid('CA'),
      direction: fields.direction,
      from: fields.from,
      to: fields.to,
      status: fields.status,
      conferenceSid: undefined,
      endpoint: fields.endpoint,
      session: undefined,
      createdAt: Date.now(),
      answeredAt: undefined,
      endedAt: undefined,
    };
    this.calls.set(call.sid, call);
    return call;
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
      conferenceSid: call.conferenceSid ?? null,
      hold: participant.hold,
      muted: participant.muted,
      media: call.endpoint?.meter.figures() ?? NO_MEDIA,
    };
  }
}
