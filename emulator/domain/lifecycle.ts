import type { EngineResult, ReservationRecord, TaskRecord } from './types';
import { fail, ok } from './errors';
import { ACTIVE, type EngineState } from './state';

/**
 * What happens to reservations and tasks as they move through their states:
 * accept (rescinding the others), wrap, complete, end without an accept
 * (reject, timeout, cancel, rescind), task cancel/wrap/complete, reservation
 * timeout and task TTL.
 */

export const REJECTIONS_BEFORE_CANCEL = 1000;

export class Lifecycle {
  constructor(private readonly s: EngineState) {}

  accept(r: ReservationRecord): void {
    const task = this.s.tasks.get(r.taskSid);
    this.s.setReservationStatus(r, 'accepted');
    this.s.events.emit('reservation.accepted', { reservationSid: r.sid, taskSid: r.taskSid, workerSid: r.workerSid });
    if (!task) return;
    for (const other of this.s.listReservations({ taskSid: task.sid, status: 'pending' })) this.endReservation(other, 'rescinded', { skipTaskUpdate: true });
    this.s.clearTaskTimer(task.sid);
    task.assignmentStatus = 'assigned';
    this.s.touchTask(task);
    this.s.events.emit('task.updated', { taskSid: task.sid });
    const queue = task.taskQueueSid ? this.s.taskQueues.get(task.taskQueueSid) : undefined;
    const worker = this.s.workers.get(r.workerSid);
    if (queue?.assignmentActivitySid && worker && this.s.activities.has(queue.assignmentActivitySid)) this.s.moveWorker(worker, queue.assignmentActivitySid);
  }

  wrap(r: ReservationRecord): void {
    this.s.setReservationStatus(r, 'wrapping');
    this.s.events.emit('reservation.wrapup', { reservationSid: r.sid, taskSid: r.taskSid, workerSid: r.workerSid });
    const task = this.s.tasks.get(r.taskSid);
    if (task && task.assignmentStatus === 'assigned') {
      task.assignmentStatus = 'wrapping';
      this.s.touchTask(task);
      this.s.events.emit('task.wrapup', { taskSid: task.sid });
    }
  }

  complete(r: ReservationRecord): void {
    this.s.setReservationStatus(r, 'completed');
    this.s.events.emit('reservation.completed', { reservationSid: r.sid, taskSid: r.taskSid, workerSid: r.workerSid });
    const task = this.s.tasks.get(r.taskSid);
    if (task && (task.assignmentStatus === 'assigned' || task.assignmentStatus === 'wrapping')) {
      const stillWorking = this.s.listReservations({ taskSid: task.sid }).some((o) => o.status === 'accepted' || o.status === 'wrapping');
      if (!stillWorking) {
        task.assignmentStatus = 'completed';
        task.reason = task.reason ?? 'Reservation completed';
        this.s.touchTask(task);
        this.s.events.emit('task.completed', { taskSid: task.sid });
      }
    }
    const worker = this.s.workers.get(r.workerSid);
    if (worker && r.postWorkActivitySid && this.s.activities.has(r.postWorkActivitySid)) this.s.moveWorker(worker, r.postWorkActivitySid);
    // Completing a task never hangs up a call (TaskRouter does not either).
  }

  /**
   * Ends a pending reservation without an accept (rejected, timeout, canceled,
   * rescinded): frees the worker, moves it if asked, and puts the task back to
   * pending when none of its reservations is still alive.
   */
  endReservation(r: ReservationRecord, status: 'rejected' | 'timeout' | 'canceled' | 'rescinded', opts: { countRejection?: boolean; workerActivitySid?: string; skipTaskUpdate?: boolean }): void {
    this.s.setReservationStatus(r, status);
    this.s.events.emit(`reservation.${status}`, { reservationSid: r.sid, taskSid: r.taskSid, workerSid: r.workerSid });
    this.s.abortDial(r.sid, `Reservation ${r.sid} was ${status}`);
    if (r.instruction?.callSid) this.s.endWorkerLeg(r.instruction.callSid);
    const worker = this.s.workers.get(r.workerSid);
    if (worker && opts.workerActivitySid && opts.workerActivitySid !== worker.activitySid && this.s.activities.has(opts.workerActivitySid)) this.s.moveWorker(worker, opts.workerActivitySid);
    if (opts.skipTaskUpdate) return;
    const task = this.s.tasks.get(r.taskSid);
    if (!task) return;
    if (opts.countRejection) {
      task.rejections++;
      if (task.rejections >= REJECTIONS_BEFORE_CANCEL && (task.assignmentStatus === 'pending' || task.assignmentStatus === 'reserved')) {
        this.cancelTask(task, `Task canceled after ${REJECTIONS_BEFORE_CANCEL} rejections`);
        return;
      }
    }
    this.settleTaskAfterEnd(task);
  }

