import type { VoiceCall } from './call-registry';
import type { ConferenceEvent } from './conferences';
import { loopbackFetch } from './twiml/loopback-fetch';

/**
 * Status callbacks as Twilio posts them, to loopback URLs only: call
 * progress (`initiated`, `ringing`, `answered`, `completed`; by default only
 * `completed`) and conference events (`start`, `end`, `join`, `leave`, `mute`,
 * `hold`; by default `start` and `end`). Fire and forget: a failing callback
 * is recorded on the call (`twimlErrors`) and changes nothing else.
 */

export interface CallCallback {
  url: string;
  method: 'GET' | 'POST';
  events: Set<string>;
  sequence: number;
}

const CALL_EVENT_OF: Partial<Record<VoiceCall['status'], string>> = {
  queued: 'initiated',
  ringing: 'ringing',
  'in-progress': 'answered',
  completed: 'completed',
  busy: 'completed',
  'no-answer': 'completed',
  canceled: 'completed',
  failed: 'completed',
};

export class StatusCallbacks {
  private readonly conferenceSequence = new Map<string, number>();

  constructor(
    private readonly accountSid: string,
    private readonly authToken: string,
    private readonly onFailure: (callSid: string | undefined, error: unknown) => void,
  ) {}

  callStatus(call: VoiceCall, callback: CallCallback): void {
    const event = CALL_EVENT_OF[call.status];
    if (!event || !callback.events.has(event)) return;
    const duration = call.answeredAt && call.endedAt ? Math.round((call.endedAt - call.answeredAt) / 1000) : 0;
    this.post(call.sid, callback.url, callback.method, {
      CallSid: call.sid,
      AccountSid: this.accountSid,
      From: call.from,
      To: call.to,
      CallStatus: call.status,
      Direction: call.direction,
      ApiVersion: '2010-04-01',
      CallbackSource: 'call-progress-events',
      Timestamp: new Date().toUTCString(),
      SequenceNumber: String(callback.sequence++),
      ...(event === 'completed' ? { CallDuration: String(duration), Duration: String(Math.ceil(duration / 60)) } : {}),
      ...(call.parentCallSid ? { ParentCallSid: call.parentCallSid } : {}),
    });
  }

  conferenceEvent(event: ConferenceEvent): void {
    const callback = event.conference.statusCallback;
    if (!callback) return;
    const short = event.type.replace(/^(conference|participant)-/, '').replace(/^un/, '');
    if (!callback.events.has(short)) return;
    const sequence = this.conferenceSequence.get(event.conference.sid) ?? 0;
    this.conferenceSequence.set(event.conference.sid, sequence + 1);
    const p = event.participant;
    this.post(p?.callSid, callback.url, callback.method, {
      ConferenceSid: event.conference.sid,
      FriendlyName: event.conference.friendlyName,
      AccountSid: this.accountSid,
      StatusCallbackEvent: event.type,
      Timestamp: new Date().toUTCString(),
      SequenceNumber: String(sequence),
      ...(p
        ? {
            CallSid: p.callSid,
            Muted: String(p.muted),
            Hold: String(p.hold),
            Coaching: 'false',
            EndConferenceOnExit: String(p.endConferenceOnExit),
            StartConferenceOnEnter: String(p.startConferenceOnEnter),
            ...(p.label ? { ParticipantLabel: p.label } : {}),
          }
        : {}),
      ...(event.type === 'conference-end' ? { ReasonConferenceEnded: 'last-participant-left' } : {}),
    });
  }

  private post(callSid: string | undefined, url: string, method: 'GET' | 'POST', params: Record<string, string>): void {
    loopbackFetch({ url, method, params, maxBytes: 64 * 1024, accept: [''], authToken: this.authToken }).catch((error: unknown) => this.onFailure(callSid, error));
  }
}
