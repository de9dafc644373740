import { isConnected, newCall, type CallEndReason, type CallState } from '../../shared/call-state';
import type { CallReport, DeviceAction, DeviceCommand, Directory } from '../../shared/contract';
import type { Reservation } from '../../shared/model';
import { err, ok, type AppError, type ErrorCode, type Result } from '../../shared/result';
import { toAppError } from '../twilio/errors';
import type { Clock, Logger } from '../types';
import { CallBook } from './call-book';
import type { CallRest } from './call-rest';
import { DeviceOwner } from './device-owner';
import { ExpectedCalls } from './expected-calls';
import { describeParticipants, type KnownLeg } from './participants';
import { joinConferenceUrl, transferAttributes, transferOf } from './transfer-task';

/**
 * Conference polling, while a call is connected: the Participants list (one
 * request) every POLL_MS, every FAST_POLL_MS for FAST_FOR_MS after anything
 * changed or while something is on its way (a participant ringing, a transfer
 * waiting, an outgoing call not answered yet). A desktop cannot receive
 * Twilio's webhooks, so this is how it sees the customer leave, a hold take
 * effect or a colleague join. host/README.md counts what a call costs.
 */
export const POLL_MS = 2_000;
export const FAST_POLL_MS = 500;
export const FAST_FOR_MS = 10_000;
/** A conference not found this many times is not one (Dequeue and Call bridges are not conferences). */
const CONFERENCE_LOOKUPS = 6;
/**
 * A reservation still pending this long after its call was answered is accepted by the desktop: the agent
 * took the call, so the offer must not keep counting down (a Call instruction without CallAccept whose
 * TwiML did not accept it). The wait lets TwiML that accepts by itself (`<Dial><Queue reservationSid>`) go first.
 */
export const ACCEPT_AFTER_ANSWER_MS = 3_000;
/** How long an outbound task may take to reach the agent as a reservation. */
const OUTBOUND_RESERVATION_WAIT_MS = 10_000;
/** A number the emulator accepts as caller ID when none is configured (a real account needs its own: AGENT_DESKTOP_CALLER_ID). */
const FALLBACK_CALLER_ID = '+15005550006';

export interface CallSupervisorDeps {
  clock: Clock;
  logger: Logger;
  /** REST for calls (API 2010 + tasks), or why there is none (token URL mode). */
  rest(): Result<CallRest>;
  reservation(sid: string): Reservation | undefined;
  /** Re-reads a reservation from TaskRouter (and feeds the store); undefined when it is gone. */
  freshReservation(sid: string): Promise<Reservation | undefined>;
  /** Accept (plain) / move to wrapping a reservation of this worker; errors are logged, not thrown. */
  acceptReservation(sid: string): Promise<Result<Reservation>>;
  wrapReservation(sid: string): Promise<Result<Reservation>>;
  /** Sends the Call instruction (joining a transfer's conference). */
  callInstruction(sid: string, options: { url: string; to: string | null; from: string | null }): Promise<Result<Reservation>>;
  worker(): { sid: string; friendlyName: string; contactUri: string | null } | null;
  /** Where the worker's Device is called (`client:…`). */
  contactUri(): string | null;
  /** The TwiML endpoint that answers `To=conference:NAME` (the emulator's demo app, or the customer's). */
  twimlUrl(): Promise<string | null>;
  /** Caller ID for numbers this desktop dials (settings/override), else null. */
  callerId(): string | null;
  /** True when connected to an emulator (any caller ID works there). */
  onEmulator(): boolean;
  emitCall(call: CallState): void;
  emitCommand(command: DeviceCommand): void;
  emitOwner(ownerWindowId: string | null): void;
}

interface Watch {
  timer: unknown;
  fastUntil: number;
  /** When the agent last changed the hold: a poll that left before it must not undo it on screen. */
  holdChangedAt: number;
  lookups: number;
  seenCustomer: boolean;
  busy: boolean;
}

const errorText = (e: unknown): string => toAppError(e).message;

/**
 * Runs every call of this session through the shared state machine: the
 * Device window's reports, the conference's state (polled), the agent's
 * actions from any window, transfers and outbound calls. The host's voice
 * requests are thin wrappers over these methods.
 */
