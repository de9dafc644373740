import { isConnected, type CallState } from '../../shared/call-state';
import type { Reservation } from '../../shared/model';
import { err, ok, type Result } from '../../shared/result';
import { toAppError } from '../twilio/errors';
import type { CallRest } from './call-rest';
import type { CallSupervisor } from './call-supervisor';
import { joinConferenceUrl, transferAttributes, transferOf } from './transfer-task';

/** What transfers use of the supervisor. */
export type CallCore = Pick<CallSupervisor, 'book' | 'deps' | 'expected' | 'hangUpRequested' | 'conferenceCall' | 'fail' | 'hurry' | 'knownOf'>;

const errorText = (e: unknown): string => toAppError(e).message;

/**
 * Transfers as Twilio's TaskRouter contact-center blueprint draws them, with
 * no Flex: hold the customer, create a new task carrying the transfer (the
 * workflow routes it to the worker or queue: docs/transfers-workflow.md), and
 * the target's reservation joins this conference through the Call
 * instruction. Cold: the agent leaves at once. Warm: the agent consults the
 * target, then completes (leaves) or cancels (the target leaves).
 */
export class Transfers {
  /** Cold transfers whose customer this (target) desktop already took off hold. */
  private readonly releasedTransfers = new Set<string>();

  constructor(private readonly core: CallCore) {}

  async startTransfer(callId: string, target: { type: 'worker' | 'queue'; sid: string }, mode: 'cold' | 'warm', targetName: string): Promise<Result<CallState>> {
    const found = this.core.conferenceCall(callId);
    if (!found.ok) return found;
    const { call, rest } = found.value;
    const me = this.core.deps.worker();
    if (!call.customerCallSid || !call.taskSid || !me) return this.core.fail(callId, 'not_found', 'Only a call with a customer and a task can be transferred.', { reason: 'transfer_needs_task' });
    if (call.transfer && (call.transfer.status === 'waiting' || call.transfer.status === 'consulting')) return this.core.fail(callId, 'conflict', 'A transfer of this call is already under way.', { reason: 'transfer_under_way' });
    if (target.type === 'worker' && target.sid === me.sid) return err('invalid_input', 'Choose someone other than yourself.', { field: 'target' });
    try {
      const original = await rest.fetchTask(call.taskSid);
      // Blueprint step 2: the customer waits on hold (music) until the target joins.
      await rest.updateParticipant(call.conferenceSid!, call.customerCallSid, { hold: true });
      this.core.book.apply(callId, { type: 'hold', held: true, at: this.core.deps.clock.now() });
      this.core.hurry(callId, true);
      const task = await rest.createTask({
        taskChannel: 'voice',
        ...(original.workflowSid ? { workflowSid: original.workflowSid } : {}),
        attributes: transferAttributes(original.attributes, {
          targetType: target.type,
          targetSid: target.sid,
          mode,
          conferenceSid: call.conferenceSid!,
          originalTaskSid: call.taskSid,
          byWorkerSid: me.sid,
          byName: me.friendlyName,
          customerCallSid: call.customerCallSid,
        }),
      });
      this.core.book.apply(callId, { type: 'error', error: null });
      this.core.book.apply(callId, { type: 'transfer', transfer: { mode, targetType: target.type, targetSid: target.sid, targetName, taskSid: task.sid, status: mode === 'cold' ? 'completed' : 'waiting', detail: null } });
      if (mode === 'cold') await this.leave(this.core.book.get(callId)!);
      else this.core.hurry(callId);
      return ok(this.core.book.get(callId)!);
    } catch (e) {
      return this.core.fail(callId, toAppError(e).code, `The transfer could not start: ${errorText(e)}`, { reason: 'transfer_start_failed', params: { cause: toAppError(e).code } });
    }
  }

  /** Warm transfer: the customer comes off hold, talking with the target; the agent leaves and the task wraps up. */
  async completeTransfer(callId: string): Promise<Result<CallState>> {
    const found = this.core.conferenceCall(callId);
    if (!found.ok) return found;
    const { call, rest } = found.value;
    if (call.transfer?.status !== 'consulting') return call.transfer?.status === 'waiting'
        ? this.core.fail(callId, 'conflict', 'The target has not joined yet: wait, or cancel the transfer.', { reason: 'transfer_target_not_joined' })
        : this.core.fail(callId, 'conflict', 'No transfer to complete.', { reason: 'no_transfer' });
    try {
      if (call.customerCallSid) await rest.updateParticipant(call.conferenceSid!, call.customerCallSid, { hold: false });
      this.core.book.apply(callId, { type: 'transfer', transfer: { ...call.transfer, status: 'completed' } });
      await this.leave(this.core.book.get(callId)!);
      return ok(this.core.book.get(callId)!);
    } catch (e) {
      return this.core.fail(callId, toAppError(e).code, `The transfer could not be completed: ${errorText(e)}`, { reason: 'transfer_complete_failed', params: { cause: toAppError(e).code } });
    }
  }

