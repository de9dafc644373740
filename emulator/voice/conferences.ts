import { ConferenceMixer } from './conference-mixer';
import { newSid } from './call-registry';
import type { MediaEndpoint } from './media-endpoint';

export interface ParticipantState {
  readonly callSid: string;
  muted: boolean;
  hold: boolean;
  endConferenceOnExit: boolean;
}

export interface VoiceConference {
  readonly sid: string;
  readonly friendlyName: string;
  status: 'in-progress' | 'completed';
  readonly participants: Map<string, ParticipantState>;
  readonly mixer: ConferenceMixer;
}

export interface ParticipantView {
  callSid: string;
  conferenceSid: string;
  muted: boolean;
  hold: boolean;
  endConferenceOnExit: boolean;
}

/** Conferences by SID and by friendly name (TaskRouter names them after the task). */
export class ConferenceRegistry {
  private readonly bySid = new Map<string, VoiceConference>();

  get(sidOrName: string): VoiceConference | undefined {
    return this.bySid.get(sidOrName) ?? [...this.bySid.values()].find((c) => c.friendlyName === sidOrName && c.status === 'in-progress');
  }

  all(): VoiceConference[] {
    return [...this.bySid.values()];
  }

  /** Adds a call to the named conference, creating the conference on first entry. */
  join(friendlyName: string, callSid: string, endpoint: MediaEndpoint, options: { endConferenceOnExit?: boolean; conferenceSid?: string } = {}): VoiceConference {
    let conference = this.get(friendlyName);
    if (!conference) {
      conference = { sid: options.conferenceSid ?? newSid('CF'), friendlyName, status: 'in-progress', participants: new Map(), mixer: new ConferenceMixer() };
      this.bySid.set(conference.sid, conference);
    }
    conference.participants.set(callSid, { callSid, muted: false, hold: false, endConferenceOnExit: options.endConferenceOnExit ?? false });
    conference.mixer.add(callSid, endpoint);
    return conference;
  }

  update(conference: VoiceConference, callSid: string, change: { muted?: boolean; hold?: boolean }): ParticipantState | undefined {
    const participant = conference.participants.get(callSid);
    if (!participant) return undefined;
    if (change.muted !== undefined) {
      participant.muted = change.muted;
      conference.mixer.setMuted(callSid, change.muted);
    }
    if (change.hold !== undefined) {
      participant.hold = change.hold;
      conference.mixer.setHeld(callSid, change.hold);
    }
    return participant;
  }

  /**
   * Takes a call out of its conference. Returns the SIDs of the other
   * participants to hang up when the one leaving had endConferenceOnExit, or
   * when nobody is left.
   */
  leave(conference: VoiceConference, callSid: string): { endedConference: boolean; othersToHangUp: string[] } {
    const participant = conference.participants.get(callSid);
    if (!participant) return { endedConference: false, othersToHangUp: [] };
    conference.participants.delete(callSid);
    conference.mixer.remove(callSid);
    if (participant.endConferenceOnExit || conference.participants.size === 0) {
      return { endedConference: true, othersToHangUp: this.end(conference) };
    }
    return { endedConference: false, othersToHangUp: [] };
  }

  /** Ends a conference; returns the calls still in it, which the caller must hang up. */
  end(conference: VoiceConference): string[] {
    const remaining = [...conference.participants.keys()];
    conference.participants.clear();
    conference.mixer.stop();
    conference.status = 'completed';
    return remaining;
  }

  view(conference: VoiceConference, participant: ParticipantState): ParticipantView {
    return { callSid: participant.callSid, conferenceSid: conference.sid, muted: participant.muted, hold: participant.hold, endConferenceOnExit: participant.endConferenceOnExit };
  }
}
