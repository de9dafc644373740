import type { Lifecycle } from './lifecycle';
import { badRequest, fail, notFound, ok, versionMatches, versionMismatch } from './errors';
import { parseJsonObject } from './params';
import { parseReservationUpdate, recordedParams, type ReservationUpdate } from './reservation-params';
import type { EngineState } from './state';
import type { DialOutcome, EngineResult, InstructionRecord, RawParams, ReservationRecord, ReservationScope, ReservationStatus, TaskRecord, UpdateOptions, WorkerRecord } from './types';

/**
 * Reservation updates from REST or the Worker SDK: a status (accepted,
 * rejected, wrapping, completed) or an instruction (conference, dequeue, call,
 * redirect, supervise), and the dial through the voice bridge.
 */
export class ReservationUpdates {
  constructor(
    private readonly s: EngineState,
    private readonly life: Lifecycle,
  ) {}

  /**
   * Updates a reservation: a status (accepted, rejected, wrapping, completed)
   * or an instruction (conference, dequeue, call, redirect, supervise). With a
   * scope, the reservation must belong to that worker / task (404 otherwise).
   * Conference and dequeue answer at once with the reservation still pending;
   * it becomes accepted when the voice bridge reports the worker leg answered.
   */
  updateReservation(sid: string, raw: RawParams, options: UpdateOptions & ReservationScope = {}): EngineResult<ReservationRecord> {
    const r = this.s.reservations.get(sid);
    if (!r || (options.workerSid && r.workerSid !== options.workerSid) || (options.taskSid && r.taskSid !== options.taskSid)) return notFound('Reservation', sid);
    if (!versionMatches(options.ifMatch, r.version)) return versionMismatch('Reservation', sid, options.ifMatch ?? '', r.version);
    const parsed = parseReservationUpdate(raw, options.taskSid ? 'task' : 'worker');
    if (!parsed.ok) return parsed;
    const u = parsed.value;
    const result = u.Instruction ? this.applyInstruction(r, u) : this.applyStatus(r, u);
    this.s.afterChange();
    return result;
  }

  applyStatus(r: ReservationRecord, u: ReservationUpdate): EngineResult<ReservationRecord> {
    const target = u.ReservationStatus!;
    const allowedFrom: Record<string, ReservationStatus[]> = { accepted: ['pending'], rejected: ['pending'], wrapping: ['accepted'], completed: ['accepted', 'wrapping'] };
    if (!allowedFrom[target]?.includes(r.status)) return this.refused(r, target);
    if (target === 'rejected' && u.WorkerActivitySid && !this.s.activities.has(u.WorkerActivitySid)) return badRequest(`Activity ${u.WorkerActivitySid} does not exist in this workspace`);
    switch (target) {
      case 'accepted':
        this.life.accept(r);
        break;
      case 'rejected':
        this.life.endReservation(r, 'rejected', { countRejection: true, workerActivitySid: u.WorkerActivitySid ?? r.workerPreviousActivitySid });
        break;
      case 'wrapping':
        this.life.wrap(r);
        break;
      case 'completed':
        this.life.complete(r);
        break;
    }
    return ok(r);
  }

  applyInstruction(r: ReservationRecord, u: ReservationUpdate): EngineResult<ReservationRecord> {
    const name = u.Instruction!;
    if (name === 'supervise') {
      if (r.status !== 'accepted' && r.status !== 'wrapping') return this.refused(r, name);
    } else if (r.status !== 'pending') {
      return this.refused(r, name);
    }
    const worker = this.s.workers.get(r.workerSid);
    const task = this.s.tasks.get(r.taskSid);
    if (!worker || !task) return notFound('Reservation', r.sid);
    const contactUri = parseJsonObject(worker.attributes)['contact_uri'];
    const workerContact = typeof contactUri === 'string' && contactUri !== '' ? contactUri : null;
    const taskAttributes = parseJsonObject(task.attributes);
    const taskFrom = typeof taskAttributes['to'] === 'string' ? taskAttributes['to'] : typeof taskAttributes['from'] === 'string' ? taskAttributes['from'] : null;
    const postWork = name === 'conference' ? u.PostWorkActivitySid : name === 'dequeue' ? u.DequeuePostWorkActivitySid : undefined;
    if (postWork && !this.s.activities.has(postWork)) return badRequest(`Activity ${postWork} does not exist in this workspace`);
    if (name === 'conference' && postWork && this.s.workspace.multiTaskEnabled) return badRequest('PostWorkActivitySid is not valid in multi-tasking workspaces');
    let to: string | null = null;
    if (name === 'conference') to = u.To ?? workerContact;
    if (name === 'dequeue') to = u.DequeueTo ?? workerContact;
    if (name === 'call') to = u.CallTo ?? workerContact;
    if ((name === 'conference' || name === 'dequeue' || name === 'call') && !to) {
      const param = name === 'conference' ? 'To' : name === 'dequeue' ? 'DequeueTo' : 'CallTo';
      return badRequest(`Missing required parameter ${param}: worker ${worker.sid} has no contact_uri attribute, so the ${name} instruction needs ${param} to know whom to call`);
    }
    const instruction: InstructionRecord = { name, params: recordedParams(u, name), outcome: 'issued', callSid: null, conferenceSid: null, reason: null };
    r.instruction = instruction;
    r.postWorkActivitySid = postWork ?? r.postWorkActivitySid;
    this.s.touchReservation(r);
    if (name === 'redirect') {
      // The caller's live call leaves its queue and runs RedirectUrl (emulator/voice); a simulated record keeps the URL.
      const redirected = u.RedirectCallSid && u.RedirectUrl ? this.s.calls.redirect(u.RedirectCallSid, { url: u.RedirectUrl, method: 'POST' }) : undefined;
      // Twilio reports a call that is not live as error 40122; the update itself still answers 200.
      instruction.outcome = redirected?.ok ? 'issued' : 'failed';
      instruction.reason = redirected?.ok ? null : (redirected?.error.message ?? `Call ${u.RedirectCallSid ?? ''} is not a call the emulator knows (Twilio: 40122)`);
      if (u.RedirectAccept) this.life.accept(r);
      return ok(r);
    }
    if (name === 'supervise') return ok(r);
    const from = (name === 'conference' ? u.From : name === 'dequeue' ? u.DequeueFrom : u.CallFrom) ?? taskFrom;
    const timeoutSec = (name === 'conference' ? u.Timeout : name === 'dequeue' ? u.DequeueTimeout : u.CallTimeout) ?? 60;
    instruction.outcome = 'dialing';
    if (name === 'call' && u.CallAccept) this.life.accept(r);
    // Conference and dequeue mean "I accept": TaskRouter holds the reservation
    // while it sets the call up, and its timeout no longer runs.
    if (name !== 'call') this.s.clearReservationTimer(r.sid);
    this.dial(r, task, worker, name, to!, from, timeoutSec);
    return ok(r);
  }