export class CallSupervisor {
  readonly book: CallBook;
  readonly expected: ExpectedCalls;
  readonly owner: DeviceOwner;
  private readonly watches = new Map<string, Watch>();
  /** Legs the agent added or that joined for a transfer, per call. */
  private readonly known = new Map<string, Map<string, KnownLeg>>();
  /** Calls the agent asked to hang up (so the Device's "disconnect" reads as the agent's doing). */
  private readonly hangUpRequested = new Set<string>();
  private outboundSeq = 0;
  private stopped = false;
  /** Outbound calls whose dialed party is added once the agent's leg is in the conference. */
  private readonly outboundTargets = new Map<string, { to: string; from: string; label: string }>();
  /** Cold transfers whose customer this (target) desktop already took off hold. */
  private readonly releasedTransfers = new Set<string>();
  /** Set by the host: finds a reservation of this worker by task SID in its store. */
  findReservationOfTask: (taskSid: string) => Reservation | undefined = () => undefined;

  constructor(private readonly deps: CallSupervisorDeps) {
    this.book = new CallBook((call) => deps.emitCall(call));
    this.expected = new ExpectedCalls(() => deps.clock.now());
    this.owner = new DeviceOwner(deps.clock, (id) => deps.emitOwner(id));
  }

  /** Another worker or account: nothing of the old calls may stay. */
  reset(): void {
    for (const id of [...this.watches.keys()]) this.unwatch(id);
    this.book.clear();
    this.known.clear();
    this.hangUpRequested.clear();
  }

  stop(): void {
    this.stopped = true;
    this.reset();
    this.owner.stop();
  }

  /** The host started (again) after a stop. */
  resume(): void {
    this.stopped = false;
  }

  // ------------------------------------------------------------------ reports from the Device's window

  async report(windowId: string, report: CallReport): Promise<Result<{ callId: string; expected: boolean }>> {
    if (!this.owner.isOwner(windowId)) return err('conflict', 'Another window of the app has the phone; this one only shows the calls.');
    const now = this.deps.clock.now();
    if (report.kind === 'incoming') {
      const existing = this.book.get(report.callSid);
      if (existing) return ok({ callId: existing.id, expected: false });
      const claimed = this.expected.claim(report.reservationSid);
      const reservationSid = report.reservationSid ?? claimed;
      const reservation = reservationSid ? this.deps.reservation(reservationSid) : undefined;
      const transfer = reservation ? transferOf(reservation.task.attributes) : null;
      const from = report.from?.replace(/^client:/, '') ?? null;
      const call = newCall({
        id: report.callSid,
        direction: 'inbound',
        phase: 'ringing',
        at: now,
        callSid: report.callSid,
        reservationSid: reservation?.sid ?? null,
        taskSid: reservation?.taskSid ?? null,
        remote: reservation ? { name: reservation.caller.name, number: reservation.caller.number } : { name: from, number: null },
        customerCallSid: reservation?.callSid ?? null,
      });
      this.book.add(transfer ? { ...call, conferenceSid: transfer.conferenceSid } : call);
      return ok({ callId: call.id, expected: claimed !== null });
    }
    const call = this.book.get(report.callId);
    if (!call) return err('not_found', 'That call is not known to the desktop (it may have ended).');
    switch (report.kind) {
      case 'accepted':
        if (report.callSid) this.book.apply(call.id, { type: 'linked', patch: { callSid: report.callSid } });
        this.book.apply(call.id, { type: 'answered', at: now });
        this.watch(call.id);
        this.acceptIfStillPending(call.id);
        // The target of a cold transfer: the caller comes off hold as this leg joins (a few ms of silence at most).
        void this.releaseColdTransferCustomer(this.book.get(call.id)!, true).catch((e: unknown) => this.deps.logger.warn('could not take the transferred caller off hold', { code: toAppError(e).code }));
        break;
      case 'muted':
        this.book.apply(call.id, { type: 'muted', muted: report.muted });
        break;
      case 'error':
        this.book.apply(call.id, { type: 'error', message: report.message });
        break;
      case 'ended':
        await this.ended(call, report.how);
        break;
    }
    return ok({ callId: call.id, expected: false });
  }

