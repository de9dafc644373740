import { z } from 'zod';
import { badRequest, inUse, notFound, ok, versionMatches, versionMismatch } from './errors';
import { compileExpression, type Predicate } from './expression';
import type { Lifecycle } from './lifecycle';
import { formBool, formInt, formJsonObject, formSid, formString, parseJsonObject, parseParams } from './params';
import { ACTIVE, type EngineState, type WorkerFilter } from './state';
import type { EngineResult, RawParams, UpdateOptions, WorkerChannelRecord, WorkerRecord } from './types';

const createWorkerSchema = z.object({ FriendlyName: formString(64).refine((s) => s.trim() !== '', 'must not be empty'), ActivitySid: formSid('WA').optional(), Attributes: formJsonObject.optional() });
const updateWorkerSchema = z.object({ ActivitySid: formSid('WA').optional(), Attributes: formJsonObject.optional(), FriendlyName: formString(64).optional(), RejectPendingReservations: formBool.optional() });
const updateWorkerChannelSchema = z.object({ Capacity: formInt(0, 50).optional(), Available: formBool.optional() });

/** Workers and their channels: list with filters, create, update (activity, attributes), delete, capacity. */
export class WorkerOps {
  constructor(
    private readonly s: EngineState,
    private readonly life: Lifecycle,
  ) {}

  listWorkers(filter: WorkerFilter = {}): EngineResult<WorkerRecord[]> {
    let predicate: Predicate | null = null;
    if (filter.targetWorkersExpression !== undefined) {
      const compiled = compileExpression(filter.targetWorkersExpression);
      if (!compiled.ok) return badRequest(`Invalid TargetWorkersExpression: ${compiled.message}`);
      predicate = compiled.predicate;
    }
    const queuePredicate = filter.taskQueueSid ? this.s.compiledQueues.get(filter.taskQueueSid) : undefined;
    if (filter.taskQueueSid && !queuePredicate) return ok([]);
    return ok(
      [...this.s.workers.values()].filter((w) => {
        const activity = this.s.activities.get(w.activitySid);
        if (filter.activitySid && w.activitySid !== filter.activitySid) return false;
        if (filter.activityName && activity?.friendlyName !== filter.activityName) return false;
        if (filter.available !== undefined && (activity?.available ?? false) !== filter.available) return false;
        if (filter.friendlyName && w.friendlyName.toLowerCase() !== filter.friendlyName.toLowerCase()) return false;
        const attrs = parseJsonObject(w.attributes);
        if (predicate && !predicate(attrs)) return false;
        if (queuePredicate && !queuePredicate(attrs)) return false;
        return true;
      }),
    );
  }

  createWorker(raw: RawParams): EngineResult<WorkerRecord> {
    const parsed = parseParams(createWorkerSchema, raw);
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    if (p.ActivitySid && !this.s.activities.has(p.ActivitySid)) return badRequest(`Activity ${p.ActivitySid} does not exist in this workspace`);
    if ([...this.s.workers.values()].some((w) => w.friendlyName === p.FriendlyName)) return inUse(`A worker named ${p.FriendlyName} already exists`);
    const at = this.s.clock.now();
    const worker: WorkerRecord = { sid: this.s.ids.sid('WK'), friendlyName: p.FriendlyName, attributes: p.Attributes ?? '{}', activitySid: p.ActivitySid ?? this.s.workspace.defaultActivitySid, dateCreated: at, dateUpdated: at, dateStatusChanged: at, version: 0 };
    this.s.workers.set(worker.sid, worker);
    const channels = new Map<string, WorkerChannelRecord>();
    for (const channel of this.s.taskChannels.values()) {
      const wc: WorkerChannelRecord = { sid: this.s.ids.sid('WC'), workerSid: worker.sid, taskChannelSid: channel.sid, capacity: 1, available: true, dateCreated: at, dateUpdated: at };
      channels.set(wc.sid, wc);
    }
    this.s.workerChannels.set(worker.sid, channels);
    this.s.afterChange();
    return ok(worker);
  }

