import { ConferenceMixer } from './conference-mixer';
import type { AudioSource } from './audio-frames';
import { newSid } from './call-registry';
import type { MediaEndpoint } from './media-endpoint';

/** Why a participant left: it hung up or was moved (`left`), was kicked, or the conference ended. */
export type LeaveReason = 'left' | 'kicked' | 'conference-ended';

export interface ParticipantState {
  readonly callSid: string;
  muted: boolean;
  hold: boolean;
  endConferenceOnExit: boolean;
  startConferenceOnEnter: boolean;
  label: string | null;
  /** Resolves once the participant is out of the conference. */
  readonly left: Promise<LeaveReason>;
  readonly resolveLeft: (reason: LeaveReason) => void;
}

export interface VoiceConference {
  readonly sid: string;
  readonly friendlyName: string;
  status: 'in-progress' | 'completed';
  readonly participants: Map<string, ParticipantState>;
  readonly mixer: ConferenceMixer;
  /** Set by the first participant that names one (as on Twilio). */
  statusCallback: { url: string; method: 'GET' | 'POST'; events: Set<string> } | undefined;
}

/** A conference event, named as Twilio's conference status callback names them. */
export interface ConferenceEvent {
  type: 'conference-start' | 'conference-end' | 'participant-join' | 'participant-leave' | 'participant-mute' | 'participant-unmute' | 'participant-hold' | 'participant-unhold';
  conference: VoiceConference;
  participant: ParticipantState | undefined;
}

export interface JoinOptions {
  endConferenceOnExit?: boolean;
  startConferenceOnEnter?: boolean;
  muted?: boolean;
  label?: string | null;
  /** Use this SID when the conference is created (so the API 2010 record and the live conference agree). */
  conferenceSid?: string;
}

/** Conferences by SID and by friendly name (TaskRouter names them after the task). */
export class ConferenceRegistry {
  private readonly bySid = new Map<string, VoiceConference>();
  private readonly listeners = new Set<(event: ConferenceEvent) => void>();

  get(sidOrName: string): VoiceConference | undefined {
    return this.bySid.get(sidOrName) ?? [...this.bySid.values()].find((c) => c.friendlyName === sidOrName && c.status === 'in-progress');
  }

  all(): VoiceConference[] {
    return [...this.bySid.values()];
  }

  onEvent(listener: (event: ConferenceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Adds a call to the named conference, creating the conference on first entry. */
  join(friendlyName: string, callSid: string, endpoint: MediaEndpoint, options: JoinOptions = {}): { conference: VoiceConference; participant: ParticipantState } {
    let conference = this.get(friendlyName);
    const created = !conference;
    if (!conference) {
      conference = { sid: options.conferenceSid ?? newSid('CF'), friendlyName, status: 'in-progress', participants: new Map(), mixer: new ConferenceMixer(), statusCallback: undefined };
      this.bySid.set(conference.sid, conference);
    }
    let resolveLeft!: (reason: LeaveReason) => void;
    const left = new Promise<LeaveReason>((resolve) => (resolveLeft = resolve));
    const participant: ParticipantState = {
      callSid,
      muted: options.muted ?? false,
      hold: false,
      endConferenceOnExit: options.endConferenceOnExit ?? false,
      startConferenceOnEnter: options.startConferenceOnEnter ?? true,
      label: options.label ?? null,
      left,
      resolveLeft,
    };
    conference.participants.set(callSid, participant);
    conference.mixer.add(callSid, endpoint);
    conference.mixer.setMuted(callSid, participant.muted);
    if (created) this.emit({ type: 'conference-start', conference, participant: undefined });
    this.emit({ type: 'participant-join', conference, participant });
    return { conference, participant };
  }

  update(conference: VoiceConference, callSid: string, change: { muted?: boolean; hold?: boolean; holdSource?: AudioSource }): ParticipantState | undefined {
    const participant = conference.participants.get(callSid);
    if (!participant) return undefined;
    if (change.muted !== undefined && change.muted !== participant.muted) {
      participant.muted = change.muted;
      conference.mixer.setMuted(callSid, change.muted);
      this.emit({ type: change.muted ? 'participant-mute' : 'participant-unmute', conference, participant });
    }
    if (change.hold !== undefined && change.hold !== participant.hold) {
      participant.hold = change.hold;
      conference.mixer.setHeld(callSid, change.hold, change.holdSource);
      this.emit({ type: change.hold ? 'participant-hold' : 'participant-unhold', conference, participant });
    }
    return participant;
  }

  /**
   * Takes a call out of its conference. When the one leaving had
   * endConferenceOnExit, or nobody is left, the conference ends and every
   * other participant leaves with 'conference-ended'. Answers the SIDs that
   * were still in it.
   */
  leave(conference: VoiceConference, callSid: string, reason: LeaveReason = 'left'): { endedConference: boolean; others: string[] } {
    const participant = conference.participants.get(callSid);
    if (!participant) return { endedConference: false, others: [] };
    conference.participants.delete(callSid);
    conference.mixer.remove(callSid);
    this.emit({ type: 'participant-leave', conference, participant });
    participant.resolveLeft(reason);
    if (participant.endConferenceOnExit || conference.participants.size === 0) {
      return { endedConference: true, others: this.end(conference) };
    }
    return { endedConference: false, others: [] };
  }

  /** Ends a conference; every participant still in it leaves with 'conference-ended'. Answers their SIDs. */
  end(conference: VoiceConference): string[] {
    if (conference.status === 'completed') return [];
    const remaining = [...conference.participants.values()];
    conference.status = 'completed';
    conference.participants.clear();
    conference.mixer.stop();
    for (const participant of remaining) {
      this.emit({ type: 'participant-leave', conference, participant });
      participant.resolveLeft('conference-ended');
    }
    this.emit({ type: 'conference-end', conference, participant: undefined });
    return remaining.map((p) => p.callSid);
  }

  private emit(event: ConferenceEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('emulator: conference listener failed', error);
      }
    }
  }
}