  private async ended(call: CallState, how: 'canceled' | 'rejected' | 'agentHungUp' | 'remoteHungUp' | 'failed'): Promise<void> {
    const requested = this.hangUpRequested.delete(call.id);
    const transferred = call.transfer?.status === 'completed';
    let reason: CallEndReason;
    if (how === 'rejected') reason = 'declined';
    else if (how === 'failed') reason = 'failed';
    else if (how === 'canceled') reason = await this.whyItStoppedRinging(call);
    else if (transferred) reason = 'transferred';
    else if (how === 'agentHungUp' || requested) reason = 'agentHungUp';
    else reason = (await this.customerGone(call)) ? 'callerHungUp' : 'remoteEnded';
    this.unwatch(call.id);
    const ended = this.book.apply(call.id, { type: 'ended', reason, at: this.deps.clock.now() });
    // An outbound task was accepted plainly: TaskRouter does not wrap it when the call ends, the desktop does.
    if (ended && call.direction === 'outbound' && call.reservationSid && this.deps.reservation(call.reservationSid)?.status === 'accepted') {
      await this.deps.wrapReservation(call.reservationSid);
    }
  }

  /** A ringing call that stopped: what TaskRouter says happened to its offer, or the caller's call. */
  private async whyItStoppedRinging(call: CallState): Promise<CallEndReason> {
    const fresh = call.reservationSid ? await this.deps.freshReservation(call.reservationSid).catch(() => undefined) : undefined;
    if (fresh?.status === 'timeout') return 'missed';
    if (fresh?.status === 'rescinded') return 'takenByAnotherAgent';
    if (await this.customerGone(call)) return 'callerHungUpBeforeAnswer';
    return 'stoppedRinging';
  }

  /** True when the customer's own call is over (one request). */
  private async customerGone(call: CallState): Promise<boolean> {
    const rest = this.deps.rest();
    if (!call.customerCallSid || !rest.ok) return false;
    try {
      return ['completed', 'canceled', 'failed', 'busy', 'no-answer'].includes(await rest.value.callStatus(call.customerCallSid));
    } catch {
      return false;
    }
  }

  private acceptIfStillPending(callId: string): void {
    const call = this.book.get(callId);
    if (!call?.reservationSid || call.direction === 'outbound') return;
    const sid = call.reservationSid;
    this.deps.clock.setTimeout(() => {
      const current = this.book.get(callId);
      if (this.stopped || !current || !isConnected(current) || this.deps.reservation(sid)?.status !== 'pending') return;
      void this.deps.acceptReservation(sid).then((r) => {
        if (!r.ok) this.book.apply(callId, { type: 'error', message: `The call is connected but its offer could not be accepted: ${r.error.message}` });
      });
    }, ACCEPT_AFTER_ANSWER_MS);
  }

  // ------------------------------------------------------------------ actions from any window

  async action(callId: string, action: DeviceAction): Promise<Result<CallState>> {
    const call = this.book.get(callId);
    if (!call || call.phase === 'ended') return err('not_found', 'That call has ended.');
    if (action.kind === 'hangUp') return this.hangUp(call);
    return this.relay(call, action);
  }

  /** Something only the Device can do: the window that owns it does it. */
  private relay(call: CallState, action: DeviceAction | { kind: 'dial'; to: string }): Result<CallState> {
    const windowId = this.owner.current();
    if (!windowId) return this.fail(call.id, 'not_configured', 'No window of the app has the phone open, so the call cannot be controlled from here.');
    this.deps.emitCommand({ windowId, callId: call.id, command: action });
    return ok(this.book.get(call.id)!);
  }

  /**
   * The agent hangs up. If only the customer would be left, the conference ends (nobody should sit in a
   * silent conference); with a colleague or a third party still there, only the agent's leg leaves.
   */
  async hangUp(call: CallState): Promise<Result<CallState>> {
    // Ringing here may already be answered on the Device (its report is on its way): the Device decides.
    if (call.phase === 'ringing') return this.relay(call, { kind: 'hangUp' });
    this.hangUpRequested.add(call.id);
    const rest = this.deps.rest();
    if (rest.ok && isConnected(call) && (call.conferenceSid || call.taskSid)) {
      try {
        // Read the conference now (one or two requests): the poll may not have found it yet, or be a second old.
        const conferenceSid = call.conferenceSid ?? (await rest.value.conferenceNamed(call.taskSid!));
        if (conferenceSid) {
          const listed = await rest.value.participants(conferenceSid);
          const others = listed.filter((p) => p.callSid !== call.callSid && p.callSid !== call.customerCallSid && (p.status === 'connected' || p.status === 'ringing' || p.status === 'queued'));
          if (others.length === 0) await rest.value.endConference(conferenceSid);
          else if (call.callSid) await rest.value.removeParticipant(conferenceSid, call.callSid);
          return ok(this.book.get(call.id)!);
        }
      } catch (e) {
        this.deps.logger.warn('could not end the conference; hanging up the Device instead', { code: toAppError(e).code });
      }
    }
    if (this.owner.current()) return this.relay(call, { kind: 'hangUp' });
    if (rest.ok && call.callSid) {
      try {
        await rest.value.hangUpCall(call.callSid);
        return ok(this.book.get(call.id)!);
      } catch (e) {
        return this.fail(call.id, toAppError(e).code, `Could not hang up: ${errorText(e)}`);
      }
    }
    return this.fail(call.id, 'not_configured', 'No window of the app has the phone open, so the call cannot be hung up from here.');
  }

