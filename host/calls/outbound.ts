import { newCall, type CallState } from '../../shared/call-state';
import { err, type Result } from '../../shared/result';
import { toAppError } from '../twilio/errors';
import type { CallRest } from './call-rest';
import type { CallSupervisor } from './call-supervisor';

/** How long an outbound task may take to reach the agent as a reservation. */
const OUTBOUND_RESERVATION_WAIT_MS = 10_000;

/** What outbound calls use of the supervisor. */
export type OutboundCore = Pick<CallSupervisor, 'book' | 'deps' | 'owner' | 'relay' | 'fromFor' | 'isStopped'>;

const errorText = (e: unknown): string => toAppError(e).message;

/**
 * Outbound calls: an outbound task routed to this agent (TaskRouter counts the
 * capacity), the agent's Device joining a conference named after it through
 * the TwiML app, and the dialed party added to it with the Participants API.
 */
export class Outbound {
  private outboundSeq = 0;
  /** Outbound calls whose dialed party is added once the agent's leg is in the conference. */
  private readonly outboundTargets = new Map<string, { to: string; from: string; label: string }>();

  constructor(private readonly core: OutboundCore) {}

  reset(): void {
    this.outboundTargets.clear();
  }

  async startOutbound(to: string, label: string | null): Promise<Result<CallState>> {
    const rest = this.core.deps.rest();
    if (!rest.ok) return rest;
    const me = this.core.deps.worker();
    if (!me) return err('not_configured', 'The worker is not loaded yet.');
    if (!this.core.owner.current()) return err('not_configured', 'No window of the app has the phone open, so there is nothing to call from.');
    const from = this.core.fromFor(to, null);
    if (!from.ok) return from;
    let taskSid: string;
    try {
      // An outbound task routed to this agent: TaskRouter counts the call against the agent's capacity.
      const task = await rest.value.createTask({
        taskChannel: 'voice',
        routingTarget: me.sid,
        attributes: { direction: 'outbound', type: 'outbound', to, from: from.value, outbound_to: to, caller_name: label ?? to.replace(/^client:/, ''), name: label ?? to },
      });
      taskSid = task.sid;
    } catch (e) {
      return { ok: false, error: toAppError(e) };
    }
    const call = this.core.book.add(newCall({ id: `out-${++this.outboundSeq}-${taskSid.slice(2, 10)}`, direction: 'outbound', phase: 'connecting', at: this.core.deps.clock.now(), taskSid, remote: { name: label, number: to.startsWith('client:') ? null : to } }));
    this.outboundTargets.set(call.id, { to, from: from.value, label: label ?? to.replace(/^client:/, '') });
    void this.acceptOutboundTask(call.id, taskSid);
    // The agent's leg: the Device calls the TwiML app, which puts it in the conference named after the task.
    const dialed = this.core.relay(call, { kind: 'dial', to: `conference:${taskSid}` });
    if (!dialed.ok) {
      this.core.book.apply(call.id, { type: 'ended', reason: 'failed', at: this.core.deps.clock.now() });
      await rest.value.endTask(taskSid, 'The outbound call could not be placed').catch(() => undefined);
    }
    return dialed;
  }

  private async acceptOutboundTask(callId: string, taskSid: string): Promise<void> {
    const deadline = this.core.deps.clock.now() + OUTBOUND_RESERVATION_WAIT_MS;
    while (!this.core.isStopped() && this.core.deps.clock.now() < deadline) {
      const reservation = this.core.deps.reservationOfTask(taskSid);
      if (reservation) {
        this.core.book.apply(callId, { type: 'linked', patch: { reservationSid: reservation.sid } });
        if (reservation.status === 'pending') {
          const accepted = await this.core.deps.acceptReservation(reservation.sid);
          if (!accepted.ok) this.core.book.apply(callId, { type: 'error', error: { code: accepted.error.code, message: `The outbound task could not be accepted: ${accepted.error.message}`, reason: 'outbound_not_accepted', params: { cause: accepted.error.code } } });
        }
        return;
      }
      await new Promise<void>((resolve) => this.core.deps.clock.setTimeout(() => resolve(), 100));
    }
    this.core.book.apply(callId, { type: 'error', error: { code: 'not_found', message: 'TaskRouter did not reserve the outbound task for you; the call goes on without it.', reason: 'outbound_not_reserved' } });
  }

  /** Adds the dialed party once the agent's leg is in the outbound conference. */
  async dialTarget(call: CallState, rest: CallRest): Promise<void> {
    const target = this.outboundTargets.get(call.id);
    if (!target || !call.conferenceSid) return;
    this.outboundTargets.delete(call.id);
    try {
      // When the dialed party hangs up, the conference ends and the agent's Device hears it at once.
      const callSid = await rest.addParticipant(call.conferenceSid, { from: target.from, to: target.to, label: 'customer', endConferenceOnExit: true });
      this.core.book.apply(call.id, { type: 'linked', patch: { customerCallSid: callSid } });
      if (call.taskSid) await rest.updateTaskAttributes(call.taskSid, { call_sid: callSid, conference_sid: call.conferenceSid }).catch(() => undefined);
    } catch (e) {
      this.core.book.apply(call.id, { type: 'error', error: { code: toAppError(e).code, message: `Could not dial ${target.label}: ${errorText(e)}`, reason: 'dial_failed', params: { target: target.label, cause: toAppError(e).code } } });
    }
  }
}