  /** Cancel: the transfer task is withdrawn (or the target leaves), and the customer comes back off hold to this agent. */
  async cancelTransfer(callId: string): Promise<Result<CallState>> {
    const found = this.core.conferenceCall(callId);
    if (!found.ok) return found;
    const { call, rest } = found.value;
    const transfer = call.transfer;
    if (!transfer || (transfer.status !== 'waiting' && transfer.status !== 'consulting')) return this.core.fail(callId, 'conflict', 'No transfer to cancel.', { reason: 'no_transfer' });
    try {
      for (const p of call.participants) if (p.role === 'colleague' && p.state !== 'left' && this.core.knownOf(callId).get(p.callSid)?.label === transfer.targetName) await rest.removeParticipant(call.conferenceSid!, p.callSid);
      await rest.endTask(transfer.taskSid, 'Transfer canceled by the agent').catch((e: unknown) => this.core.deps.logger.warn('could not end the transfer task', { code: toAppError(e).code }));
      if (call.customerCallSid) await rest.updateParticipant(call.conferenceSid!, call.customerCallSid, { hold: false });
      this.core.book.apply(callId, { type: 'hold', held: false, at: this.core.deps.clock.now() });
      this.core.book.apply(callId, { type: 'transfer', transfer: { ...transfer, status: 'canceled', detail: null } });
      this.core.hurry(callId, true);
      return ok(this.core.book.get(callId)!);
    } catch (e) {
      return this.core.fail(callId, toAppError(e).code, `The transfer could not be canceled: ${errorText(e)}`, { reason: 'transfer_cancel_failed', params: { cause: toAppError(e).code } });
    }
  }

  /** The agent's leg leaves the conference (the customer stays), then the agent's task wraps up. */
  async leave(call: CallState): Promise<void> {
    const rest = this.core.deps.rest();
    if (!rest.ok || !call.conferenceSid || !call.callSid) return;
    this.core.hangUpRequested.add(call.id);
    await rest.value.removeParticipant(call.conferenceSid, call.callSid);
    if (call.reservationSid && this.core.deps.reservation(call.reservationSid)?.status === 'accepted') {
      // TaskRouter may have moved it to wrapping itself as the leg ended; either way it is wrapping now.
      const wrapped = await this.core.deps.wrapReservation(call.reservationSid);
      if (!wrapped.ok) void this.core.deps.freshReservation(call.reservationSid).catch(() => undefined);
    }
  }

  /**
   * The target's side: accepting a transfer task sends the Call instruction whose TwiML joins the original
   * conference. Answers null when the reservation is not a transfer (the caller then sends its own instruction).
   */
  async acceptTransfer(reservation: Reservation): Promise<Result<Reservation> | null> {
    const transfer = transferOf(reservation.task.attributes);
    if (!transfer || reservation.task.channel !== 'voice') return null;
    const twiml = await this.core.deps.twimlUrl();
    if (!twiml) return err('not_configured', 'Accepting a transfer needs a TwiML URL that joins conferences (AGENT_DESKTOP_TWIML_URL, or a TwiML App in AGENT_DESKTOP_VOICE_APP_SID); see the README, "Transfers".');
    this.core.expected.expect(reservation.sid);
    const result = await this.core.deps.callInstruction(reservation.sid, { url: joinConferenceUrl(twiml, transfer.originalTaskSid), to: this.core.deps.contactUri(), from: reservation.caller.number });
    if (!result.ok) this.core.expected.forget(reservation.sid);
    return result;
  }

  async releaseColdTransferCustomer(call: CallState, justAnswered: boolean): Promise<void> {
    const rest = this.core.deps.rest();
    if (!rest.ok || !call.reservationSid || !call.customerCallSid || !call.conferenceSid || !isConnected(call) || this.releasedTransfers.has(call.id)) return;
    const reservation = this.core.deps.reservation(call.reservationSid);
    const transfer = reservation ? transferOf(reservation.task.attributes) : null;
    if (!transfer || transfer.mode !== 'cold') return;
    if (!justAnswered && !call.participants.some((p) => p.role === 'me' && p.state !== 'left' && p.state !== 'ringing')) return;
    this.releasedTransfers.add(call.id);
    await rest.value.updateParticipant(call.conferenceSid, call.customerCallSid, { hold: false });
    this.core.book.apply(call.id, { type: 'hold', held: false, at: this.core.deps.clock.now() });
    this.core.hurry(call.id, true);
  }

  /** A warm transfer: the target's leg joining makes it a consult; a transfer task that ended unanswered fails it. */
  async follow(callId: string, rest: CallRest, listed: { callSid: string; label: string | null; status: string }[]): Promise<void> {
    const call = this.core.book.get(callId);
    const transfer = call?.transfer;
    if (!call || transfer?.status !== 'waiting') return;
    const known = this.core.knownOf(callId);
    const joined = listed.find((p) => p.callSid !== call.callSid && p.callSid !== call.customerCallSid && !known.has(p.callSid) && p.status === 'connected');
    if (joined) {
      known.set(joined.callSid, { label: transfer.targetName, role: 'colleague' });
      const participants = call.participants.map((p) => (p.callSid === joined.callSid ? { ...p, label: transfer.targetName, role: 'colleague' as const } : p));
      this.core.book.apply(callId, { type: 'participants', participants });
      this.core.book.apply(callId, { type: 'transfer', transfer: { ...transfer, status: 'consulting' } });
      return;
    }
    const task = await rest.fetchTask(transfer.taskSid).catch(() => null);
    if (task && (task.status === 'canceled' || task.status === 'completed')) {
      this.core.book.apply(callId, { type: 'transfer', transfer: { ...transfer, status: 'failed', detail: 'nobody_took_it' } });
    }
  }
}