  /** Completing or wrapping a task ends the agent's leg for it (unless the agent keeps it). */
  async endLegOf(reservationSid: string): Promise<void> {
    const call = this.book.find((c) => c.reservationSid === reservationSid && c.phase !== 'ended');
    if (call) await this.hangUp(call);
  }

  async hold(callId: string, hold: boolean): Promise<Result<CallState>> {
    const found = this.conferenceCall(callId);
    if (!found.ok) return found;
    const { call, rest } = found.value;
    if (!call.customerCallSid) return this.fail(callId, 'not_found', 'The customer of this call is not known, so they cannot be put on hold.');
    try {
      await rest.updateParticipant(call.conferenceSid!, call.customerCallSid, { hold });
      this.book.apply(callId, { type: 'error', message: null });
      this.book.apply(callId, { type: 'hold', held: hold, at: this.deps.clock.now() });
      this.hurry(callId, true);
      return ok(this.book.get(callId)!);
    } catch (e) {
      return this.fail(callId, toAppError(e).code, toAppError(e).code === 'not_found' ? 'The caller is no longer on the call.' : `Hold did not work: ${errorText(e)}`);
    }
  }

  async addParticipant(callId: string, to: string, label?: string): Promise<Result<CallState>> {
    const found = this.conferenceCall(callId);
    if (!found.ok) return found;
    const { call, rest } = found.value;
    const from = this.fromFor(to, call);
    if (!from.ok) return this.fail(callId, from.error.code, from.error.message);
    try {
      const callSid = await rest.addParticipant(call.conferenceSid!, { from: from.value, to, label: to.startsWith('client:') ? 'worker' : 'external' });
      this.knownOf(callId).set(callSid, { label: label ?? to.replace(/^client:/, ''), role: to.startsWith('client:') ? 'colleague' : 'external' });
      this.book.apply(callId, { type: 'error', message: null });
      this.book.apply(callId, { type: 'participants', participants: [...call.participants, { callSid, label: label ?? to.replace(/^client:/, ''), role: to.startsWith('client:') ? 'colleague' : 'external', state: 'ringing' }] });
      this.hurry(callId);
      return ok(this.book.get(callId)!);
    } catch (e) {
      return this.fail(callId, toAppError(e).code, `Could not add ${to}: ${errorText(e)}`);
    }
  }

  async removeParticipant(callId: string, callSid: string): Promise<Result<CallState>> {
    const found = this.conferenceCall(callId);
    if (!found.ok) return found;
    const { call, rest } = found.value;
    if (callSid === call.callSid) return err('invalid_input', 'Use Hang up to leave the call yourself.', { field: 'callSid' });
    try {
      await rest.removeParticipant(call.conferenceSid!, callSid);
      this.hurry(callId);
      return ok(this.book.get(callId)!);
    } catch (e) {
      return this.fail(callId, toAppError(e).code, `Could not remove that participant: ${errorText(e)}`);
    }
  }

  async directory(): Promise<Result<Directory>> {
    const rest = this.deps.rest();
    if (!rest.ok) return rest;
    try {
      const directory = await rest.value.directory();
      const me = this.deps.worker()?.sid;
      return ok({ ...directory, workers: directory.workers.filter((w) => w.sid !== me) });
    } catch (e) {
      return { ok: false, error: toAppError(e) };
    }
  }

  // ------------------------------------------------------------------ transfers (blueprint: a new task routed by the workflow)

