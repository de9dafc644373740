import twilioFactory from 'twilio';
import type twilio from 'twilio';
import type { ConferenceParticipant } from '../../shared/contract';
import { HostRequestClient } from '../twilio/request-client';
import type { RestCredentials } from '../twilio/rest-api';

/**
 * Conference control through the Participants API (API 2010): TaskRouter
 * names the conference after the task, the caller's leg is the task's
 * `call_sid`, and the agent's leg is the other participant.
 */
export class ConferenceControl {
  constructor(
    private readonly client: twilio.Twilio,
    /** Closes the client's kept-alive connections (its session ended). */
    readonly close: () => void = () => undefined,
  ) {}

  /** The in-progress conference of a task, or null when the call is not (or no longer) conferenced. */
  async conferenceOf(taskSid: string): Promise<string | null> {
    const list = await this.client.conferences.list({ friendlyName: taskSid, status: 'in-progress', limit: 5 });
    return list[0]?.sid ?? null;
  }

  async participantSids(conferenceSid: string): Promise<string[]> {
    const list = await this.client.conferences(conferenceSid).participants.list({ limit: 50 });
    return list.map((p) => p.callSid);
  }

  async update(conferenceSid: string, callSid: string, change: { hold?: boolean; muted?: boolean }): Promise<ConferenceParticipant> {
    const p = await this.client.conferences(conferenceSid).participants(callSid).update(change);
    return { conferenceSid, callSid: p.callSid, hold: p.hold, muted: p.muted };
  }

  async remove(conferenceSid: string, callSid: string): Promise<void> {
    await this.client.conferences(conferenceSid).participants(callSid).remove();
  }

  async end(conferenceSid: string): Promise<void> {
    await this.client.conferences(conferenceSid).update({ status: 'completed' });
  }
}

/** A ConferenceControl over the official client, pointed at an emulator when `baseUrl` is set. */
export function createConferenceControl(rest: RestCredentials, now: () => number): ConferenceControl {
  const httpClient = new HostRequestClient({ ...(rest.baseUrl ? { baseUrl: rest.baseUrl } : {}), now });
  const client = rest.apiKeySid
    ? twilioFactory(rest.apiKeySid, rest.secret, { accountSid: rest.accountSid, httpClient })
    : twilioFactory(rest.accountSid, rest.secret, { httpClient });
  return new ConferenceControl(client, () => httpClient.close());
}