  /**
   * Ends every live reservation of a task that is being deleted (the events' snapshots carry
   * the records, which are gone when listeners run): a pending offer is
   * `canceled`, accepted or wrapping work is `completed` (capacity is freed; no
   * post-work activity, no hang-up). Then `task.deleted`.
   */
  endForDeletedTask(task: TaskRecord): void {
    for (const r of this.s.listReservations({ taskSid: task.sid })) {
      if (r.status === 'pending') {
        this.s.setReservationStatus(r, 'canceled');
        this.s.abortDial(r.sid, `Task ${task.sid} was deleted`);
        if (r.instruction?.callSid) this.s.endWorkerLeg(r.instruction.callSid);
        this.s.events.emit('reservation.canceled', { reservationSid: r.sid, taskSid: task.sid, workerSid: r.workerSid });
      } else if (r.status === 'accepted' || r.status === 'wrapping') {
        this.s.setReservationStatus(r, 'completed');
        this.s.events.emit('reservation.completed', { reservationSid: r.sid, taskSid: task.sid, workerSid: r.workerSid });
      }
      this.s.clearReservationTimer(r.sid);
    }
    this.s.clearTaskTimer(task.sid);
    this.s.events.emit('task.deleted', { taskSid: task.sid });
  }

  settleTaskAfterEnd(task: TaskRecord): void {
    if (task.assignmentStatus !== 'reserved') return;
    const alive = this.s.listReservations({ taskSid: task.sid }).some((o) => ACTIVE.includes(o.status));
    if (alive) return;
    task.assignmentStatus = 'pending';
    this.s.touchTask(task);
    this.s.events.emit('task.updated', { taskSid: task.sid });
  }

  onReservationTimeout(sid: string): void {
    this.s.reservationTimers.delete(sid);
    const r = this.s.reservations.get(sid);
    if (!r || r.status !== 'pending') return;
    this.endReservation(r, 'timeout', { workerActivitySid: this.s.workspace.timeoutActivitySid });
    this.s.afterChange();
  }

  checkTaskTransition(task: TaskRecord, target: TaskRecord['assignmentStatus']): EngineResult<true> {
    const from = task.assignmentStatus;
    const allowed: Record<string, TaskRecord['assignmentStatus'][]> = {
      canceled: ['pending', 'reserved'],
      wrapping: ['assigned'],
      completed: ['assigned', 'wrapping'],
    };
    if (target === from) return ok(true);
    if (!allowed[target]?.includes(from)) return fail(400, 20001, `Task ${task.sid} is in state [${from}] and cannot be updated to [${target}]`);
    return ok(true);
  }

  applyTaskStatus(task: TaskRecord, target: TaskRecord['assignmentStatus'], reason: string | null): void {
    if (target === 'canceled') return this.cancelTask(task, reason ?? 'Task canceled');
    if (target === 'wrapping') {
      for (const r of this.s.listReservations({ taskSid: task.sid, status: 'accepted' })) this.wrap(r);
      if (task.assignmentStatus !== 'wrapping') {
        task.assignmentStatus = 'wrapping';
        this.s.touchTask(task);
        this.s.events.emit('task.wrapup', { taskSid: task.sid });
      }
      return;
    }
    if (target === 'completed') {
      task.reason = reason ?? task.reason;
      for (const r of this.s.listReservations({ taskSid: task.sid }).filter((o) => o.status === 'accepted' || o.status === 'wrapping')) this.complete(r);
      if (task.assignmentStatus !== 'completed') {
        task.assignmentStatus = 'completed';
        this.s.touchTask(task);
        this.s.events.emit('task.completed', { taskSid: task.sid });
      }
    }
  }

  cancelTask(task: TaskRecord, reason: string): void {
    for (const r of this.s.listReservations({ taskSid: task.sid, status: 'pending' })) this.endReservation(r, 'canceled', { skipTaskUpdate: true });
    this.s.clearTaskTimer(task.sid);
    task.assignmentStatus = 'canceled';
    task.reason = reason;
    this.s.touchTask(task);
    this.s.events.emit('task.canceled', { taskSid: task.sid });
  }

  onTaskTtl(sid: string): void {
    this.s.taskTimers.delete(sid);
    const task = this.s.tasks.get(sid);
    if (!task || (task.assignmentStatus !== 'pending' && task.assignmentStatus !== 'reserved')) return;
    this.cancelTask(task, 'Task TTL Exceeded');
    this.s.afterChange();
  }
}