  async startTransfer(callId: string, target: { type: 'worker' | 'queue'; sid: string }, mode: 'cold' | 'warm', targetName: string): Promise<Result<CallState>> {
    const found = this.conferenceCall(callId);
    if (!found.ok) return found;
    const { call, rest } = found.value;
    const me = this.deps.worker();
    if (!call.customerCallSid || !call.taskSid || !me) return this.fail(callId, 'not_found', 'Only a call with a customer and a task can be transferred.');
    if (call.transfer && (call.transfer.status === 'waiting' || call.transfer.status === 'consulting')) return this.fail(callId, 'conflict', 'A transfer of this call is already under way.');
    if (target.type === 'worker' && target.sid === me.sid) return err('invalid_input', 'Choose someone other than yourself.', { field: 'target' });
    try {
      const original = await rest.fetchTask(call.taskSid);
      // Blueprint step 2: the customer waits on hold (music) until the target joins.
      await rest.updateParticipant(call.conferenceSid!, call.customerCallSid, { hold: true });
      this.book.apply(callId, { type: 'hold', held: true, at: this.deps.clock.now() });
      this.hurry(callId, true);
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
      this.book.apply(callId, { type: 'error', message: null });
      this.book.apply(callId, { type: 'transfer', transfer: { mode, targetType: target.type, targetSid: target.sid, targetName, taskSid: task.sid, status: mode === 'cold' ? 'completed' : 'waiting', detail: null } });
      if (mode === 'cold') await this.leave(this.book.get(callId)!);
      else this.hurry(callId);
      return ok(this.book.get(callId)!);
    } catch (e) {
      return this.fail(callId, toAppError(e).code, `The transfer could not start: ${errorText(e)}`);
    }
  }

  /** Warm transfer: the customer comes off hold, talking with the target; the agent leaves and the task wraps up. */
  async completeTransfer(callId: string): Promise<Result<CallState>> {
    const found = this.conferenceCall(callId);
    if (!found.ok) return found;
    const { call, rest } = found.value;
    if (call.transfer?.status !== 'consulting') return this.fail(callId, 'conflict', call.transfer?.status === 'waiting' ? 'The target has not joined yet: wait, or cancel the transfer.' : 'No transfer to complete.');
    try {
      if (call.customerCallSid) await rest.updateParticipant(call.conferenceSid!, call.customerCallSid, { hold: false });
      this.book.apply(callId, { type: 'transfer', transfer: { ...call.transfer, status: 'completed' } });
      await this.leave(this.book.get(callId)!);
      return ok(this.book.get(callId)!);
    } catch (e) {
      return this.fail(callId, toAppError(e).code, `The transfer could not be completed: ${errorText(e)}`);
    }
  }

  /** Cancel: the transfer task is withdrawn (or the target leaves), and the customer comes back off hold to this agent. */
  async cancelTransfer(callId: string): Promise<Result<CallState>> {
    const found = this.conferenceCall(callId);
    if (!found.ok) return found;
    const { call, rest } = found.value;
    const transfer = call.transfer;
    if (!transfer || (transfer.status !== 'waiting' && transfer.status !== 'consulting')) return this.fail(callId, 'conflict', 'No transfer to cancel.');
    try {
      for (const p of call.participants) if (p.role === 'colleague' && p.state !== 'left' && this.knownOf(callId).get(p.callSid)?.label === transfer.targetName) await rest.removeParticipant(call.conferenceSid!, p.callSid);
      await rest.endTask(transfer.taskSid, 'Transfer canceled by the agent').catch((e: unknown) => this.deps.logger.warn('could not end the transfer task', { code: toAppError(e).code }));
      if (call.customerCallSid) await rest.updateParticipant(call.conferenceSid!, call.customerCallSid, { hold: false });
      this.book.apply(callId, { type: 'hold', held: false, at: this.deps.clock.now() });
      this.book.apply(callId, { type: 'transfer', transfer: { ...transfer, status: 'canceled', detail: null } });
      this.hurry(callId, true);
      return ok(this.book.get(callId)!);
    } catch (e) {
      return this.fail(callId, toAppError(e).code, `The transfer could not be canceled: ${errorText(e)}`);
    }
  }

