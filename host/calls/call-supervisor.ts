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
import { Outbound } from './outbound';
import { transferOf } from './transfer-task';
import { Transfers } from './transfers';

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
/** A number the emulator accepts as caller ID when none is configured (a real account needs its own: AGENT_DESKTOP_CALLER_ID). */
const FALLBACK_CALLER_ID = '+15005550006';

export interface CallSupervisorDeps {
  clock: Clock;
  logger: Logger;
  /** REST for calls (API 2010 + tasks), or why there is none (token URL mode). */
  rest(): Result<CallRest>;
  reservation(sid: string): Reservation | undefined;
  /** This worker's pending reservations (to link a call that names none). */
  pendingReservations(): Reservation[];
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
  /** A reservation of this worker by its task SID (the store), for the outbound task's. */
  reservationOfTask(taskSid: string): Reservation | undefined;
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
  readonly hangUpRequested = new Set<string>();
  /** Calls linked to their reservation by guess (see `guessReservation`), by call id. */
  private readonly guessed = new Set<string>();
  private stopped = false;
  readonly transfers: Transfers;
  readonly outbound: Outbound;

  constructor(readonly deps: CallSupervisorDeps) {
    this.book = new CallBook((call) => deps.emitCall(call));
    this.expected = new ExpectedCalls(() => deps.clock.now());
    this.owner = new DeviceOwner(deps.clock, (id) => deps.emitOwner(id));
    this.transfers = new Transfers(this);
    this.outbound = new Outbound(this);
  }