  updateWorker(sid: string, raw: RawParams, options: UpdateOptions = {}): EngineResult<WorkerRecord> {
    const worker = this.s.workers.get(sid);
    if (!worker) return notFound('Worker', sid);
    if (!versionMatches(options.ifMatch, worker.version)) return versionMismatch('Worker', sid, options.ifMatch ?? '', worker.version);
    const parsed = parseParams(updateWorkerSchema, raw);
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    const target = p.ActivitySid ? this.s.activities.get(p.ActivitySid) : undefined;
    if (p.ActivitySid && !target) return badRequest(`Activity ${p.ActivitySid} does not exist in this workspace`);
    if (p.FriendlyName !== undefined && p.FriendlyName !== worker.friendlyName && [...this.s.workers.values()].some((w) => w.friendlyName === p.FriendlyName)) return inUse(`A worker named ${p.FriendlyName} already exists`);
    const pending = this.s.listReservations({ workerSid: sid, status: 'pending' });
    const movingToUnavailable = target !== undefined && !target.available && target.sid !== worker.activitySid;
    if (movingToUnavailable && pending.length > 0 && !p.RejectPendingReservations) {
      return badRequest(`Worker ${sid} has ${pending.length} pending reservation(s); set RejectPendingReservations=true to move it to the unavailable activity ${target.friendlyName}`);
    }
    let changed = false;
    if (movingToUnavailable && p.RejectPendingReservations) {
      for (const r of pending) this.life.endReservation(r, 'rejected', { countRejection: true });
    }
    if (target && target.sid !== worker.activitySid) {
      this.s.moveWorker(worker, target.sid);
      changed = true;
    }
    if (p.Attributes !== undefined && p.Attributes !== worker.attributes) {
      worker.attributes = p.Attributes;
      this.s.events.emit('worker.attributes.update', { workerSid: sid });
      changed = true;
    }
    if (p.FriendlyName !== undefined && p.FriendlyName !== worker.friendlyName) {
      worker.friendlyName = p.FriendlyName;
      changed = true;
    }
    if (changed) this.s.touchWorker(worker);
    this.s.afterChange();
    return ok(worker);
  }

  deleteWorker(sid: string, options: UpdateOptions = {}): EngineResult<true> {
    const worker = this.s.workers.get(sid);
    if (!worker) return notFound('Worker', sid);
    if (!versionMatches(options.ifMatch, worker.version)) return versionMismatch('Worker', sid, options.ifMatch ?? '', worker.version);
    if (this.s.listReservations({ workerSid: sid }).some((r) => r.status === 'accepted' || r.status === 'wrapping')) return badRequest(`Worker ${sid} has assigned tasks and cannot be deleted`);
    for (const r of this.s.listReservations({ workerSid: sid, status: 'pending' })) this.life.endReservation(r, 'canceled', {});
    for (const r of this.s.listReservations({ workerSid: sid })) this.s.reservations.delete(r.sid);
    this.s.statistics.activityEnded(sid, worker.activitySid, worker.dateStatusChanged);
    this.s.workers.delete(sid);
    this.s.workerChannels.delete(sid);
    this.s.afterChange();
    return ok(true);
  }

  updateWorkerChannel(workerSid: string, sidOrName: string, raw: RawParams): EngineResult<WorkerChannelRecord> {
    if (!this.s.workers.has(workerSid)) return notFound('Worker', workerSid);
    const channel = this.getWorkerChannel(workerSid, sidOrName);
    if (!channel) return notFound('WorkerChannel', sidOrName);
    const parsed = parseParams(updateWorkerChannelSchema, raw);
    if (!parsed.ok) return parsed;
    if (parsed.value.Capacity !== undefined) channel.capacity = parsed.value.Capacity;
    if (parsed.value.Available !== undefined) channel.available = parsed.value.Available;
    channel.dateUpdated = this.s.clock.now();
    this.s.events.emit('worker.capacity.update', { workerSid });
    this.s.afterChange();
    return ok(channel);
  }

  listWorkerChannels(workerSid: string): WorkerChannelRecord[] {
    return [...(this.s.workerChannels.get(workerSid)?.values() ?? [])];
  }

  /** By WC sid or by task channel unique name (Twilio accepts both). */
  getWorkerChannel(workerSid: string, sidOrName: string): WorkerChannelRecord | undefined {
    const channels = this.s.workerChannels.get(workerSid);
    if (!channels) return undefined;
    const direct = channels.get(sidOrName);
    if (direct) return direct;
    const channel = this.s.findTaskChannel(sidOrName);
    return channel ? [...channels.values()].find((c) => c.taskChannelSid === channel.sid) : undefined;
  }

  /** Tasks of this worker channel that hold capacity (pending, accepted or wrapping reservations). */
  assignedTasks(channel: WorkerChannelRecord): number {
    let count = 0;
    for (const r of this.s.reservations.ofWorker(channel.workerSid)) {
      if (r.status === 'pending' || !ACTIVE.includes(r.status)) continue;
      if (this.s.tasks.get(r.taskSid)?.taskChannelSid === channel.taskChannelSid) count++;
    }
    return count;
  }
}