  /** The agent's leg leaves the conference (the customer stays), then the agent's task wraps up. */
  private async leave(call: CallState): Promise<void> {
    const rest = this.deps.rest();
    if (!rest.ok || !call.conferenceSid || !call.callSid) return;
    this.hangUpRequested.add(call.id);
    await rest.value.removeParticipant(call.conferenceSid, call.callSid);
    if (call.reservationSid && this.deps.reservation(call.reservationSid)?.status === 'accepted') {
      // TaskRouter may have moved it to wrapping itself as the leg ended; either way it is wrapping now.
      const wrapped = await this.deps.wrapReservation(call.reservationSid);
      if (!wrapped.ok) void this.deps.freshReservation(call.reservationSid).catch(() => undefined);
    }
  }

  /**
   * The target's side: accepting a transfer task sends the Call instruction whose TwiML joins the original
   * conference. Answers null when the reservation is not a transfer (the caller then sends its own instruction).
   */
  async acceptTransfer(reservation: Reservation): Promise<Result<Reservation> | null> {
    const transfer = transferOf(reservation.task.attributes);
    if (!transfer || reservation.task.channel !== 'voice') return null;
    const twiml = await this.deps.twimlUrl();
    if (!twiml) return err('not_configured', 'Accepting a transfer needs a TwiML URL that joins conferences (AGENT_DESKTOP_TWIML_URL, or a TwiML App in AGENT_DESKTOP_VOICE_APP_SID); see the README, "Transfers".');
    this.expected.expect(reservation.sid);
    const result = await this.deps.callInstruction(reservation.sid, { url: joinConferenceUrl(twiml, transfer.originalTaskSid), to: this.deps.contactUri(), from: reservation.caller.number });
    if (!result.ok) this.expected.forget(reservation.sid);
    return result;
  }

  // ------------------------------------------------------------------ outbound calls

  async startOutbound(to: string, label: string | null): Promise<Result<CallState>> {
    const rest = this.deps.rest();
    if (!rest.ok) return rest;
    const me = this.deps.worker();
    if (!me) return err('not_configured', 'The worker is not loaded yet.');
    if (!this.owner.current()) return err('not_configured', 'No window of the app has the phone open, so there is nothing to call from.');
    const from = this.fromFor(to, null);
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
    const call = this.book.add(newCall({ id: `out-${++this.outboundSeq}-${taskSid.slice(2, 10)}`, direction: 'outbound', phase: 'connecting', at: this.deps.clock.now(), taskSid, remote: { name: label, number: to.startsWith('client:') ? null : to } }));
    this.outboundTargets.set(call.id, { to, from: from.value, label: label ?? to.replace(/^client:/, '') });
    void this.acceptOutboundTask(call.id, taskSid);
    // The agent's leg: the Device calls the TwiML app, which puts it in the conference named after the task.
    const dialed = this.relay(call, { kind: 'dial', to: `conference:${taskSid}` });
    if (!dialed.ok) {
      this.book.apply(call.id, { type: 'ended', reason: 'failed', at: this.deps.clock.now() });
      await rest.value.endTask(taskSid, 'The outbound call could not be placed').catch(() => undefined);
    }
    return dialed;
  }

  private async acceptOutboundTask(callId: string, taskSid: string): Promise<void> {
    const deadline = this.deps.clock.now() + OUTBOUND_RESERVATION_WAIT_MS;
    while (!this.stopped && this.deps.clock.now() < deadline) {
      const reservation = this.findReservationOfTask(taskSid);
      if (reservation) {
        this.book.apply(callId, { type: 'linked', patch: { reservationSid: reservation.sid } });
        if (reservation.status === 'pending') {
          const accepted = await this.deps.acceptReservation(reservation.sid);
          if (!accepted.ok) this.book.apply(callId, { type: 'error', message: `The outbound task could not be accepted: ${accepted.error.message}` });
        }
        return;
      }
      await new Promise<void>((resolve) => this.deps.clock.setTimeout(() => resolve(), 100));
    }
    this.book.apply(callId, { type: 'error', message: 'TaskRouter did not reserve the outbound task for you; the call goes on without it.' });
  }

  /** Adds the dialed party once the agent's leg is in the outbound conference. */
  private async dialOutboundTarget(call: CallState, rest: CallRest): Promise<void> {
    const target = this.outboundTargets.get(call.id);
    if (!target || !call.conferenceSid) return;
    this.outboundTargets.delete(call.id);
    try {
      // When the dialed party hangs up, the conference ends and the agent's Device hears it at once.
      const callSid = await rest.addParticipant(call.conferenceSid, { from: target.from, to: target.to, label: 'customer', endConferenceOnExit: true });
      this.book.apply(call.id, { type: 'linked', patch: { customerCallSid: callSid } });
      if (call.taskSid) await rest.updateTaskAttributes(call.taskSid, { call_sid: callSid, conference_sid: call.conferenceSid }).catch(() => undefined);
    } catch (e) {
      this.book.apply(call.id, { type: 'error', message: `Could not dial ${target.label}: ${errorText(e)}` });
    }
  }

