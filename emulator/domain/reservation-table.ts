import type { ReservationRecord } from './types';

/**
 * Every reservation by SID (a Map, so every existing use stays as it is), indexed by
 * worker and by task. Reservations are never forgotten during a run, so a scan of all
 * of them per worker (routing checks every worker's capacity for every waiting task)
 * grew with the shift: with 500 agents it blocked the event loop for seconds. The
 * indexes keep insertion order, so lists answer in the order they always did.
 * A reservation's worker and task never change, which is what keeps the indexes true.
 */
export class ReservationTable extends Map<string, ReservationRecord> {
  private readonly byWorker = new Map<string, Map<string, ReservationRecord>>();
  private readonly byTask = new Map<string, Map<string, ReservationRecord>>();

  override set(sid: string, reservation: ReservationRecord): this {
    const previous = super.get(sid);
    // Replacing a record keeps its place (as Map.set does), unless it moved to another worker or task.
    if (previous && (previous.workerSid !== reservation.workerSid || previous.taskSid !== reservation.taskSid)) this.unindex(previous);
    super.set(sid, reservation);
    indexInto(this.byWorker, reservation.workerSid, reservation);
    indexInto(this.byTask, reservation.taskSid, reservation);
    return this;
  }

  override delete(sid: string): boolean {
    const previous = super.get(sid);
    if (previous) this.unindex(previous);
    return super.delete(sid);
  }

  override clear(): void {
    super.clear();
    this.byWorker.clear();
    this.byTask.clear();
  }

  /** The worker's reservations, oldest first. */
  ofWorker(workerSid: string): Iterable<ReservationRecord> {
    return this.byWorker.get(workerSid)?.values() ?? [];
  }

  /** The task's reservations, oldest first. */
  ofTask(taskSid: string): Iterable<ReservationRecord> {
    return this.byTask.get(taskSid)?.values() ?? [];
  }

  private unindex(reservation: ReservationRecord): void {
    removeFrom(this.byWorker, reservation.workerSid, reservation.sid);
    removeFrom(this.byTask, reservation.taskSid, reservation.sid);
  }
}

function indexInto(index: Map<string, Map<string, ReservationRecord>>, key: string, reservation: ReservationRecord): void {
  let bucket = index.get(key);
  if (!bucket) index.set(key, (bucket = new Map()));
  bucket.set(reservation.sid, reservation);
}

function removeFrom(index: Map<string, Map<string, ReservationRecord>>, key: string, sid: string): void {
  const bucket = index.get(key);
  if (!bucket) return;
  bucket.delete(sid);
  if (bucket.size === 0) index.delete(key);
}
