import type { Engine } from '../domain/engine';
import type { DialOutcome, DialRequest, TaskRecord, VoiceBridge } from '../domain/types';
import type { CallStoreMirror } from './call-store-mirror';
import type { VoiceCall } from './call-registry';
import type { VoiceEmulator } from './voice-emulator';

const CLIENT_PREFIX = 'client:';

/**
 * TaskRouter's voice instructions on real calls. Conference: ring the
 * worker's Device, and once it answered put the caller and the worker in the
 * conference named after the task. Dequeue: the same, bridging the caller and
 * the worker directly (modelled as a two-party mix under the task's name).
 * Call: ring the worker only. A caller who hangs up while the worker rings
 * cancels the ringing leg; the engine then cancels the task.
 */
export class TaskRouterVoiceBridge implements VoiceBridge {
  /** Caller call SID → the dial ringing a worker for it. */
  private readonly ringingFor = new Map<string, AbortController>();

  constructor(
    private readonly engine: Engine,
    private readonly voice: VoiceEmulator,
    private readonly mirror: CallStoreMirror,
    /**
     * What happens when the worker's identity has no registered Device:
     * 'fail' as Twilio would, or 'simulate' a phone that answers at once (so
     * apps and tests without a voice leg can still accept voice tasks).
     */
    private readonly unregisteredClients: 'fail' | 'simulate' = 'simulate',
  ) {
    voice.onCallEnded((call) => this.ringingFor.get(call.sid)?.abort());
  }

  async dialWorker(request: DialRequest): Promise<DialOutcome> {
    if (!request.to.startsWith(CLIENT_PREFIX)) {
      return { outcome: 'failed', reason: `The emulator can only ring Voice SDK clients (client:<identity>), not ${request.to}` };
    }
    const identity = request.to.slice(CLIENT_PREFIX.length);
    const caller = this.callerOf(request.task);
    if (caller && caller.status !== 'in-progress') {
      return { outcome: 'caller-hung-up', reason: 'The caller hung up before the worker was rung' };
    }
    if (this.unregisteredClients === 'simulate' && !this.voice.signaling.isRegistered(identity)) {
      const answered = this.voice.answerSimulated({ from: request.from ?? caller?.from ?? 'client:taskrouter', to: request.to });
      this.mirror.mirrorCall(answered);
      return this.afterAnswer(request, caller, answered.sid);
    }
    const workerRecord = this.engine.calls.createCall({ from: request.from ?? caller?.from ?? 'client:taskrouter', to: request.to, direction: 'outbound-api', status: 'ringing' });
    const abort = new AbortController();
    if (caller) this.ringingFor.set(caller.sid, abort);
    const dialing = this.voice.dialClient({
      callSid: workerRecord.sid,
      identity,
      from: workerRecord.from,
      to: request.to,
      timeoutMs: request.timeoutSec * 1000,
      signal: abort.signal,
      accountSid: this.engine.accountSid,
      params: { taskSid: request.task.sid, reservationSid: request.reservation.sid, instruction: request.instruction },
    });
    const workerCall = this.voice.calls.get(workerRecord.sid);
    if (workerCall) this.mirror.mirrorCall(workerCall);
    const outcome = await dialing;
    if (caller) this.ringingFor.delete(caller.sid);
    if (outcome.outcome !== 'answered') {
      return { outcome: outcome.outcome === 'busy' ? 'no-answer' : outcome.outcome, reason: outcome.reason };
    }
    return this.afterAnswer(request, caller, outcome.callSid);
  }

  private afterAnswer(request: DialRequest, caller: VoiceCall | undefined, workerCallSid: string): DialOutcome {
    this.wrapTaskWhenLegEnds(workerCallSid, request.task.sid);
    if (request.instruction === 'call') return { outcome: 'answered', callSid: workerCallSid };
    const customer = caller ?? this.simulatedCustomer(request.task);
    const conference = this.connect(request, customer, workerCallSid);
    return { outcome: 'answered', callSid: workerCallSid, ...(conference ? { conferenceSid: conference } : {}) };
  }

  /** Puts the customer and the worker's leg in the conference named after the task. */
  private connect(request: DialRequest, customer: VoiceCall, workerCallSid: string): string | undefined {
    const friendlyName = request.task.sid;
    const params = request.params;
    if (request.instruction === 'dequeue') {
      this.voice.joinConference(friendlyName, customer.sid);
      this.voice.joinConference(friendlyName, workerCallSid);
      return undefined;
    }
    const record = this.engine.calls.conferenceNamed(friendlyName);
    const customerOptions = { endConferenceOnExit: params['EndConferenceOnCustomerExit'] === true, conferenceSid: record.sid };
    if (!this.voice.conferences.get(friendlyName)?.participants.has(customer.sid)) {
      this.voice.joinConference(friendlyName, customer.sid, customerOptions);
      this.mirror.mirrorParticipant(record.sid, customer.sid, { label: 'customer', endConferenceOnExit: customerOptions.endConferenceOnExit });
    }
    const workerOptions = { endConferenceOnExit: params['EndConferenceOnExit'] === true, muted: params['Muted'] === true, conferenceSid: record.sid };
    this.voice.joinConference(friendlyName, workerCallSid, workerOptions);
    this.mirror.mirrorParticipant(record.sid, workerCallSid, {
      label: 'worker',
      endConferenceOnExit: workerOptions.endConferenceOnExit,
      startConferenceOnEnter: params['StartConferenceOnEnter'] !== false,
    });
    return record.sid;
  }

  /** TaskRouter moves a voice task to wrapping when the worker's leg ends. */
  private wrapTaskWhenLegEnds(workerCallSid: string, taskSid: string): void {
    const stop = this.voice.onCallEnded((call) => {
      if (call.sid !== workerCallSid) return;
      stop();
      if (this.engine.getTask(taskSid)?.assignmentStatus === 'assigned') {
        this.engine.updateTask(taskSid, { AssignmentStatus: 'wrapping', Reason: 'The call ended' });
      }
    });
  }

  /** The caller's real call, when the task came from `POST /emulator/inbound-call` (or names one in `call_sid`). */
  private callerOf(task: TaskRecord): VoiceCall | undefined {
    const callSid = parseAttributes(task.attributes)['call_sid'];
    return typeof callSid === 'string' ? this.voice.calls.get(callSid) : undefined;
  }

  /** Tasks created without a real caller (demo traffic, REST) still get someone to talk to. */
  private simulatedCustomer(task: TaskRecord): VoiceCall {
    const attributes = parseAttributes(task.attributes);
    const call = this.voice.startCallerCall({
      from: typeof attributes['from'] === 'string' ? attributes['from'] : '+15555550100',
      to: typeof attributes['to'] === 'string' ? attributes['to'] : '+15555550199',
    });
    this.mirror.mirrorCall(call);
    return call;
  }
}

export function parseAttributes(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