  dial(r: ReservationRecord, task: TaskRecord, worker: WorkerRecord, name: 'conference' | 'dequeue' | 'call', to: string, from: string | null, timeoutSec: number): void {
    const generation = this.s.generation;
    const instruction = r.instruction!;
    this.s.abortDial(r.sid, 'Another instruction replaced this one');
    const controller = new AbortController();
    this.s.dialsInFlight.set(r.sid, controller);
    let promise: Promise<DialOutcome>;
    try {
      promise = this.s.voice.dialWorker({ reservation: r, task, worker, instruction: name, to, from, timeoutSec, params: instruction.params, signal: controller.signal });
    } catch (error) {
      promise = Promise.resolve({ outcome: 'failed', reason: error instanceof Error ? error.message : 'voice bridge failed' });
    }
    promise
      .catch((error: unknown): DialOutcome => ({ outcome: 'failed', reason: error instanceof Error ? error.message : 'voice bridge failed' }))
      .then((outcome) => {
        if (this.s.dialsInFlight.get(r.sid) === controller) this.s.dialsInFlight.delete(r.sid);
        const stale = generation !== this.s.generation || this.s.reservations.get(r.sid) !== r || r.instruction !== instruction;
        if (stale) {
          // Nobody wants this leg any more: do not leave a worker talking to silence.
          if (outcome.outcome === 'answered' && generation === this.s.generation) this.s.endWorkerLeg(outcome.callSid);
          return;
        }
        this.onDialOutcome(r, outcome);
        this.s.afterChange();
      })
      .catch((error: unknown) => console.error('emulator: dial outcome handling failed', error));
  }

  onDialOutcome(r: ReservationRecord, outcome: DialOutcome): void {
    const instruction = r.instruction!;
    instruction.outcome = outcome.outcome;
    if (outcome.outcome === 'answered') {
      instruction.callSid = outcome.callSid;
      instruction.conferenceSid = outcome.conferenceSid ?? null;
      if (instruction.name !== 'call' && r.status === 'pending') this.life.accept(r);
      else if (r.status === 'pending' || r.status === 'accepted' || r.status === 'wrapping') this.s.touchReservation(r);
      else {
        // The reservation ended (timeout, rescinded...) while the worker's phone rang.
        instruction.reason = `The worker answered after the reservation was ${r.status}`;
        this.s.touchReservation(r);
        this.s.endWorkerLeg(outcome.callSid);
      }
      return;
    }
    instruction.reason = outcome.reason;
    this.s.touchReservation(r);
    // A dial aborted because the reservation ended has nothing more to say.
    if (r.status !== 'pending') return;
    if (outcome.outcome === 'caller-hung-up') {
      const task = this.s.tasks.get(r.taskSid);
      if (task && (task.assignmentStatus === 'pending' || task.assignmentStatus === 'reserved')) this.life.cancelTask(task, 'Caller hung up before the worker answered');
      return;
    }
    if (instruction.name === 'call') {
      // A call instruction without CallAccept leaves the decision to the app: the reservation stays pending.
      this.s.events.emit('reservation.failed', { reservationSid: r.sid, taskSid: r.taskSid, workerSid: r.workerSid });
      return;
    }
    // The setup failed (no answer, busy, not registered): TaskRouter cancels the
    // held reservation and offers the task again.
    this.life.endReservation(r, 'canceled', {});
  }

  refused(r: ReservationRecord, target: string): { ok: false; error: { status: number; code: number; message: string } } {
    return fail(400, 20001, `Reservation ${r.sid} is already in state [${r.status}] and cannot be updated to [${target}]`);
  }
}
