import type { Predicate } from './expression';
import { targetAdmits } from './workflow-config';
import type { Lifecycle } from './lifecycle';
import { parseJsonObject } from './params';
import { ACTIVE, type EngineState } from './state';
import type { ReservationRecord, TaskRecord, WorkerRecord } from './types';

const isWorkerTarget = (task: TaskRecord): boolean => task.routingTarget !== null && task.routingTarget.startsWith('WK');

/**
 * Routing: offers pending tasks (highest priority, then oldest) to eligible
 * available workers with free capacity, up to the queue's
 * max_reserved_workers reservations at once.
 */
export class Router {
  private routing = false;
  private rerouteRequested = false;
  /** Each worker's parsed attributes, re-parsed only when the JSON changes: every waiting task checks every worker. */
  private readonly attributes = new Map<string, { raw: string; parsed: Record<string, unknown> }>();

  constructor(
    private readonly s: EngineState,
    private readonly life: Lifecycle,
  ) {}

  /**
   * Offers pending tasks (highest priority, then oldest) to eligible available
   * workers with free capacity, up to the queue's max_reserved_workers
   * reservations at once.
   */
  route(): void {
    if (this.routing) {
      this.rerouteRequested = true;
      return;
    }
    this.routing = true;
    try {
      for (let pass = 0; pass < 20; pass++) {
        this.rerouteRequested = false;
        const waiting = [...this.s.tasks.values()]
          .filter((t) => (t.assignmentStatus === 'pending' || t.assignmentStatus === 'reserved') && (t.taskQueueSid || isWorkerTarget(t)))
          .sort((a, b) => b.priority - a.priority || this.queueOrder(a, b));
        for (const task of waiting) this.offer(task);
        if (!this.rerouteRequested) break;
      }
    } finally {
      this.routing = false;
    }
  }

  /** Older virtual start time first (LIFO queues: newer first); `VirtualStartTime` is what orders routing. */
  queueOrder(a: TaskRecord, b: TaskRecord): number {
    const order = a.taskQueueSid ? this.s.taskQueues.get(a.taskQueueSid)?.taskOrder : 'FIFO';
    const diff = a.virtualStartTime - b.virtualStartTime || (a.taskQueueEnteredDate ?? a.dateCreated) - (b.taskQueueEnteredDate ?? b.dateCreated);
    return order === 'LIFO' ? -diff : diff;
  }

  offer(task: TaskRecord): void {
    if (isWorkerTarget(task)) return this.offerToTargetWorker(task, task.routingTarget!);
    const queue = this.s.taskQueues.get(task.taskQueueSid!);
    const predicate = this.s.compiledQueues.get(task.taskQueueSid!);
    if (!queue || !predicate) return;
    const mine = this.s.listReservations({ taskSid: task.sid });
    let open = queue.maxReservedWorkers - mine.filter((r) => r.status === 'pending').length;
    for (let guard = 0; guard < 50 && open > 0; guard++) {
      const worker = this.pickWorker(task, predicate, mine);
      if (!worker) return;
      mine.push(this.reserve(task, worker));
      open--;
    }
  }

  /**
   * `RoutingTarget` = a worker: one reservation at a time, for that worker only. With
   * `IgnoreCapacity` (the default) it is offered whatever the worker's activity and capacity.
   */
  offerToTargetWorker(task: TaskRecord, workerSid: string): void {
    const worker = this.s.workers.get(workerSid);
    if (!worker) return;
    if (this.s.listReservations({ taskSid: task.sid, status: 'pending' }).length > 0) return;
    if (!task.ignoreCapacity && (!this.s.activityOf(worker).available || !this.hasCapacity(worker, task))) return;
    this.reserve(task, worker);
  }

  pickWorker(task: TaskRecord, predicate: Predicate, mine: ReservationRecord[]): WorkerRecord | null {
    const candidates: { worker: WorkerRecord; triedBefore: boolean; index: number }[] = [];
    // The workflow target may narrow the queue's workers (target expression, known worker).
    const target = this.s.taskTargets.get(task.sid);
    const taskAttributes = target ? parseJsonObject(task.attributes) : {};
    let index = 0;
    for (const worker of this.s.workers.values()) {
      index++;
      if (!this.s.activityOf(worker).available) continue;
      if (mine.some((r) => r.workerSid === worker.sid && r.status === 'pending')) continue;
      if (!this.hasCapacity(worker, task)) continue;
      const attributes = this.attributesOf(worker);
      if (!predicate(attributes)) continue;
      if (target && target.queueSid === task.taskQueueSid && !targetAdmits(target, worker, attributes, taskAttributes)) continue;
      candidates.push({ worker, triedBefore: mine.some((r) => r.workerSid === worker.sid), index });
    }
    candidates.sort((a, b) => Number(a.triedBefore) - Number(b.triedBefore) || (this.s.lastOffered.get(a.worker.sid) ?? 0) - (this.s.lastOffered.get(b.worker.sid) ?? 0) || a.index - b.index);
    return candidates[0]?.worker ?? null;
  }

  private attributesOf(worker: WorkerRecord): Record<string, unknown> {
    const cached = this.attributes.get(worker.sid);
    if (cached?.raw === worker.attributes) return cached.parsed;
    const parsed = parseJsonObject(worker.attributes);
    this.attributes.set(worker.sid, { raw: worker.attributes, parsed });
    return parsed;
  }

  hasCapacity(worker: WorkerRecord, task: TaskRecord): boolean {
    const active = this.s.listReservations({ workerSid: worker.sid }).filter((r) => ACTIVE.includes(r.status));
    if (!this.s.workspace.multiTaskEnabled) return active.length === 0;
    const channel = [...(this.s.workerChannels.get(worker.sid)?.values() ?? [])].find((c) => c.taskChannelSid === task.taskChannelSid);
    if (!channel || !channel.available || channel.capacity <= 0) return false;
    const used = active.filter((r) => this.s.tasks.get(r.taskSid)?.taskChannelSid === task.taskChannelSid).length;
    return used < channel.capacity;
  }

  reserve(task: TaskRecord, worker: WorkerRecord): ReservationRecord {
    const at = this.s.clock.now();
    const workflow = this.s.workflows.get(task.workflowSid);
    const r: ReservationRecord = {
      sid: this.s.ids.sid('WR'),
      taskSid: task.sid,
      workerSid: worker.sid,
      workerName: worker.friendlyName,
      status: 'pending',
      dateCreated: at,
      dateUpdated: at,
      version: 0,
      timeoutSeconds: workflow?.taskReservationTimeout ?? 120,
      workerPreviousActivitySid: worker.activitySid,
      postWorkActivitySid: null,
      instruction: null,
      history: [{ status: 'pending', at }],
    };
    this.s.reservations.set(r.sid, r);
    this.s.lastOffered.set(worker.sid, at + this.s.lastOffered.size);
    const sid = r.sid;
    this.s.reservationTimers.set(sid, this.s.clock.setTimer(r.timeoutSeconds * 1000, () => this.life.onReservationTimeout(sid)));
    if (task.assignmentStatus === 'pending') {
      task.assignmentStatus = 'reserved';
      this.s.touchTask(task);
    }
    this.s.events.emit('reservation.created', { reservationSid: sid, taskSid: task.sid, workerSid: worker.sid });
    const queue = task.taskQueueSid ? this.s.taskQueues.get(task.taskQueueSid) : undefined;
    if (queue?.reservationActivitySid && this.s.activities.has(queue.reservationActivitySid)) this.s.moveWorker(worker, queue.reservationActivitySid);
    return r;
  }
}
