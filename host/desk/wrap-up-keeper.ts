import { WRAP_UP_EXTENSION_SECONDS, type DeskSettings, type WrapUp } from '../../shared/desk';
import { ENDED_STATUSES, type Reservation } from '../../shared/model';
import { err, ok, type Result } from '../../shared/result';
import type { TaskRouterApi } from '../twilio/api';
import { toAppError, httpStatusOf } from '../twilio/errors';
import type { Clock } from '../types';
import { TIMED_OUT_OUTCOME, withWrapUpOutcome, type WrapUpOutcome } from './insights-attributes';

export interface WrapUpKeeperDeps {
  clock: Clock;
  settings(): DeskSettings;
  api(): Result<TaskRouterApi>;
  reservation(sid: string): Reservation | undefined;
  /** Completes the reservation (the host's completeReservation). */
  complete(sid: string): Promise<Result<Reservation>>;
  emitUpdated(wrapUp: WrapUp): void;
  emitEnded(reservationSid: string): void;
}

/** How often a write refused with 412 (someone else changed the task) is re-read and tried again. */
const CONFLICT_ATTEMPTS = 3;
/** The longest a wrap-up can be extended to, from now. */
const MAX_AHEAD_MS = 3_600_000;

/**
 * After-call work, kept in the host so that it runs when no window is open and
 * every window shows the same timer, disposition and notes. A reservation that
 * starts wrapping gets the desk's timer; when it runs out the task's outcome is
 * written and the reservation completed (the host then applies the agent's
 * "after this task" activity, as for any completion).
 */
export class WrapUpKeeper {
  private readonly open = new Map<string, { wrapUp: WrapUp; timer: unknown }>();

  constructor(private readonly deps: WrapUpKeeperDeps) {}

  list(): WrapUp[] {
    return [...this.open.values()].map((e) => e.wrapUp);
  }

  /** Follows every reservation change: wrapping starts a wrap-up, an ended reservation ends it. */
  onReservation(r: Reservation): void {
    if (r.status === 'wrapping' && !this.open.has(r.sid)) this.start(r.sid);
    else if (ENDED_STATUSES.includes(r.status) && this.open.has(r.sid)) this.end(r.sid);
  }

  save(sid: string, draft: WrapUpOutcome): Result<WrapUp> {
    const entry = this.entryFor(sid);
    if (!entry.ok) return entry;
    return ok(this.update(sid, { disposition: draft.disposition, notes: draft.notes }));
  }

  extend(sid: string): Result<WrapUp> {
    const entry = this.entryFor(sid);
    if (!entry.ok) return entry;
    const { deadline } = entry.value.wrapUp;
    if (deadline === null) return ok(entry.value.wrapUp);
    const now = this.deps.clock.now();
    const next = Math.min(Math.max(deadline, now) + WRAP_UP_EXTENSION_SECONDS * 1_000, now + MAX_AHEAD_MS);
    const updated = this.update(sid, { deadline: next });
    this.schedule(sid, next);
    return ok(updated);
  }

  /**
   * Writes the outcome to the task (If-Match, re-read on conflict) and completes
   * the reservation. A required disposition is enforced, except when the timer
   * ran out: then the outcome says so, because the task must not stay open.
   */
  async finish(sid: string, outcome: WrapUpOutcome, options: { timedOut?: boolean } = {}): Promise<Result<Reservation>> {
    const settings = this.deps.settings();
    const needsDisposition = settings.dispositionRequired && settings.dispositions.length > 0 && !outcome.disposition;
    if (needsDisposition && !options.timedOut) return err('invalid_input', 'Choose a disposition before completing.', { field: 'disposition', fields: { disposition: { key: 'disposition_required' } } });
    if (outcome.disposition && settings.dispositions.length > 0 && !settings.dispositions.includes(outcome.disposition)) {
      return err('invalid_input', 'Choose one of the listed dispositions.', { field: 'disposition', fields: { disposition: { key: 'disposition_unknown' } } });
    }
    const reservation = this.deps.reservation(sid);
    if (!reservation) return err('not_found', 'This task is not known to the desktop any more.', { reason: 'task_unknown' });
    const tracked = this.open.get(sid);
    if (tracked?.wrapUp.state === 'completing') return err('conflict', 'This task is already being completed.', { reason: 'already_completing' });
    if (tracked) this.update(sid, { state: 'completing', problem: null, disposition: outcome.disposition, notes: outcome.notes });
    const written = await this.writeOutcome(reservation.taskSid, needsDisposition ? { ...outcome, disposition: TIMED_OUT_OUTCOME } : outcome);
    const result = written.ok ? await this.deps.complete(sid) : written;
    if (!result.ok && this.open.has(sid)) this.update(sid, { state: 'failed', problem: { code: result.error.code, message: result.error.message } });
    return result;
  }

