import type { CallState } from '../../shared/call-state';
import type { Assignment, Reservation } from '../../shared/model';
import type { Clock } from '../types';
import type { ReservationStore } from './reservation-store';

/**
 * How long a new reservation of a workflow with an assignment callback is left to that callback's
 * server before it is shown as an offer. TaskRouter POSTs the callback as it creates the reservation
 * (the Worker SDK hears of it at the same moment) and waits about 5 s for the answer (the figure
 * commonly given; Twilio's pages do not state it); a server that answers with an instruction does
 * so within that time, and a Conference / Dequeue / Call then rings the agent's phone.
 */
export const ASSIGNMENT_WAIT_MS = 5_000;
/** A call linked to a reservation only by guess that is connected this long while the reservation is still pending was not TaskRouter's instruction. */
export const GUESS_CONFIRM_MS = 3_000;

export interface AssignmentWatchDeps {
  clock: Clock;
  store: ReservationStore;
  emit(reservation: Reservation): void;
}

/**
 * Who decides a pending reservation, as far as this desktop can tell (shared/model.ts `assignment`):
 * the agent (`offer`), the workflow's assignment callback server in its first seconds (`assigning`),
 * or an instruction that is ringing the agent's phone for it (`calling`). It never invents an
 * instruction: only a call that arrived for the reservation makes it `calling`, and an `assigning`
 * reservation becomes an offer once the server had its time.
 */
export class AssignmentWatch {
  private readonly waits = new Map<string, unknown>();
  private readonly guessChecks = new Map<string, unknown>();
  /** Guessed calls that turned out not to be TaskRouter's (by call id): they never make their offer `calling` again. */
  private readonly refuted = new Set<string>();

  constructor(private readonly deps: AssignmentWatchDeps) {}

  /** Every reservation the host pushes passes here. */
  onReservation(r: Reservation): void {
    if (r.status !== 'pending') {
      this.cancel(this.waits, r.sid);
      this.cancel(this.guessChecks, r.sid);
      return;
    }
    if (r.assignment !== 'assigning' || this.waits.has(r.sid)) return;
    const delay = Math.max(0, r.createdAt + ASSIGNMENT_WAIT_MS - this.deps.clock.now());
    this.waits.set(
      r.sid,
      this.deps.clock.setTimeout(() => {
        this.waits.delete(r.sid);
        if (this.deps.store.get(r.sid)?.assignment === 'assigning') this.set(r.sid, 'offer');
      }, delay),
    );
  }

  /**
   * Every call the host pushes passes here. `guessed`: the call named no reservation and this
   * desktop did not ask for it; it was linked because it arrived while that was the one pending
   * voice offer (what a Twilio account allows: its instruction calls carry no task parameters).
   */
  onCall(call: CallState, guessed: boolean): void {
    if (call.direction !== 'inbound' || !call.reservationSid) return;
    const sid = call.reservationSid;
    const r = this.deps.store.get(sid);
    if (call.phase === 'ended') this.refuted.delete(call.id);
    if (r?.status !== 'pending' || this.refuted.has(call.id)) return;
    if (call.phase === 'ended') {
      this.cancel(this.guessChecks, sid);
      // The call is over and TaskRouter did not accept: the agent decides again.
      if (r.assignment === 'calling') this.set(sid, 'offer');
      return;
    }
    this.cancel(this.waits, sid);
    this.set(sid, 'calling');
    if (guessed && call.liveAt !== null && !this.guessChecks.has(sid)) {
      // TaskRouter accepts a Conference/Dequeue reservation as the call connects: still pending means the guess was wrong.
      this.guessChecks.set(
        sid,
        this.deps.clock.setTimeout(() => {
          this.guessChecks.delete(sid);
          if (this.deps.store.get(sid)?.assignment !== 'calling') return;
          this.refuted.add(call.id);
          this.set(sid, 'offer');
        }, GUESS_CONFIRM_MS),
      );
    }
  }

  clear(): void {
    for (const timer of [...this.waits.values(), ...this.guessChecks.values()]) this.deps.clock.clearTimeout(timer);
    this.waits.clear();
    this.guessChecks.clear();
    this.refuted.clear();
  }

  private set(sid: string, assignment: Assignment): void {
    const stored = this.deps.store.setAssignment(sid, assignment);
    if (stored) this.deps.emit(stored);
  }

  private cancel(timers: Map<string, unknown>, sid: string): void {
    const timer = timers.get(sid);
    if (timer === undefined) return;
    this.deps.clock.clearTimeout(timer);
    timers.delete(sid);
  }
}
