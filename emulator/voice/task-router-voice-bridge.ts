import type { Engine } from '../domain/engine';
import type { DialOutcome, DialRequest, TaskRecord, VoiceBridge } from '../domain/types';
import type { VoiceCallNetwork } from './call-network';
import { FINAL_CALL_STATUSES, type VoiceCall } from './call-registry';
import { loopbackUrl } from './twiml/loopback-fetch';
import { abortable, type TwimlHost } from './twiml/twiml-host';
import { runTwiml, TwimlRun, waitInQueue } from './twiml/twiml-runner';
import type { VoiceEmulator } from './voice-emulator';

const CLIENT_PREFIX = 'client:';
const CALL_SID = /^CA[0-9a-fA-F]{32}$/;

/**
 * TaskRouter's voice instructions on real calls, as Twilio runs them:
 *  - Conference: ring the worker (`To`, else `contact_uri`); once answered,
 *    the caller leaves its queue and both join the conference named after
 *    the task.
 *  - Dequeue: ring the worker; once answered, the caller is taken out of its
 *    queue and bridged to the worker directly (no conference).
 *  - Call: ring the worker; once answered, the worker's leg runs `CallUrl`
 *    (typically `<Dial><Queue reservationSid="WR…"/>`, which dequeues the
 *    caller and accepts the reservation).
 *  - Redirect (through CallStore.redirect): the caller's live call runs
 *    `RedirectUrl` and leaves its queue.
 * A caller who hangs up while the worker rings cancels the ringing leg, and a
 * caller who hangs up while its task waits cancels the task.
 */
export class TaskRouterVoiceBridge implements VoiceBridge {
  /** Caller call SID → the dial ringing a worker for it. */
  private readonly ringingFor = new Map<string, AbortController>();

  constructor(
    private readonly engine: Engine,
    private readonly voice: VoiceEmulator,
    private readonly network: VoiceCallNetwork,
    private readonly host: TwimlHost,
    /** The workflow demo traffic and `/emulator/inbound-call` route through; its call queue is named after it. */
    private readonly defaultWorkflowSid: string,
    /**
     * What happens when the worker's identity has no registered Device:
     * 'fail' as Twilio would, or 'simulate' a phone that answers at once (so
     * apps and tests without a voice leg can still accept voice tasks).
     */
    private readonly unregisteredClients: 'fail' | 'simulate' = 'simulate',
  ) {
    voice.onCallEnded((call) => {
      this.ringingFor.get(call.sid)?.abort();
      if (call.direction === 'inbound') this.cancelWaitingTasksOf(call.sid);
    });
  }

  /**
   * A caller's call arriving for demo traffic: real media, waiting in the
   * workflow's queue with hold music until an instruction takes it. Its SID
   * is the one the task carries in `call_sid`.
   */
  startInboundCall(fields: { from: string; to: string }): string {
    const call = this.voice.startCallerCall(fields);
    this.network.mirrorCall(call);
    this.waitForAgent(call, this.defaultWorkflowSid);
    return call.sid;
  }

  /** Parks a caller in a workflow's queue (what `<Enqueue workflowSid>` does once the task exists). */
  waitForAgent(call: VoiceCall, workflowSid: string, taskSid?: string): void {
    this.voice.runProgram(call, async (signal) => {
      await waitInQueue(new TwimlRun(this.host, call, signal), workflowSid, taskSid);
    });
  }

  hangUp(callSid: string): void {
    this.voice.hangup(callSid);
  }

  async dialWorker(request: DialRequest): Promise<DialOutcome> {
    if (!request.to.startsWith(CLIENT_PREFIX)) {
      return { outcome: 'failed', reason: `The emulator can only ring Voice SDK clients (client:<identity>) for TaskRouter instructions, not ${request.to}` };
    }
    if (request.instruction === 'call') {
      try {
        loopbackUrl(String(request.params['CallUrl'] ?? ''));
      } catch (error) {
        return { outcome: 'failed', reason: `CallUrl refused: ${error instanceof Error ? error.message : String(error)}` };
      }
    }
    const identity = request.to.slice(CLIENT_PREFIX.length);
    const caller = this.callerOf(request.task);
    if (caller && caller.status !== 'in-progress') {
      return { outcome: 'caller-hung-up', reason: 'The caller hung up before the worker was rung' };
    }
    const from = request.from ?? caller?.from ?? 'client:taskrouter';
    if (this.unregisteredClients === 'simulate' && !this.voice.signaling.isRegistered(identity)) {
      const answered = this.voice.answerSimulated({ from, to: request.to });
      this.network.mirrorCall(answered);
      return this.afterAnswer(request, caller, answered);
    }
    const abort = new AbortController();
    if (caller) this.ringingFor.set(caller.sid, abort);
    const outcome = await this.voice.dialClient({
      identity,
      from,
      to: request.to,
      timeoutMs: request.timeoutSec * 1000,
      signal: AbortSignal.any([abort.signal, ...(request.signal ? [request.signal] : [])]),
      accountSid: this.engine.accountSid,
      params: { taskSid: request.task.sid, reservationSid: request.reservation.sid, instruction: request.instruction },
      onCreated: (call) => this.network.mirrorCall(call),
    });
    if (caller) this.ringingFor.delete(caller.sid);
    if (outcome.outcome !== 'answered') {
      return { outcome: outcome.outcome === 'busy' ? 'no-answer' : outcome.outcome, reason: outcome.reason };
    }
    const workerLeg = this.voice.calls.get(outcome.callSid);
    if (!workerLeg) return { outcome: 'failed', reason: 'The worker leg vanished' };
    return this.afterAnswer(request, caller, workerLeg);
  }