  /** Another worker or account: nothing of the old calls may stay. */
  reset(): void {
    for (const id of [...this.watches.keys()]) this.unwatch(id);
    this.book.clear();
    this.known.clear();
    this.hangUpRequested.clear();
    this.guessed.clear();
    this.outbound.reset();
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

  isStopped(): boolean {
    return this.stopped;
  }

  // ------------------------------------------------------------------ transfers and outbound calls (transfers.ts, outbound.ts)

  startTransfer(callId: string, target: { type: 'worker' | 'queue'; sid: string }, mode: 'cold' | 'warm', targetName: string): Promise<Result<CallState>> {
    return this.transfers.startTransfer(callId, target, mode, targetName);
  }

  completeTransfer(callId: string): Promise<Result<CallState>> {
    return this.transfers.completeTransfer(callId);
  }

  cancelTransfer(callId: string): Promise<Result<CallState>> {
    return this.transfers.cancelTransfer(callId);
  }

  /** The target's side of a transfer (null when the reservation is not one). */
  acceptTransfer(reservation: Reservation): Promise<Result<Reservation> | null> {
    return this.transfers.acceptTransfer(reservation);
  }

  startOutbound(to: string, label: string | null): Promise<Result<CallState>> {
    return this.outbound.startOutbound(to, label);
  }

  // ------------------------------------------------------------------ reports from the Device's window

  async report(windowId: string, report: CallReport): Promise<Result<{ callId: string; expected: boolean }>> {
    if (!this.owner.isOwner(windowId)) return err('conflict', 'Another window of the app has the phone; this one only shows the calls.');
    const now = this.deps.clock.now();
    if (report.kind === 'incoming') {
      const existing = this.book.get(report.callSid);
      if (existing) return ok({ callId: existing.id, expected: false });
      const claimed = this.expected.claim(report.reservationSid);
      const guess = report.reservationSid || claimed ? null : this.guessReservation(report.from);
      if (guess) this.guessed.add(report.callSid);
      const reservationSid = report.reservationSid ?? claimed ?? guess;
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
        void this.transfers.releaseColdTransferCustomer(this.book.get(call.id)!, true).catch((e: unknown) => this.deps.logger.warn('could not take the transferred caller off hold', { code: toAppError(e).code }));
        break;
      case 'muted':
        this.book.apply(call.id, { type: 'muted', muted: report.muted });
        break;
      case 'error':
        // The Device's window words it; every window words the Voice SDK's code itself.
        this.book.apply(call.id, { type: 'error', error: { code: 'internal', message: report.message, reason: 'voice_sdk', ...(report.voiceCode !== undefined ? { params: { voiceCode: report.voiceCode } } : {}) } });
        break;
      case 'ended':
        await this.ended(call, report.how);
        break;
    }
    return ok({ callId: call.id, expected: false });
  }

  /** True when the call was linked to its reservation by guess only. */
  isGuessed(callId: string): boolean {
    return this.guessed.has(callId);
  }

  /**
   * The reservation a call that names none and that this desktop did not ask for is for: on a Twilio
   * account the calls TaskRouter places for a Conference, Dequeue or Call instruction carry no task
   * parameters, so a call that arrives while exactly one voice offer is pending is taken to be that
   * offer's instruction (sent by the workflow's assignment callback server or another system). Not a
   * colleague's call (`client:` caller). The guess never answers the call and never accepts the
   * reservation; it only changes what the offer's card says (host/model/assignment-watch.ts).
   */
  private guessReservation(from: string | null): string | null {
    if (from?.startsWith('client:')) return null;
    const voice = this.deps.pendingReservations().filter((r) => r.task.channel === 'voice');
    return voice.length === 1 ? voice[0]!.sid : null;
  }

  private async ended(call: CallState, how: 'canceled' | 'rejected' | 'agentHungUp' | 'remoteHungUp' | 'failed'): Promise<void> {
    const requested = this.hangUpRequested.delete(call.id);
    this.guessed.delete(call.id);
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
    // A guessed link is not the agent taking the offer (it may be another call entirely).
    if (!call?.reservationSid || call.direction === 'outbound' || this.guessed.has(callId)) return;
    const sid = call.reservationSid;
    this.deps.clock.setTimeout(() => {
      const current = this.book.get(callId);
      if (this.stopped || !current || !isConnected(current) || this.deps.reservation(sid)?.status !== 'pending') return;
      void this.deps.acceptReservation(sid).then((r) => {
        if (!r.ok) this.book.apply(callId, { type: 'error', error: { code: r.error.code, message: `The call is connected but its offer could not be accepted: ${r.error.message}`, reason: 'offer_not_accepted', params: { cause: r.error.code } } });
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
  relay(call: CallState, action: DeviceAction | { kind: 'dial'; to: string }): Result<CallState> {
    const windowId = this.owner.current();
    if (!windowId) return this.fail(call.id, 'not_configured', 'No window of the app has the phone open, so the call cannot be controlled from here.', { reason: 'no_phone_window' });
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
    const result = await this.endAgentLeg(call);
    // A hang-up that could not be sent is no hang-up: the call's end is told as it comes.
    if (!result.ok) this.hangUpRequested.delete(call.id);
    return result;
  }

  private async endAgentLeg(call: CallState): Promise<Result<CallState>> {
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
        return this.fail(call.id, toAppError(e).code, `Could not hang up: ${errorText(e)}`, { reason: 'hang_up_failed', params: { cause: toAppError(e).code } });
      }
    }
    return this.fail(call.id, 'not_configured', 'No window of the app has the phone open, so the call cannot be hung up from here.', { reason: 'no_phone_window' });
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
    if (!call.customerCallSid) return this.fail(callId, 'not_found', 'The customer of this call is not known, so they cannot be put on hold.', { reason: 'customer_unknown' });
    try {
      await rest.updateParticipant(call.conferenceSid!, call.customerCallSid, { hold });
      this.book.apply(callId, { type: 'error', error: null });
      this.book.apply(callId, { type: 'hold', held: hold, at: this.deps.clock.now() });
      this.hurry(callId, true);
      return ok(this.book.get(callId)!);
    } catch (e) {
      return toAppError(e).code === 'not_found'
        ? this.fail(callId, 'not_found', 'The caller is no longer on the call.', { reason: 'caller_gone' })
        : this.fail(callId, toAppError(e).code, `Hold did not work: ${errorText(e)}`, { reason: 'hold_failed', params: { cause: toAppError(e).code } });
    }
  }

  async addParticipant(callId: string, to: string, label?: string): Promise<Result<CallState>> {
    const found = this.conferenceCall(callId);
    if (!found.ok) return found;
    const { call, rest } = found.value;
    const from = this.fromFor(to, call);
    if (!from.ok) return this.fail(callId, from.error.code, from.error.message, from.error);
    try {
      const callSid = await rest.addParticipant(call.conferenceSid!, { from: from.value, to, label: to.startsWith('client:') ? 'worker' : 'external' });
      this.knownOf(callId).set(callSid, { label: label ?? to.replace(/^client:/, ''), role: to.startsWith('client:') ? 'colleague' : 'external' });
      this.book.apply(callId, { type: 'error', error: null });
      this.book.apply(callId, { type: 'participants', participants: [...call.participants, { callSid, label: label ?? to.replace(/^client:/, ''), role: to.startsWith('client:') ? 'colleague' : 'external', state: 'ringing' }] });
      this.hurry(callId);
      return ok(this.book.get(callId)!);
    } catch (e) {
      return this.fail(callId, toAppError(e).code, `Could not add ${to}: ${errorText(e)}`, { reason: 'add_failed', params: { to, cause: toAppError(e).code } });
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
      return this.fail(callId, toAppError(e).code, `Could not remove that participant: ${errorText(e)}`, { reason: 'remove_failed', params: { cause: toAppError(e).code } });
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
  hurry(callId: string, holdChanged = false): void {
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
      if (call.direction === 'outbound') await this.outbound.dialTarget(call, rest);
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
      if (customer.hold) await this.transfers.releaseColdTransferCustomer(this.book.get(call.id) ?? current, false);
    } else if (w.seenCustomer && current.customerCallSid && !this.hangUpRequested.has(call.id)) {
      // Not while the agent's hang-up is under way: ending the conference takes the caller's leg
      // first, and a poll in between would have the call end as "caller hung up".
      this.book.apply(call.id, { type: 'customerLeft', at: now });
    }
    await this.transfers.follow(call.id, rest, listed);
  }

  // ------------------------------------------------------------------ helpers

  conferenceCall(callId: string): Result<{ call: CallState; rest: CallRest }> {
    const call = this.book.get(callId);
    if (!call || call.phase === 'ended') return err('not_found', 'That call has ended.');
    const rest = this.deps.rest();
    if (!rest.ok) return this.fail(callId, rest.error.code, rest.error.message, rest.error);
    if (!call.conferenceSid || !isConnected(call)) return this.fail(callId, 'not_found', 'This call is not in a conference, so this is not possible on it.', { reason: 'no_conference' });
    return ok({ call, rest: rest.value });
  }

  fromFor(to: string, call: CallState | null): Result<string> {
    if (to.startsWith('client:')) return ok(this.deps.contactUri() ?? 'client:agent-desktop');
    const configured = this.deps.callerId();
    if (configured) return ok(configured);
    // The number the customer called is one of the account's numbers: a valid caller ID.
    const called = call?.reservationSid ? this.deps.reservation(call.reservationSid)?.task.attributes['to'] : undefined;
    if (typeof called === 'string' && /^\+[1-9]\d{1,14}$/.test(called)) return ok(called);
    if (this.deps.onEmulator()) return ok(FALLBACK_CALLER_ID);
    return err('not_configured', 'Dialing a phone number needs a caller ID from your Twilio account: set AGENT_DESKTOP_CALLER_ID.');
  }

  knownOf(callId: string): Map<string, KnownLeg> {
    let known = this.known.get(callId);
    if (!known) this.known.set(callId, (known = new Map()));
    return known;
  }

  /** An error of one call: kept on that call (it vanishes with it) and answered. */
  fail(callId: string, code: ErrorCode, message: string, words: Pick<AppError, 'reason' | 'params'> = {}): { ok: false; error: AppError } {
    // The UI words it from the reason and params (the English message is for logs and a UI that does not know the reason).
    const extra = { ...(words.reason ? { reason: words.reason } : {}), ...(words.params ? { params: words.params } : {}) };
    this.book.apply(callId, { type: 'error', error: { code, message, ...extra } });
    return err(code, message, extra);
  }
}
