import type { CallStore } from './calls';
import type { DialOutcome, DialRequest, VoiceBridge } from './types';

/**
 * The default voice bridge: the worker "answers" at once. It creates the API
 * 2010 records a real call would leave behind (the worker's call, and for the
 * conference instruction the conference named after the task with the
 * customer's and the worker's legs) so Calls and Participants routes have
 * something to show. VOICE replaces this with real signaling.
 */
export class SimulatedVoiceBridge implements VoiceBridge {
  constructor(private readonly calls: CallStore) {}

  async dialWorker(request: DialRequest): Promise<DialOutcome> {
    const workerCall = this.calls.createCall({ from: request.from ?? 'client:taskrouter', to: request.to, direction: 'outbound-api' });
    if (request.instruction !== 'conference') return { outcome: 'answered', callSid: workerCall.sid };
    const conference = this.calls.conferenceNamed(request.task.sid);
    const attributes = safeJson(request.task.attributes);
    const customerSid = typeof attributes['call_sid'] === 'string' && /^CA[0-9a-fA-F]{32}$/.test(attributes['call_sid']) ? attributes['call_sid'] : undefined;
    const customerCall =
      (customerSid && this.calls.calls.get(customerSid)) ||
      this.calls.createCall({
        ...(customerSid ? { sid: customerSid } : {}),
        from: typeof attributes['from'] === 'string' ? attributes['from'] : '+15555550100',
        to: typeof attributes['to'] === 'string' ? attributes['to'] : '+15555550199',
        direction: 'inbound',
      });
    if (!this.calls.participants.get(conference.sid)?.has(customerCall.sid)) {
      this.calls.addParticipant(conference.sid, customerCall.sid, { label: 'customer', endConferenceOnExit: request.params['EndConferenceOnCustomerExit'] === true });
    }
    this.calls.addParticipant(conference.sid, workerCall.sid, {
      label: 'worker',
      muted: request.params['Muted'] === true,
      startConferenceOnEnter: request.params['StartConferenceOnEnter'] !== false,
      endConferenceOnExit: request.params['EndConferenceOnExit'] === true,
    });
    return { outcome: 'answered', callSid: workerCall.sid, conferenceSid: conference.sid };
  }
}

function safeJson(s: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