  private afterAnswer(request: DialRequest, caller: VoiceCall | undefined, workerLeg: VoiceCall): DialOutcome {
    this.wrapTaskWhenLegEnds(workerLeg.sid, request.task.sid);
    if (request.instruction === 'call') {
      runTwiml(this.host, workerLeg, { url: String(request.params['CallUrl']), method: 'POST' });
      return { outcome: 'answered', callSid: workerLeg.sid };
    }
    const customer = caller ?? this.standInCustomer(request.task);
    if (request.instruction === 'dequeue') {
      this.dequeue(customer, workerLeg);
      return { outcome: 'answered', callSid: workerLeg.sid };
    }
    const conferenceSid = this.conference(request, customer, workerLeg);
    return { outcome: 'answered', callSid: workerLeg.sid, ...(conferenceSid ? { conferenceSid } : {}) };
  }

  /** Dequeue: the caller leaves its queue and is bridged to the worker; either hanging up ends both. */
  private dequeue(customer: VoiceCall, workerLeg: VoiceCall): void {
    const entry = this.voice.queues.takeCall(customer.sid);
    const bridge = this.voice.bridge(workerLeg, customer);
    if (entry) entry.markTaken(bridge);
    else this.voice.runProgram(customer, (signal) => abortable(bridge.ended, signal).then(() => undefined));
    this.voice.runProgram(workerLeg, (signal) => abortable(bridge.ended, signal).then(() => undefined));
  }

  /** Conference: the customer (once) and the worker join the conference named after the task. */
  private conference(request: DialRequest, customer: VoiceCall, workerLeg: VoiceCall): string | undefined {
    const friendlyName = request.task.sid;
    const params = request.params;
    const inConference = this.voice.conferences.get(friendlyName)?.participants.has(customer.sid) ?? false;
    if (!inConference) {
      this.participate(customer, friendlyName, { endConferenceOnExit: params['EndConferenceOnCustomerExit'] === true, label: 'customer' });
    }
    const joined = this.participate(workerLeg, friendlyName, {
      endConferenceOnExit: params['EndConferenceOnExit'] === true,
      muted: params['Muted'] === true,
      startConferenceOnEnter: params['StartConferenceOnEnter'] !== false,
      label: 'worker',
    });
    const conference = joined ?? this.voice.conferences.get(friendlyName);
    const callbackUrl = params['ConferenceStatusCallback'];
    if (conference && typeof callbackUrl === 'string' && !conference.statusCallback) {
      try {
        const events = params['ConferenceStatusCallbackEvent'];
        conference.statusCallback = { url: loopbackUrl(callbackUrl).href, method: params['ConferenceStatusCallbackMethod'] === 'GET' ? 'GET' : 'POST', events: new Set(Array.isArray(events) && events.length > 0 ? events : ['start', 'end']) };
      } catch (error) {
        this.voice.recordError(workerLeg, error);
      }
    }
    return conference?.sid;
  }

  /** Runs "be in this conference" as the call's program: leaving it (kicked, conference ended) hangs the call up. */
  private participate(call: VoiceCall, friendlyName: string, options: Parameters<VoiceEmulator['joinConference']>[2]) {
    let joined: ReturnType<VoiceEmulator['joinConference']>;
    this.voice.runProgram(call, async (signal) => {
      joined = this.voice.joinConference(friendlyName, call.sid, options);
      if (joined) await abortable(joined.participant.left, signal);
    });
    return joined?.conference;
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

  /** A caller hanging up while its task waits (pending or reserved) cancels the task, as Twilio's <Enqueue> does. */
  private cancelWaitingTasksOf(callSid: string): void {
    const waiting = this.engine.listTasks({ assignmentStatus: ['pending', 'reserved'] });
    if (!waiting.ok) return;
    for (const task of waiting.value) {
      if (parseAttributes(task.attributes)['call_sid'] === callSid) this.engine.updateTask(task.sid, { AssignmentStatus: 'canceled', Reason: 'The caller hung up' });
    }
  }

  /** The caller's real call, named by the task's `call_sid`. */
  private callerOf(task: TaskRecord): VoiceCall | undefined {
    const callSid = parseAttributes(task.attributes)['call_sid'];
    return typeof callSid === 'string' ? this.voice.calls.get(callSid) : undefined;
  }

  /**
   * Tasks created without a live caller (REST, `/emulator/tasks`) still get
   * someone to talk to. The stand-in takes the task's `call_sid` when it has a
   * well-formed one, so the SID the app reads on the task is the caller's.
   */
  private standInCustomer(task: TaskRecord): VoiceCall {
    const attributes = parseAttributes(task.attributes);
    const named = typeof attributes['call_sid'] === 'string' && CALL_SID.test(attributes['call_sid']) && !this.voice.calls.get(attributes['call_sid']) ? attributes['call_sid'] : undefined;
    const call = this.voice.startCallerCall({
      ...(named ? { sid: named } : {}),
      from: typeof attributes['from'] === 'string' ? attributes['from'] : '+15555550100',
      to: typeof attributes['to'] === 'string' ? attributes['to'] : '+15555550199',
    });
    this.network.mirrorCall(call);
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

export { FINAL_CALL_STATUSES };
