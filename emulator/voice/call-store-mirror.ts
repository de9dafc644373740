import type { CallRecord, CallStore, ParticipantRecord } from '../domain/calls';
import { FINAL_CALL_STATUSES, type VoiceCall } from './call-registry';
import type { VoiceEmulator } from './voice-emulator';

/**
 * Keeps the engine's API 2010 records (emulator/domain/calls.ts) and the real
 * calls in step, in both directions, without the REST layer knowing about
 * media: the REST routes and the engine mutate records in place (`status`,
 * `muted`, `hold`), so the records of real calls get accessors that read the
 * live call and turn writes into actions on the media — hang up, mute, hold.
 */
export class CallStoreMirror {
  constructor(
    private readonly store: CallStore,
    private readonly voice: VoiceEmulator,
  ) {
    // A call that ended on the voice side (a Device hung up, a conference ended) ends its record too.
    voice.onCallEnded((call) => {
      if (this.store.calls.has(call.sid)) this.store.endCall(call.sid);
    });
  }

  /** Creates (or adopts) the API 2010 record of a real call. */
  mirrorCall(call: VoiceCall): CallRecord {
    const record =
      this.store.calls.get(call.sid) ??
      this.store.createCall({ sid: call.sid, from: call.from, to: call.to, direction: call.direction, status: call.status });
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

  /** Adds the participant record of a real call in a real conference; writes to muted/hold act on the mix. */
  mirrorParticipant(conferenceSid: string, callSid: string, fields: Partial<Omit<ParticipantRecord, 'callSid' | 'conferenceSid'>>): ParticipantRecord {
    const record = this.store.addParticipant(conferenceSid, callSid, fields);
    const live = () => {
      const conference = this.voice.conferences.get(conferenceSid);
      return conference ? { conference, state: conference.participants.get(callSid) } : undefined;
    };
    for (const key of ['muted', 'hold'] as const) {
      let fallback = record[key];
      Object.defineProperty(record, key, {
        enumerable: true,
        configurable: true,
        get: () => live()?.state?.[key] ?? fallback,
        set: (value: boolean) => {
          fallback = value;
          const found = live();
          if (found?.state) this.voice.conferences.update(found.conference, callSid, { [key]: value });
        },
      });
    }
    return record;
  }
}