  // ------------------------------------------------------------------ conference polling

  private watch(callId: string): void {
    if (this.watches.has(callId) || this.stopped) return;
    const w: Watch = { timer: null, fastUntil: this.deps.clock.now() + FAST_FOR_MS, holdChangedAt: 0, lookups: 0, seenCustomer: false, busy: false };
    this.watches.set(callId, w);
    void this.tick(callId);
  }

  private unwatch(callId: string): void {
    const w = this.watches.get(callId);
    if (w?.timer) this.deps.clock.clearTimeout(w.timer);
    this.watches.delete(callId);
  }

  /** Something changed or is on its way: poll fast for a while. */
  private hurry(callId: string, holdChanged = false): void {
    const w = this.watches.get(callId);
    if (!w) return;
    w.fastUntil = this.deps.clock.now() + FAST_FOR_MS;
    if (holdChanged) w.holdChangedAt = this.deps.clock.now();
    if (w.timer && !w.busy) {
      this.deps.clock.clearTimeout(w.timer);
      w.timer = this.deps.clock.setTimeout(() => void this.tick(callId), FAST_POLL_MS);
    }
  }

  private async tick(callId: string): Promise<void> {
    const w = this.watches.get(callId);
    const call = this.book.get(callId);
    const rest = this.deps.rest();
    if (!w || !call || call.phase === 'ended' || !rest.ok || this.stopped) return this.unwatch(callId);
    w.busy = true;
    try {
      await this.observe(call, rest.value, w);
    } catch (e) {
      this.deps.logger.warn('conference poll failed', { code: toAppError(e).code });
    } finally {
      w.busy = false;
    }
    if (this.watches.get(callId) !== w) return;
    const latest = this.book.get(callId);
    if (!latest || latest.phase === 'ended') return this.unwatch(callId);
    if (!latest.conferenceSid && w.lookups >= CONFERENCE_LOOKUPS) return this.unwatch(callId);
    const pending = latest.phase === 'connecting' || latest.transfer?.status === 'waiting' || latest.participants.some((p) => p.state === 'ringing');
    const fast = pending || w.fastUntil > this.deps.clock.now() || !latest.conferenceSid;
    w.timer = this.deps.clock.setTimeout(() => void this.tick(callId), fast ? FAST_POLL_MS : POLL_MS);
  }

  private async observe(call: CallState, rest: CallRest, w: Watch): Promise<void> {
    let conferenceSid = call.conferenceSid;
    if (!conferenceSid) {
      if (!call.taskSid) {
        w.lookups = CONFERENCE_LOOKUPS;
        return;
      }
      w.lookups++;
      conferenceSid = await rest.conferenceNamed(call.taskSid);
      if (!conferenceSid) return;
      call = this.book.apply(call.id, { type: 'linked', patch: { conferenceSid } }) ?? call;
      if (call.direction === 'outbound') await this.dialOutboundTarget(call, rest);
      call = this.book.get(call.id) ?? call;
    }
    const askedAt = this.deps.clock.now();
    const listed = await rest.participants(conferenceSid);
    const current = this.book.get(call.id);
    if (!current || current.phase === 'ended') return;
    const participants = describeParticipants(current, listed, this.knownOf(call.id));
    const before = JSON.stringify(current.participants);
    this.book.apply(call.id, { type: 'participants', participants });
    if (JSON.stringify(participants) !== before) w.fastUntil = this.deps.clock.now() + FAST_FOR_MS;
    const customer = current.customerCallSid ? listed.find((p) => p.callSid === current.customerCallSid) : undefined;
    const now = this.deps.clock.now();
    if (customer?.status === 'connected') {
      w.seenCustomer = true;
      if (current.phase === 'connecting') this.book.apply(call.id, { type: 'remoteAnswered', at: now });
      if (askedAt > w.holdChangedAt) this.book.apply(call.id, { type: 'hold', held: customer.hold, at: now });
      // The target of a cold transfer takes the customer off hold (if answering did not already).
      if (customer.hold) await this.releaseColdTransferCustomer(this.book.get(call.id) ?? current, false);
    } else if (w.seenCustomer && current.customerCallSid) {
      this.book.apply(call.id, { type: 'customerLeft', at: now });
    }
    await this.followTransfer(call.id, rest, listed);
  }