  clear(): void {
    for (const sid of [...this.open.keys()]) this.end(sid);
  }

  private async writeOutcome(taskSid: string, outcome: WrapUpOutcome): Promise<Result<true>> {
    if (!outcome.disposition && !outcome.notes.trim()) return ok(true);
    const api = this.deps.api();
    if (!api.ok) return api;
    for (let attempt = 1; ; attempt++) {
      try {
        const { task, version } = await api.value.fetchVersionedTask(taskSid);
        await api.value.updateTaskAttributes(taskSid, withWrapUpOutcome(task.attributes, outcome), version);
        return ok(true);
      } catch (e) {
        // 412: the task changed between our read and our write; read it again so nothing written by others is lost.
        if (httpStatusOf(e) === 412 && attempt < CONFLICT_ATTEMPTS) continue;
        const error = toAppError(e);
        return err(error.code, `The disposition could not be saved to the task: ${error.message}`);
      }
    }
  }

  private entryFor(sid: string): Result<{ wrapUp: WrapUp; timer: unknown }> {
    const existing = this.open.get(sid);
    if (existing) return ok(existing);
    // Wrapping before the host started (or before the keeper knew): start now.
    const r = this.deps.reservation(sid);
    if (r?.status === 'wrapping') return ok(this.start(sid));
    return err('reservation_not_pending', 'This task is not in wrap-up.', { reason: 'not_wrapping' });
  }

  private start(sid: string): { wrapUp: WrapUp; timer: unknown } {
    const now = this.deps.clock.now();
    const seconds = this.deps.settings().wrapUpSeconds;
    const wrapUp: WrapUp = { reservationSid: sid, startedAt: now, deadline: seconds > 0 ? now + seconds * 1_000 : null, disposition: null, notes: '', state: 'open', problem: null };
    const entry = { wrapUp, timer: null as unknown };
    this.open.set(sid, entry);
    if (wrapUp.deadline !== null) this.schedule(sid, wrapUp.deadline);
    this.deps.emitUpdated(wrapUp);
    return entry;
  }

  private schedule(sid: string, deadline: number): void {
    const entry = this.open.get(sid);
    if (!entry) return;
    if (entry.timer !== null) this.deps.clock.clearTimeout(entry.timer);
    entry.timer = this.deps.clock.setTimeout(() => void this.expire(sid), Math.max(0, deadline - this.deps.clock.now()));
  }

  private async expire(sid: string): Promise<void> {
    const entry = this.open.get(sid);
    if (!entry || entry.wrapUp.state === 'completing') return;
    entry.timer = null;
    const { disposition, notes } = entry.wrapUp;
    await this.finish(sid, { disposition, notes }, { timedOut: true });
  }

  private update(sid: string, patch: Partial<WrapUp>): WrapUp {
    const entry = this.open.get(sid)!;
    entry.wrapUp = { ...entry.wrapUp, ...patch };
    this.deps.emitUpdated(entry.wrapUp);
    return entry.wrapUp;
  }

  private end(sid: string): void {
    const entry = this.open.get(sid);
    if (!entry) return;
    if (entry.timer !== null) this.deps.clock.clearTimeout(entry.timer);
    this.open.delete(sid);
    this.deps.emitEnded(sid);
  }
}