  private async releaseColdTransferCustomer(call: CallState, justAnswered: boolean): Promise<void> {
    const rest = this.deps.rest();
    if (!rest.ok || !call.reservationSid || !call.customerCallSid || !call.conferenceSid || !isConnected(call) || this.releasedTransfers.has(call.id)) return;
    const reservation = this.deps.reservation(call.reservationSid);
    const transfer = reservation ? transferOf(reservation.task.attributes) : null;
    if (!transfer || transfer.mode !== 'cold') return;
    if (!justAnswered && !call.participants.some((p) => p.role === 'me' && p.state !== 'left' && p.state !== 'ringing')) return;
    this.releasedTransfers.add(call.id);
    await rest.value.updateParticipant(call.conferenceSid, call.customerCallSid, { hold: false });
    this.book.apply(call.id, { type: 'hold', held: false, at: this.deps.clock.now() });
    this.hurry(call.id, true);
  }

  /** A warm transfer: the target's leg joining makes it a consult; a transfer task that ended unanswered fails it. */
  private async followTransfer(callId: string, rest: CallRest, listed: { callSid: string; label: string | null; status: string }[]): Promise<void> {
    const call = this.book.get(callId);
    const transfer = call?.transfer;
    if (!call || transfer?.status !== 'waiting') return;
    const known = this.knownOf(callId);
    const joined = listed.find((p) => p.callSid !== call.callSid && p.callSid !== call.customerCallSid && !known.has(p.callSid) && p.status === 'connected');
    if (joined) {
      known.set(joined.callSid, { label: transfer.targetName, role: 'colleague' });
      const participants = call.participants.map((p) => (p.callSid === joined.callSid ? { ...p, label: transfer.targetName, role: 'colleague' as const } : p));
      this.book.apply(callId, { type: 'participants', participants });
      this.book.apply(callId, { type: 'transfer', transfer: { ...transfer, status: 'consulting' } });
      return;
    }
    const task = await rest.fetchTask(transfer.taskSid).catch(() => null);
    if (task && (task.status === 'canceled' || task.status === 'completed')) {
      this.book.apply(callId, { type: 'transfer', transfer: { ...transfer, status: 'failed', detail: 'Nobody took the transfer. The caller is still on hold: resume them or try again.' } });
    }
  }

  // ------------------------------------------------------------------ helpers

  private conferenceCall(callId: string): Result<{ call: CallState; rest: CallRest }> {
    const call = this.book.get(callId);
    if (!call || call.phase === 'ended') return err('not_found', 'That call has ended.');
    const rest = this.deps.rest();
    if (!rest.ok) return this.fail(callId, rest.error.code, rest.error.message);
    if (!call.conferenceSid || !isConnected(call)) return this.fail(callId, 'not_found', 'This call is not in a conference, so this is not possible on it.');
    return ok({ call, rest: rest.value });
  }

  private fromFor(to: string, call: CallState | null): Result<string> {
    if (to.startsWith('client:')) return ok(this.deps.contactUri() ?? 'client:agent-desktop');
    const configured = this.deps.callerId();
    if (configured) return ok(configured);
    // The number the customer called is one of the account's numbers: a valid caller ID.
    const called = call?.reservationSid ? this.deps.reservation(call.reservationSid)?.task.attributes['to'] : undefined;
    if (typeof called === 'string' && /^\+[1-9]\d{1,14}$/.test(called)) return ok(called);
    if (this.deps.onEmulator()) return ok(FALLBACK_CALLER_ID);
    return err('not_configured', 'Dialing a phone number needs a caller ID from your Twilio account: set AGENT_DESKTOP_CALLER_ID.');
  }

  private knownOf(callId: string): Map<string, KnownLeg> {
    let known = this.known.get(callId);
    if (!known) this.known.set(callId, (known = new Map()));
    return known;
  }

  /** An error of one call: kept on that call (it vanishes with it) and answered. */
  private fail(callId: string, code: ErrorCode, message: string): { ok: false; error: AppError } {
    this.book.apply(callId, { type: 'error', message });
    return err(code, message);
  }
}
