import { z } from 'zod';
import { CallStore } from './calls';
import type { SimClock, TimerId } from './clock';
import { badRequest, fail, inUse, notFound, ok, versionMatches, versionMismatch } from './errors';
import { EventHub } from './events';
import { compileExpression, type Predicate } from './expression';
import type { IdFactory } from './ids';
import { formBool, formEnum, formInt, formJsonObject, formSid, formString, formUrl, parseJsonObject, parseParams } from './params';
import { parseReservationUpdate, recordedParams, type ReservationUpdate } from './reservation-params';
import { SimulatedVoiceBridge } from './simulated-voice';
import type {
  ActivityRecord,
  DialOutcome,
  DomainEventListener,
  EngineResult,
  InstructionRecord,
  RawParams,
  ReservationRecord,
  ReservationScope,
  ReservationStatus,
  TaskChannelRecord,
  TaskQueueRecord,
  TaskRecord,
  UpdateOptions,
  VoiceBridge,
  WorkerChannelRecord,
  WorkerRecord,
  WorkflowRecord,
  WorkspaceRecord,
} from './types';

/**
 * TaskRouter, in memory: one account, one workspace, its activities, workers,
 * workflows, queues, channels, tasks and reservations, and the routing that
 * turns pending tasks into reservations. Every method validates its input and
 * answers errors as values; no method leaves state half-changed (validation
 * happens before the first write).
 */

export const REJECTIONS_BEFORE_CANCEL = 1000;
const ACTIVE: readonly ReservationStatus[] = ['pending', 'accepted', 'wrapping'];
const MAX_PRIORITY = 2_147_483_647;

export interface EngineOptions {
  clock: SimClock;
  ids: IdFactory;
  accountSid: string;
}

/** Everything the workspace starts with; `reset` rebuilds exactly this. */
export interface SeedPlan {
  workspace: Omit<WorkspaceRecord, 'dateCreated' | 'dateUpdated'>;
  activities: Omit<ActivityRecord, 'dateCreated' | 'dateUpdated'>[];
  taskChannels: Omit<TaskChannelRecord, 'dateCreated' | 'dateUpdated'>[];
  taskQueues: Omit<TaskQueueRecord, 'dateCreated' | 'dateUpdated'>[];
  workflows: Omit<WorkflowRecord, 'dateCreated' | 'dateUpdated'>[];
  workers: { sid: string; friendlyName: string; attributes: string; activitySid: string; channelSids: Record<string, string> }[];
}

export interface WorkerFilter {
  activitySid?: string;
  activityName?: string;
  available?: boolean;
  friendlyName?: string;
  targetWorkersExpression?: string;
  taskQueueSid?: string;
}

export interface TaskFilter {
  assignmentStatus?: string[];
  workflowSid?: string;
  workflowName?: string;
  taskQueueSid?: string;
  taskQueueName?: string;
  evaluateTaskAttributes?: string;
  ordering?: string;
}

interface CompiledWorkflow {
  filters: { expression: Predicate; queueSid: string }[];
  defaultQueueSid: string | null;
}

const workflowConfigSchema = z.object({
  task_routing: z.object({
    filters: z
      .array(
        z.object({
          filter_friendly_name: z.string().optional(),
          expression: z.string(),
          targets: z.array(z.object({ queue: z.string().regex(/^WQ[0-9a-fA-F]{32}$/) }).loose()).min(1),
        }).loose(),
      )
      .max(100)
      .default([]),
    default_filter: z.object({ queue: z.string().regex(/^WQ[0-9a-fA-F]{32}$/) }).loose().optional(),
  }).loose(),
}).loose();

export class Engine {
  readonly accountSid: string;
  readonly calls: CallStore;
  private readonly clock: SimClock;
  private readonly ids: IdFactory;
  private readonly events: EventHub;
  private voice: VoiceBridge;

  private workspace!: WorkspaceRecord;
  private readonly activities = new Map<string, ActivityRecord>();
  private readonly workers = new Map<string, WorkerRecord>();
  private readonly workerChannels = new Map<string, Map<string, WorkerChannelRecord>>();
  private readonly workflows = new Map<string, WorkflowRecord>();
  private readonly compiledWorkflows = new Map<string, CompiledWorkflow>();
  private readonly taskQueues = new Map<string, TaskQueueRecord>();
  private readonly compiledQueues = new Map<string, Predicate>();
  private readonly taskChannels = new Map<string, TaskChannelRecord>();
  private readonly tasks = new Map<string, TaskRecord>();
  private readonly reservations = new Map<string, ReservationRecord>();
  private readonly reservationTimers = new Map<string, TimerId>();
  private readonly taskTimers = new Map<string, TimerId>();
  /** When each worker was last offered a task: the longest-idle worker is offered first. */
  private readonly lastOffered = new Map<string, number>();
  private routing = false;
  private rerouteRequested = false;
  /** Bumped by reset so answers from dials started before it are ignored. */
  private generation = 0;

  constructor(options: EngineOptions) {
    this.clock = options.clock;
    this.ids = options.ids;
    this.accountSid = options.accountSid;
    this.events = new EventHub(() => this.clock.now(), () => this.ids.sid('EV'));
    this.calls = new CallStore(this.ids, () => this.clock.now());
    this.voice = new SimulatedVoiceBridge(this.calls);
  }

  // ---------------------------------------------------------------- setup

  /** Replaces all state with the seed plan (used at start and by reset). */
  load(plan: SeedPlan): void {
    this.generation++;
    for (const t of this.reservationTimers.values()) this.clock.clearTimer(t);
    for (const t of this.taskTimers.values()) this.clock.clearTimer(t);
    this.reservationTimers.clear();
    this.taskTimers.clear();
    for (const map of [this.activities, this.workers, this.workerChannels, this.workflows, this.compiledWorkflows, this.taskQueues, this.compiledQueues, this.taskChannels, this.tasks, this.reservations, this.lastOffered]) map.clear();
    this.events.clearQueue();
    this.calls.clear();
    const at = this.clock.now();
    this.workspace = { ...plan.workspace, dateCreated: at, dateUpdated: at };
    for (const a of plan.activities) this.activities.set(a.sid, { ...a, dateCreated: at, dateUpdated: at });
    for (const c of plan.taskChannels) this.taskChannels.set(c.sid, { ...c, dateCreated: at, dateUpdated: at });
    for (const q of plan.taskQueues) {
      const compiled = compileExpression(q.targetWorkers);
      if (!compiled.ok) throw new Error(`seed queue ${q.friendlyName}: ${compiled.message}`);
      this.taskQueues.set(q.sid, { ...q, dateCreated: at, dateUpdated: at });
      this.compiledQueues.set(q.sid, compiled.predicate);
    }
    for (const w of plan.workflows) {
      const compiled = this.compileWorkflow(w.configuration);
      if (!compiled.ok) throw new Error(`seed workflow ${w.friendlyName}: ${compiled.error.message}`);
      this.workflows.set(w.sid, { ...w, dateCreated: at, dateUpdated: at });
      this.compiledWorkflows.set(w.sid, compiled.value);
    }
    for (const w of plan.workers) {
      this.workers.set(w.sid, { sid: w.sid, friendlyName: w.friendlyName, attributes: w.attributes, activitySid: w.activitySid, dateCreated: at, dateUpdated: at, dateStatusChanged: at, version: 0 });
      const channels = new Map<string, WorkerChannelRecord>();
      for (const channel of this.taskChannels.values()) {
        const sid = w.channelSids[channel.uniqueName] ?? this.ids.sid('WC');
        channels.set(sid, { sid, workerSid: w.sid, taskChannelSid: channel.sid, capacity: 1, available: true, dateCreated: at, dateUpdated: at });
      }
      this.workerChannels.set(w.sid, channels);
    }
  }

  onEvent(listener: DomainEventListener): () => void {
    return this.events.on(listener);
  }

  setVoiceBridge(bridge: VoiceBridge): void {
    this.voice = bridge;
  }

  now(): number {
    return this.clock.now();
  }

  // ---------------------------------------------------------------- getters

  getWorkspace(): WorkspaceRecord {
    return this.workspace;
  }

  listActivities(): ActivityRecord[] {
    return [...this.activities.values()];
  }

  getActivity(sid: string): ActivityRecord | undefined {
    return this.activities.get(sid);
  }

  listWorkers(filter: WorkerFilter = {}): EngineResult<WorkerRecord[]> {
    let predicate: Predicate | null = null;
    if (filter.targetWorkersExpression !== undefined) {
      const compiled = compileExpression(filter.targetWorkersExpression);
      if (!compiled.ok) return badRequest(`Invalid TargetWorkersExpression: ${compiled.message}`);
      predicate = compiled.predicate;
    }
    const queuePredicate = filter.taskQueueSid ? this.compiledQueues.get(filter.taskQueueSid) : undefined;
    if (filter.taskQueueSid && !queuePredicate) return ok([]);
    return ok(
      [...this.workers.values()].filter((w) => {
        const activity = this.activities.get(w.activitySid);
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

  getWorker(sid: string): WorkerRecord | undefined {
    return this.workers.get(sid);
  }

  /** The worker's current activity (always exists: activities in use cannot be deleted). */
  activityOf(worker: WorkerRecord): ActivityRecord {
    return this.activities.get(worker.activitySid) ?? { sid: worker.activitySid, friendlyName: 'Unknown', available: false, dateCreated: 0, dateUpdated: 0 };
  }

  listWorkerChannels(workerSid: string): WorkerChannelRecord[] {
    return [...(this.workerChannels.get(workerSid)?.values() ?? [])];
  }

  /** By WC sid or by task channel unique name (Twilio accepts both). */
  getWorkerChannel(workerSid: string, sidOrName: string): WorkerChannelRecord | undefined {
    const channels = this.workerChannels.get(workerSid);
    if (!channels) return undefined;
    const direct = channels.get(sidOrName);
    if (direct) return direct;
    const channel = this.findTaskChannel(sidOrName);
    return channel ? [...channels.values()].find((c) => c.taskChannelSid === channel.sid) : undefined;
  }

  /** Tasks of this worker channel that hold capacity (pending, accepted or wrapping reservations). */
  assignedTasks(channel: WorkerChannelRecord): number {
    let count = 0;
    for (const r of this.reservations.values()) {
      if (r.workerSid !== channel.workerSid || r.status === 'pending' || !ACTIVE.includes(r.status)) continue;
      if (this.tasks.get(r.taskSid)?.taskChannelSid === channel.taskChannelSid) count++;
    }
    return count;
  }

  listWorkflows(): WorkflowRecord[] {
    return [...this.workflows.values()];
  }

  getWorkflow(sid: string): WorkflowRecord | undefined {
    return this.workflows.get(sid);
  }

  listTaskQueues(): TaskQueueRecord[] {
    return [...this.taskQueues.values()];
  }

  getTaskQueue(sid: string): TaskQueueRecord | undefined {
    return this.taskQueues.get(sid);
  }

  listTaskChannels(): TaskChannelRecord[] {
    return [...this.taskChannels.values()];
  }

  getTaskChannel(sid: string): TaskChannelRecord | undefined {
    return this.taskChannels.get(sid);
  }

  /** By TC sid or unique name. */
  findTaskChannel(sidOrName: string): TaskChannelRecord | undefined {
    return this.taskChannels.get(sidOrName) ?? [...this.taskChannels.values()].find((c) => c.uniqueName === sidOrName);
  }

  listTasks(filter: TaskFilter = {}): EngineResult<TaskRecord[]> {
    let predicate: Predicate | null = null;
    if (filter.evaluateTaskAttributes !== undefined) {
      const compiled = compileExpression(filter.evaluateTaskAttributes);
      if (!compiled.ok) return badRequest(`Invalid EvaluateTaskAttributes: ${compiled.message}`);
      predicate = compiled.predicate;
    }
    const list = [...this.tasks.values()].filter((t) => {
      if (filter.assignmentStatus?.length && !filter.assignmentStatus.includes(t.assignmentStatus)) return false;
      if (filter.workflowSid && t.workflowSid !== filter.workflowSid) return false;
      if (filter.workflowName && this.workflows.get(t.workflowSid)?.friendlyName !== filter.workflowName) return false;
      if (filter.taskQueueSid && t.taskQueueSid !== filter.taskQueueSid) return false;
      if (filter.taskQueueName && (t.taskQueueSid ? this.taskQueues.get(t.taskQueueSid)?.friendlyName : undefined) !== filter.taskQueueName) return false;
      if (predicate && !predicate(parseJsonObject(t.attributes))) return false;
      return true;
    });
    if (filter.ordering) {
      const [field, direction] = filter.ordering.split(':');
      const sign = direction === 'desc' ? -1 : 1;
      const key = (t: TaskRecord): number => (field === 'Priority' ? t.priority : t.dateCreated);
      list.sort((a, b) => sign * (key(a) - key(b)));
    }
    return ok(list);
  }

  getTask(sid: string): TaskRecord | undefined {
    return this.tasks.get(sid);
  }

  listReservations(filter: { workerSid?: string; taskSid?: string; status?: ReservationStatus } = {}): ReservationRecord[] {
    return [...this.reservations.values()].filter(
      (r) => (!filter.workerSid || r.workerSid === filter.workerSid) && (!filter.taskSid || r.taskSid === filter.taskSid) && (!filter.status || r.status === filter.status),
    );
  }

  getReservation(sid: string): ReservationRecord | undefined {
    return this.reservations.get(sid);
  }

  /** When a pending reservation times out (simulated ms), else null. */
  reservationExpiresAt(r: ReservationRecord): number | null {
    return r.status === 'pending' ? r.dateCreated + r.timeoutSeconds * 1000 : null;
  }

  /** Everything, for `GET /emulator/state`. */
  dump(): Record<string, unknown> {
    return {
      now: this.clock.now(),
      workspace: this.workspace,
      activities: this.listActivities(),
      workers: [...this.workers.values()].map((w) => ({ ...w, activityName: this.activityOf(w).friendlyName, available: this.activityOf(w).available, channels: this.listWorkerChannels(w.sid) })),
      taskQueues: this.listTaskQueues(),
      workflows: this.listWorkflows(),
      taskChannels: this.listTaskChannels(),
      tasks: [...this.tasks.values()],
      reservations: [...this.reservations.values()],
      calls: [...this.calls.calls.values()],
      conferences: [...this.calls.conferences.values()].map((c) => ({ ...c, participants: [...(this.calls.participants.get(c.sid)?.values() ?? [])] })),
    };
  }

  // ---------------------------------------------------------------- workspace & activities

  updateWorkspace(raw: RawParams): EngineResult<WorkspaceRecord> {
    const parsed = parseParams(
      z.object({
        FriendlyName: formString(64).optional(),
        DefaultActivitySid: formSid('WA').optional(),
        TimeoutActivitySid: formSid('WA').optional(),
        MultiTaskEnabled: formBool.optional(),
        EventCallbackUrl: formUrl.optional(),
        EventsFilter: formString(4096).optional(),
        PrioritizeQueueOrder: formEnum(['FIFO', 'LIFO'] as const).optional(),
      }),
      raw,
    );
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    for (const sid of [p.DefaultActivitySid, p.TimeoutActivitySid]) if (sid && !this.activities.has(sid)) return badRequest(`Activity ${sid} does not exist in this workspace`);
    const w = this.workspace;
    if (p.FriendlyName !== undefined) w.friendlyName = p.FriendlyName;
    if (p.DefaultActivitySid) w.defaultActivitySid = p.DefaultActivitySid;
    if (p.TimeoutActivitySid) w.timeoutActivitySid = p.TimeoutActivitySid;
    if (p.MultiTaskEnabled !== undefined) w.multiTaskEnabled = p.MultiTaskEnabled;
    if (p.EventCallbackUrl !== undefined) w.eventCallbackUrl = p.EventCallbackUrl;
    if (p.EventsFilter !== undefined) w.eventsFilter = p.EventsFilter;
    if (p.PrioritizeQueueOrder) w.prioritizeQueueOrder = p.PrioritizeQueueOrder;
    w.dateUpdated = this.clock.now();
    this.afterChange();
    return ok(w);
  }

  createActivity(raw: RawParams): EngineResult<ActivityRecord> {
    const parsed = parseParams(z.object({ FriendlyName: formString(64).refine((s) => s.trim() !== '', 'must not be empty'), Available: formBool.optional() }), raw);
    if (!parsed.ok) return parsed;
    if (this.listActivities().some((a) => a.friendlyName === parsed.value.FriendlyName)) return inUse(`An activity named ${parsed.value.FriendlyName} already exists`);
    const at = this.clock.now();
    const activity: ActivityRecord = { sid: this.ids.sid('WA'), friendlyName: parsed.value.FriendlyName, available: parsed.value.Available ?? false, dateCreated: at, dateUpdated: at };
    this.activities.set(activity.sid, activity);
    return ok(activity);
  }

  updateActivity(sid: string, raw: RawParams): EngineResult<ActivityRecord> {
    const activity = this.activities.get(sid);
    if (!activity) return notFound('Activity', sid);
    const parsed = parseParams(z.object({ FriendlyName: formString(64).optional() }), raw);
    if (!parsed.ok) return parsed;
    if (parsed.value.FriendlyName !== undefined) activity.friendlyName = parsed.value.FriendlyName;
    activity.dateUpdated = this.clock.now();
    return ok(activity);
  }

  deleteActivity(sid: string): EngineResult<true> {
    if (!this.activities.has(sid)) return notFound('Activity', sid);
    if (sid === this.workspace.defaultActivitySid || sid === this.workspace.timeoutActivitySid) return badRequest(`Activity ${sid} is the workspace's default or timeout activity and cannot be deleted`);
    if ([...this.workers.values()].some((w) => w.activitySid === sid)) return badRequest(`Activity ${sid} is in use by a worker and cannot be deleted`);
    this.activities.delete(sid);
    return ok(true);
  }

  // ---------------------------------------------------------------- workers

  createWorker(raw: RawParams): EngineResult<WorkerRecord> {
    const parsed = parseParams(z.object({ FriendlyName: formString(64).refine((s) => s.trim() !== '', 'must not be empty'), ActivitySid: formSid('WA').optional(), Attributes: formJsonObject.optional() }), raw);
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    if (p.ActivitySid && !this.activities.has(p.ActivitySid)) return badRequest(`Activity ${p.ActivitySid} does not exist in this workspace`);
    if ([...this.workers.values()].some((w) => w.friendlyName === p.FriendlyName)) return inUse(`A worker named ${p.FriendlyName} already exists`);
    const at = this.clock.now();
    const worker: WorkerRecord = { sid: this.ids.sid('WK'), friendlyName: p.FriendlyName, attributes: p.Attributes ?? '{}', activitySid: p.ActivitySid ?? this.workspace.defaultActivitySid, dateCreated: at, dateUpdated: at, dateStatusChanged: at, version: 0 };
    this.workers.set(worker.sid, worker);
    const channels = new Map<string, WorkerChannelRecord>();
    for (const channel of this.taskChannels.values()) {
      const wc: WorkerChannelRecord = { sid: this.ids.sid('WC'), workerSid: worker.sid, taskChannelSid: channel.sid, capacity: 1, available: true, dateCreated: at, dateUpdated: at };
      channels.set(wc.sid, wc);
    }
    this.workerChannels.set(worker.sid, channels);
    this.afterChange();
    return ok(worker);
  }

  updateWorker(sid: string, raw: RawParams, options: UpdateOptions = {}): EngineResult<WorkerRecord> {
    const worker = this.workers.get(sid);
    if (!worker) return notFound('Worker', sid);
    if (!versionMatches(options.ifMatch, worker.version)) return versionMismatch('Worker', sid, options.ifMatch ?? '', worker.version);
    const parsed = parseParams(z.object({ ActivitySid: formSid('WA').optional(), Attributes: formJsonObject.optional(), FriendlyName: formString(64).optional(), RejectPendingReservations: formBool.optional() }), raw);
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    const target = p.ActivitySid ? this.activities.get(p.ActivitySid) : undefined;
    if (p.ActivitySid && !target) return badRequest(`Activity ${p.ActivitySid} does not exist in this workspace`);
    if (p.FriendlyName !== undefined && p.FriendlyName !== worker.friendlyName && [...this.workers.values()].some((w) => w.friendlyName === p.FriendlyName)) return inUse(`A worker named ${p.FriendlyName} already exists`);
    const pending = this.listReservations({ workerSid: sid, status: 'pending' });
    const movingToUnavailable = target !== undefined && !target.available && target.sid !== worker.activitySid;
    if (movingToUnavailable && pending.length > 0 && !p.RejectPendingReservations) {
      return badRequest(`Worker ${sid} has ${pending.length} pending reservation(s); set RejectPendingReservations=true to move it to the unavailable activity ${target.friendlyName}`);
    }
    let changed = false;
    if (movingToUnavailable && p.RejectPendingReservations) {
      for (const r of pending) this.endReservation(r, 'rejected', { countRejection: true });
    }
    if (target && target.sid !== worker.activitySid) {
      this.moveWorker(worker, target.sid);
      changed = true;
    }
    if (p.Attributes !== undefined && p.Attributes !== worker.attributes) {
      worker.attributes = p.Attributes;
      this.events.emit('worker.attributes.update', { workerSid: sid });
      changed = true;
    }
    if (p.FriendlyName !== undefined && p.FriendlyName !== worker.friendlyName) {
      worker.friendlyName = p.FriendlyName;
      changed = true;
    }
    if (changed) this.touchWorker(worker);
    this.afterChange();
    return ok(worker);
  }

  deleteWorker(sid: string, options: UpdateOptions = {}): EngineResult<true> {
    const worker = this.workers.get(sid);
    if (!worker) return notFound('Worker', sid);
    if (!versionMatches(options.ifMatch, worker.version)) return versionMismatch('Worker', sid, options.ifMatch ?? '', worker.version);
    if (this.listReservations({ workerSid: sid }).some((r) => r.status === 'accepted' || r.status === 'wrapping')) return badRequest(`Worker ${sid} has assigned tasks and cannot be deleted`);
    for (const r of this.listReservations({ workerSid: sid, status: 'pending' })) this.endReservation(r, 'canceled', {});
    for (const r of this.listReservations({ workerSid: sid })) this.reservations.delete(r.sid);
    this.workers.delete(sid);
    this.workerChannels.delete(sid);
    this.afterChange();
    return ok(true);
  }

  updateWorkerChannel(workerSid: string, sidOrName: string, raw: RawParams): EngineResult<WorkerChannelRecord> {
    if (!this.workers.has(workerSid)) return notFound('Worker', workerSid);
    const channel = this.getWorkerChannel(workerSid, sidOrName);
    if (!channel) return notFound('WorkerChannel', sidOrName);
    const parsed = parseParams(z.object({ Capacity: formInt(0, 50).optional(), Available: formBool.optional() }), raw);
    if (!parsed.ok) return parsed;
    if (parsed.value.Capacity !== undefined) channel.capacity = parsed.value.Capacity;
    if (parsed.value.Available !== undefined) channel.available = parsed.value.Available;
    channel.dateUpdated = this.clock.now();
    this.events.emit('worker.capacity.update', { workerSid });
    this.afterChange();
    return ok(channel);
  }

  // ---------------------------------------------------------------- workflows, queues, channels

  createWorkflow(raw: RawParams): EngineResult<WorkflowRecord> {
    const parsed = parseParams(
      z.object({
        FriendlyName: formString(64),
        Configuration: formJsonObject,
        AssignmentCallbackUrl: formUrl.optional(),
        FallbackAssignmentCallbackUrl: formUrl.optional(),
        TaskReservationTimeout: formInt(1, 86_400).optional(),
      }),
      raw,
    );
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    const compiled = this.compileWorkflow(p.Configuration);
    if (!compiled.ok) return compiled;
    const at = this.clock.now();
    const wf: WorkflowRecord = {
      sid: this.ids.sid('WW'),
      friendlyName: p.FriendlyName,
      configuration: p.Configuration,
      assignmentCallbackUrl: p.AssignmentCallbackUrl ?? null,
      fallbackAssignmentCallbackUrl: p.FallbackAssignmentCallbackUrl ?? null,
      taskReservationTimeout: p.TaskReservationTimeout ?? 120,
      dateCreated: at,
      dateUpdated: at,
    };
    this.workflows.set(wf.sid, wf);
    this.compiledWorkflows.set(wf.sid, compiled.value);
    return ok(wf);
  }

  updateWorkflow(sid: string, raw: RawParams): EngineResult<WorkflowRecord> {
    const wf = this.workflows.get(sid);
    if (!wf) return notFound('Workflow', sid);
    const parsed = parseParams(
      z.object({
        FriendlyName: formString(64).optional(),
        Configuration: formJsonObject.optional(),
        AssignmentCallbackUrl: formUrl.optional(),
        FallbackAssignmentCallbackUrl: formUrl.optional(),
        TaskReservationTimeout: formInt(1, 86_400).optional(),
        ReEvaluateTasks: formBool.optional(),
      }),
      raw,
    );
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    let compiled: CompiledWorkflow | undefined;
    if (p.Configuration !== undefined) {
      const result = this.compileWorkflow(p.Configuration);
      if (!result.ok) return result;
      compiled = result.value;
    }
    if (p.FriendlyName !== undefined) wf.friendlyName = p.FriendlyName;
    if (p.Configuration !== undefined && compiled) {
      wf.configuration = p.Configuration;
      this.compiledWorkflows.set(sid, compiled);
    }
    if (p.AssignmentCallbackUrl !== undefined) wf.assignmentCallbackUrl = p.AssignmentCallbackUrl;
    if (p.FallbackAssignmentCallbackUrl !== undefined) wf.fallbackAssignmentCallbackUrl = p.FallbackAssignmentCallbackUrl;
    if (p.TaskReservationTimeout !== undefined) wf.taskReservationTimeout = p.TaskReservationTimeout;
    wf.dateUpdated = this.clock.now();
    return ok(wf);
  }

  deleteWorkflow(sid: string): EngineResult<true> {
    if (!this.workflows.has(sid)) return notFound('Workflow', sid);
    if ([...this.tasks.values()].some((t) => t.workflowSid === sid && !['canceled', 'completed'].includes(t.assignmentStatus))) return badRequest(`Workflow ${sid} has active tasks and cannot be deleted`);
    this.workflows.delete(sid);
    this.compiledWorkflows.delete(sid);
    return ok(true);
  }

  createTaskQueue(raw: RawParams): EngineResult<TaskQueueRecord> {
    const parsed = parseParams(this.queueSchema(true), raw);
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    const checked = this.checkQueueParams(p);
    if (!checked.ok) return checked;
    const at = this.clock.now();
    const queue: TaskQueueRecord = {
      sid: this.ids.sid('WQ'),
      friendlyName: p.FriendlyName ?? '',
      targetWorkers: p.TargetWorkers ?? '1==1',
      maxReservedWorkers: p.MaxReservedWorkers ?? 1,
      taskOrder: p.TaskOrder ?? 'FIFO',
      reservationActivitySid: p.ReservationActivitySid ?? null,
      assignmentActivitySid: p.AssignmentActivitySid ?? null,
      dateCreated: at,
      dateUpdated: at,
    };
    this.taskQueues.set(queue.sid, queue);
    this.compiledQueues.set(queue.sid, checked.value);
    return ok(queue);
  }

  updateTaskQueue(sid: string, raw: RawParams): EngineResult<TaskQueueRecord> {
    const queue = this.taskQueues.get(sid);
    if (!queue) return notFound('TaskQueue', sid);
    const parsed = parseParams(this.queueSchema(false), raw);
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    const checked = this.checkQueueParams({ ...p, TargetWorkers: p.TargetWorkers ?? queue.targetWorkers });
    if (!checked.ok) return checked;
    if (p.FriendlyName !== undefined) queue.friendlyName = p.FriendlyName;
    if (p.TargetWorkers !== undefined) queue.targetWorkers = p.TargetWorkers;
    if (p.MaxReservedWorkers !== undefined) queue.maxReservedWorkers = p.MaxReservedWorkers;
    if (p.TaskOrder !== undefined) queue.taskOrder = p.TaskOrder;
    if (p.ReservationActivitySid !== undefined) queue.reservationActivitySid = p.ReservationActivitySid;
    if (p.AssignmentActivitySid !== undefined) queue.assignmentActivitySid = p.AssignmentActivitySid;
    this.compiledQueues.set(sid, checked.value);
    queue.dateUpdated = this.clock.now();
    this.afterChange();
    return ok(queue);
  }

  deleteTaskQueue(sid: string): EngineResult<true> {
    if (!this.taskQueues.has(sid)) return notFound('TaskQueue', sid);
    if ([...this.tasks.values()].some((t) => t.taskQueueSid === sid && !['canceled', 'completed'].includes(t.assignmentStatus))) return badRequest(`TaskQueue ${sid} has active tasks and cannot be deleted`);
    this.taskQueues.delete(sid);
    this.compiledQueues.delete(sid);
    return ok(true);
  }

  createTaskChannel(raw: RawParams): EngineResult<TaskChannelRecord> {
    const parsed = parseParams(z.object({ FriendlyName: formString(64), UniqueName: z.string().max(64).regex(/^[A-Za-z0-9_-]+$/, 'may contain letters, digits, _ and -'), ChannelOptimizedRouting: formBool.optional() }), raw);
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    if (this.findTaskChannel(p.UniqueName)) return inUse(`A task channel named ${p.UniqueName} already exists`);
    const at = this.clock.now();
    const channel: TaskChannelRecord = { sid: this.ids.sid('TC'), uniqueName: p.UniqueName, friendlyName: p.FriendlyName, channelOptimizedRouting: p.ChannelOptimizedRouting ?? null, dateCreated: at, dateUpdated: at };
    this.taskChannels.set(channel.sid, channel);
    for (const [workerSid, channels] of this.workerChannels) {
      const wc: WorkerChannelRecord = { sid: this.ids.sid('WC'), workerSid, taskChannelSid: channel.sid, capacity: 1, available: true, dateCreated: at, dateUpdated: at };
      channels.set(wc.sid, wc);
    }
    return ok(channel);
  }

  updateTaskChannel(sidOrName: string, raw: RawParams): EngineResult<TaskChannelRecord> {
    const channel = this.findTaskChannel(sidOrName);
    if (!channel) return notFound('TaskChannel', sidOrName);
    const parsed = parseParams(z.object({ FriendlyName: formString(64).optional(), ChannelOptimizedRouting: formBool.optional() }), raw);
    if (!parsed.ok) return parsed;
    if (parsed.value.FriendlyName !== undefined) channel.friendlyName = parsed.value.FriendlyName;
    if (parsed.value.ChannelOptimizedRouting !== undefined) channel.channelOptimizedRouting = parsed.value.ChannelOptimizedRouting;
    channel.dateUpdated = this.clock.now();
    return ok(channel);
  }

  deleteTaskChannel(sidOrName: string): EngineResult<true> {
    const channel = this.findTaskChannel(sidOrName);
    if (!channel) return notFound('TaskChannel', sidOrName);
    if ([...this.tasks.values()].some((t) => t.taskChannelSid === channel.sid)) return badRequest(`TaskChannel ${channel.uniqueName} is used by tasks and cannot be deleted`);
    this.taskChannels.delete(channel.sid);
    for (const channels of this.workerChannels.values()) for (const [sid, wc] of channels) if (wc.taskChannelSid === channel.sid) channels.delete(sid);
    return ok(true);
  }

  // ---------------------------------------------------------------- tasks

  createTask(raw: RawParams): EngineResult<TaskRecord> {
    const parsed = parseParams(
      z.object({
        Attributes: formJsonObject.optional(),
        WorkflowSid: formSid('WW').optional(),
        TaskChannel: formString(64).optional(),
        Priority: formInt(0, MAX_PRIORITY).optional(),
        Timeout: formInt(1, 1_209_600).optional(),
        VirtualStartTime: formString(64).optional(),
        RoutingTarget: formString(64).optional(),
        IgnoreCapacity: formString(16).optional(),
        TaskQueueSid: formSid('WQ').optional(),
      }),
      raw,
    );
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    const workflowSid = p.WorkflowSid ?? (this.workflows.size === 1 ? [...this.workflows.keys()][0] : undefined);
    if (!workflowSid) return badRequest('Missing required parameter WorkflowSid (the workspace has more than one workflow)');
    const compiled = this.compiledWorkflows.get(workflowSid);
    if (!compiled) return badRequest(`Workflow ${workflowSid} does not exist in this workspace`);
    const channel = this.findTaskChannel(p.TaskChannel ?? 'default');
    if (!channel) return badRequest(`TaskChannel ${p.TaskChannel ?? 'default'} does not exist in this workspace`);
    if (p.TaskQueueSid && !this.taskQueues.has(p.TaskQueueSid)) return badRequest(`TaskQueue ${p.TaskQueueSid} does not exist in this workspace`);
    const attributes = p.Attributes ?? '{}';
    const parsedAttributes = parseJsonObject(attributes);
    const queueSid = p.TaskQueueSid ?? compiled.filters.find((f) => f.expression(parsedAttributes))?.queueSid ?? compiled.defaultQueueSid;
    const at = this.clock.now();
    const task: TaskRecord = {
      sid: this.ids.sid('WT'),
      attributes,
      assignmentStatus: 'pending',
      priority: p.Priority ?? 0,
      reason: null,
      timeout: p.Timeout ?? 86_400,
      workflowSid,
      taskQueueSid: queueSid ?? null,
      taskChannelSid: channel.sid,
      taskQueueEnteredDate: queueSid ? at : null,
      dateCreated: at,
      dateUpdated: at,
      version: 0,
      rejections: 0,
    };
    this.tasks.set(task.sid, task);
    const sid = task.sid;
    this.taskTimers.set(sid, this.clock.setTimer(task.timeout * 1000, () => this.onTaskTtl(sid)));
    this.events.emit('task.created', { taskSid: sid });
    this.afterChange();
    return ok(task);
  }

  updateTask(sid: string, raw: RawParams, options: UpdateOptions = {}): EngineResult<TaskRecord> {
    const task = this.tasks.get(sid);
    if (!task) return notFound('Task', sid);
    if (!versionMatches(options.ifMatch, task.version)) return versionMismatch('Task', sid, options.ifMatch ?? '', task.version);
    const parsed = parseParams(
      z.object({
        AssignmentStatus: formEnum(['pending', 'reserved', 'assigned', 'canceled', 'completed', 'wrapping'] as const).optional(),
        Reason: formString(1024).optional(),
        Attributes: formJsonObject.optional(),
        Priority: formInt(0, MAX_PRIORITY).optional(),
        TaskChannel: formString(64).optional(),
        VirtualStartTime: formString(64).optional(),
      }),
      raw,
    );
    if (!parsed.ok) return parsed;
    const p = parsed.value;
    const channel = p.TaskChannel !== undefined ? this.findTaskChannel(p.TaskChannel) : undefined;
    if (p.TaskChannel !== undefined && !channel) return badRequest(`TaskChannel ${p.TaskChannel} does not exist in this workspace`);
    if (p.AssignmentStatus) {
      const check = this.checkTaskTransition(task, p.AssignmentStatus);
      if (!check.ok) return check;
    }
    let changed = false;
    if (p.Attributes !== undefined && p.Attributes !== task.attributes) {
      task.attributes = p.Attributes;
      changed = true;
    }
    if (p.Priority !== undefined && p.Priority !== task.priority) {
      task.priority = p.Priority;
      changed = true;
    }
    if (channel && channel.sid !== task.taskChannelSid) {
      task.taskChannelSid = channel.sid;
      changed = true;
    }
    if (p.Reason !== undefined) task.reason = p.Reason;
    if (p.AssignmentStatus && p.AssignmentStatus !== task.assignmentStatus) {
      this.applyTaskStatus(task, p.AssignmentStatus, p.Reason ?? null);
    } else if (changed) {
      this.touchTask(task);
      this.events.emit('task.updated', { taskSid: sid });
    }
    this.afterChange();
    return ok(task);
  }

  deleteTask(sid: string, options: UpdateOptions = {}): EngineResult<true> {
    const task = this.tasks.get(sid);
    if (!task) return notFound('Task', sid);
    if (!versionMatches(options.ifMatch, task.version)) return versionMismatch('Task', sid, options.ifMatch ?? '', task.version);
    for (const r of this.listReservations({ taskSid: sid })) {
      if (r.status === 'pending') this.endReservation(r, 'canceled', { skipTaskUpdate: true });
      this.clearReservationTimer(r.sid);
      this.reservations.delete(r.sid);
    }
    this.clearTaskTimer(sid);
    this.tasks.delete(sid);
    this.events.emit('task.deleted', { taskSid: sid });
    this.afterChange();
    return ok(true);
  }

  // ---------------------------------------------------------------- reservations

  /**
   * Updates a reservation: a status (accepted, rejected, wrapping, completed)
   * or an instruction (conference, dequeue, call, redirect, supervise). With a
   * scope, the reservation must belong to that worker / task (404 otherwise).
   * Conference and dequeue answer at once with the reservation still pending;
   * it becomes accepted when the voice bridge reports the worker leg answered.
   */
  updateReservation(sid: string, raw: RawParams, options: UpdateOptions & ReservationScope = {}): EngineResult<ReservationRecord> {
    const r = this.reservations.get(sid);
    if (!r || (options.workerSid && r.workerSid !== options.workerSid) || (options.taskSid && r.taskSid !== options.taskSid)) return notFound('Reservation', sid);
    if (!versionMatches(options.ifMatch, r.version)) return versionMismatch('Reservation', sid, options.ifMatch ?? '', r.version);
    const parsed = parseReservationUpdate(raw, options.taskSid ? 'task' : 'worker');
    if (!parsed.ok) return parsed;
    const u = parsed.value;
    const result = u.Instruction ? this.applyInstruction(r, u) : this.applyStatus(r, u);
    this.afterChange();
    return result;
  }

  private applyStatus(r: ReservationRecord, u: ReservationUpdate): EngineResult<ReservationRecord> {
    const target = u.ReservationStatus!;
    const allowedFrom: Record<string, ReservationStatus[]> = { accepted: ['pending'], rejected: ['pending'], wrapping: ['accepted'], completed: ['accepted', 'wrapping'] };
    if (!allowedFrom[target]?.includes(r.status)) return this.refused(r, target);
    if (target === 'rejected' && u.WorkerActivitySid && !this.activities.has(u.WorkerActivitySid)) return badRequest(`Activity ${u.WorkerActivitySid} does not exist in this workspace`);
    switch (target) {
      case 'accepted':
        this.accept(r);
        break;
      case 'rejected':
        this.endReservation(r, 'rejected', { countRejection: true, workerActivitySid: u.WorkerActivitySid ?? r.workerPreviousActivitySid });
        break;
      case 'wrapping':
        this.wrap(r);
        break;
      case 'completed':
        this.complete(r);
        break;
    }
    return ok(r);
  }

  private applyInstruction(r: ReservationRecord, u: ReservationUpdate): EngineResult<ReservationRecord> {
    const name = u.Instruction!;
    if (name === 'supervise') {
      if (r.status !== 'accepted' && r.status !== 'wrapping') return this.refused(r, name);
    } else if (r.status !== 'pending') {
      return this.refused(r, name);
    }
    const worker = this.workers.get(r.workerSid);
    const task = this.tasks.get(r.taskSid);
    if (!worker || !task) return notFound('Reservation', r.sid);
    const contactUri = parseJsonObject(worker.attributes)['contact_uri'];
    const workerContact = typeof contactUri === 'string' && contactUri !== '' ? contactUri : null;
    const taskAttributes = parseJsonObject(task.attributes);
    const taskFrom = typeof taskAttributes['to'] === 'string' ? taskAttributes['to'] : typeof taskAttributes['from'] === 'string' ? taskAttributes['from'] : null;
    const postWork = name === 'conference' ? u.PostWorkActivitySid : name === 'dequeue' ? u.DequeuePostWorkActivitySid : undefined;
    if (postWork && !this.activities.has(postWork)) return badRequest(`Activity ${postWork} does not exist in this workspace`);
    if (name === 'conference' && postWork && this.workspace.multiTaskEnabled) return badRequest('PostWorkActivitySid is not valid in multi-tasking workspaces');
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
    this.touchReservation(r);
    if (name === 'redirect') {
      const call = u.RedirectCallSid ? this.calls.calls.get(u.RedirectCallSid) : undefined;
      if (call && u.RedirectUrl) {
        call.url = u.RedirectUrl;
        call.dateUpdated = this.clock.now();
      }
      if (u.RedirectAccept) this.accept(r);
      return ok(r);
    }
    if (name === 'supervise') return ok(r);
    const from = (name === 'conference' ? u.From : name === 'dequeue' ? u.DequeueFrom : u.CallFrom) ?? taskFrom;
    const timeoutSec = (name === 'conference' ? u.Timeout : name === 'dequeue' ? u.DequeueTimeout : u.CallTimeout) ?? 60;
    instruction.outcome = 'dialing';
    if (name === 'call' && u.CallAccept) this.accept(r);
    this.dial(r, task, worker, name, to!, from, timeoutSec);
    return ok(r);
  }

  private dial(r: ReservationRecord, task: TaskRecord, worker: WorkerRecord, name: 'conference' | 'dequeue' | 'call', to: string, from: string | null, timeoutSec: number): void {
    const generation = this.generation;
    const instruction = r.instruction!;
    let promise: Promise<DialOutcome>;
    try {
      promise = this.voice.dialWorker({ reservation: r, task, worker, instruction: name, to, from, timeoutSec, params: instruction.params });
    } catch (error) {
      promise = Promise.resolve({ outcome: 'failed', reason: error instanceof Error ? error.message : 'voice bridge failed' });
    }
    promise
      .catch((error: unknown): DialOutcome => ({ outcome: 'failed', reason: error instanceof Error ? error.message : 'voice bridge failed' }))
      .then((outcome) => {
        if (generation !== this.generation || this.reservations.get(r.sid) !== r || r.instruction !== instruction) return;
        this.onDialOutcome(r, outcome);
        this.afterChange();
      })
      .catch((error: unknown) => console.error('emulator: dial outcome handling failed', error));
  }

  private onDialOutcome(r: ReservationRecord, outcome: DialOutcome): void {
    const instruction = r.instruction!;
    instruction.outcome = outcome.outcome;
    if (outcome.outcome === 'answered') {
      instruction.callSid = outcome.callSid;
      instruction.conferenceSid = outcome.conferenceSid ?? null;
      if (instruction.name !== 'call' && r.status === 'pending') this.accept(r);
      else this.touchReservation(r);
      return;
    }
    instruction.reason = outcome.reason;
    this.touchReservation(r);
    if (outcome.outcome === 'caller-hung-up') {
      const task = this.tasks.get(r.taskSid);
      if (task && (task.assignmentStatus === 'pending' || task.assignmentStatus === 'reserved')) this.cancelTask(task, 'Caller hung up before the worker answered');
      return;
    }
    // The worker did not answer: the reservation stays pending (it may still time out or be rejected).
    this.events.emit('reservation.failed', { reservationSid: r.sid, taskSid: r.taskSid, workerSid: r.workerSid });
  }

  private refused(r: ReservationRecord, target: string): { ok: false; error: { status: number; code: number; message: string } } {
    return fail(400, 20001, `Reservation ${r.sid} is already in state [${r.status}] and cannot be updated to [${target}]`);
  }

  private accept(r: ReservationRecord): void {
    const task = this.tasks.get(r.taskSid);
    this.setReservationStatus(r, 'accepted');
    this.events.emit('reservation.accepted', { reservationSid: r.sid, taskSid: r.taskSid, workerSid: r.workerSid });
    if (!task) return;
    for (const other of this.listReservations({ taskSid: task.sid, status: 'pending' })) this.endReservation(other, 'rescinded', { skipTaskUpdate: true });
    this.clearTaskTimer(task.sid);
    task.assignmentStatus = 'assigned';
    this.touchTask(task);
    this.events.emit('task.updated', { taskSid: task.sid });
    const queue = task.taskQueueSid ? this.taskQueues.get(task.taskQueueSid) : undefined;
    const worker = this.workers.get(r.workerSid);
    if (queue?.assignmentActivitySid && worker && this.activities.has(queue.assignmentActivitySid)) this.moveWorker(worker, queue.assignmentActivitySid);
  }

  private wrap(r: ReservationRecord): void {
    this.setReservationStatus(r, 'wrapping');
    this.events.emit('reservation.wrapup', { reservationSid: r.sid, taskSid: r.taskSid, workerSid: r.workerSid });
    const task = this.tasks.get(r.taskSid);
    if (task && task.assignmentStatus === 'assigned') {
      task.assignmentStatus = 'wrapping';
      this.touchTask(task);
      this.events.emit('task.wrapup', { taskSid: task.sid });
    }
  }

  private complete(r: ReservationRecord): void {
    this.setReservationStatus(r, 'completed');
    this.events.emit('reservation.completed', { reservationSid: r.sid, taskSid: r.taskSid, workerSid: r.workerSid });
    const task = this.tasks.get(r.taskSid);
    if (task && (task.assignmentStatus === 'assigned' || task.assignmentStatus === 'wrapping')) {
      const stillWorking = this.listReservations({ taskSid: task.sid }).some((o) => o.status === 'accepted' || o.status === 'wrapping');
      if (!stillWorking) {
        task.assignmentStatus = 'completed';
        task.reason = task.reason ?? 'Reservation completed';
        this.touchTask(task);
        this.events.emit('task.completed', { taskSid: task.sid });
      }
    }
    const worker = this.workers.get(r.workerSid);
    if (worker && r.postWorkActivitySid && this.activities.has(r.postWorkActivitySid)) this.moveWorker(worker, r.postWorkActivitySid);
    if (r.instruction?.callSid) this.calls.endCall(r.instruction.callSid);
  }

  /**
   * Ends a pending reservation without an accept (rejected, timeout, canceled,
   * rescinded): frees the worker, moves it if asked, and puts the task back to
   * pending when none of its reservations is still alive.
   */
  private endReservation(r: ReservationRecord, status: 'rejected' | 'timeout' | 'canceled' | 'rescinded', opts: { countRejection?: boolean; workerActivitySid?: string; skipTaskUpdate?: boolean }): void {
    this.setReservationStatus(r, status);
    this.events.emit(`reservation.${status}`, { reservationSid: r.sid, taskSid: r.taskSid, workerSid: r.workerSid });
    if (r.instruction?.callSid) this.calls.endCall(r.instruction.callSid);
    const worker = this.workers.get(r.workerSid);
    if (worker && opts.workerActivitySid && opts.workerActivitySid !== worker.activitySid && this.activities.has(opts.workerActivitySid)) this.moveWorker(worker, opts.workerActivitySid);
    if (opts.skipTaskUpdate) return;
    const task = this.tasks.get(r.taskSid);
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

  private settleTaskAfterEnd(task: TaskRecord): void {
    if (task.assignmentStatus !== 'reserved') return;
    const alive = this.listReservations({ taskSid: task.sid }).some((o) => ACTIVE.includes(o.status));
    if (alive) return;
    task.assignmentStatus = 'pending';
    this.touchTask(task);
    this.events.emit('task.updated', { taskSid: task.sid });
  }

  private onReservationTimeout(sid: string): void {
    this.reservationTimers.delete(sid);
    const r = this.reservations.get(sid);
    if (!r || r.status !== 'pending') return;
    this.endReservation(r, 'timeout', { workerActivitySid: this.workspace.timeoutActivitySid });
    this.afterChange();
  }

  // ---------------------------------------------------------------- task lifecycle

  private checkTaskTransition(task: TaskRecord, target: TaskRecord['assignmentStatus']): EngineResult<true> {
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

  private applyTaskStatus(task: TaskRecord, target: TaskRecord['assignmentStatus'], reason: string | null): void {
    if (target === 'canceled') return this.cancelTask(task, reason ?? 'Task canceled');
    if (target === 'wrapping') {
      for (const r of this.listReservations({ taskSid: task.sid, status: 'accepted' })) this.wrap(r);
      if (task.assignmentStatus !== 'wrapping') {
        task.assignmentStatus = 'wrapping';
        this.touchTask(task);
        this.events.emit('task.wrapup', { taskSid: task.sid });
      }
      return;
    }
    if (target === 'completed') {
      task.reason = reason ?? task.reason;
      for (const r of this.listReservations({ taskSid: task.sid }).filter((o) => o.status === 'accepted' || o.status === 'wrapping')) this.complete(r);
      if (task.assignmentStatus !== 'completed') {
        task.assignmentStatus = 'completed';
        this.touchTask(task);
        this.events.emit('task.completed', { taskSid: task.sid });
      }
    }
  }

  private cancelTask(task: TaskRecord, reason: string): void {
    for (const r of this.listReservations({ taskSid: task.sid, status: 'pending' })) this.endReservation(r, 'canceled', { skipTaskUpdate: true });
    this.clearTaskTimer(task.sid);
    task.assignmentStatus = 'canceled';
    task.reason = reason;
    this.touchTask(task);
    this.events.emit('task.canceled', { taskSid: task.sid });
  }

  private onTaskTtl(sid: string): void {
    this.taskTimers.delete(sid);
    const task = this.tasks.get(sid);
    if (!task || (task.assignmentStatus !== 'pending' && task.assignmentStatus !== 'reserved')) return;
    this.cancelTask(task, 'Task TTL Exceeded');
    this.afterChange();
  }

  // ---------------------------------------------------------------- routing

  /** Routes, then delivers the events of the operation. Every public mutation ends here. */
  private afterChange(): void {
    this.route();
    this.events.flush();
  }

  /**
   * Offers pending tasks (highest priority, then oldest) to eligible available
   * workers with free capacity, up to the queue's max_reserved_workers
   * reservations at once.
   */
  private route(): void {
    if (this.routing) {
      this.rerouteRequested = true;
      return;
    }
    this.routing = true;
    try {
      for (let pass = 0; pass < 20; pass++) {
        this.rerouteRequested = false;
        const waiting = [...this.tasks.values()]
          .filter((t) => (t.assignmentStatus === 'pending' || t.assignmentStatus === 'reserved') && t.taskQueueSid)
          .sort((a, b) => b.priority - a.priority || this.queueOrder(a, b));
        for (const task of waiting) this.offer(task);
        if (!this.rerouteRequested) break;
      }
    } finally {
      this.routing = false;
    }
  }

  private queueOrder(a: TaskRecord, b: TaskRecord): number {
    const order = a.taskQueueSid ? this.taskQueues.get(a.taskQueueSid)?.taskOrder : 'FIFO';
    const diff = (a.taskQueueEnteredDate ?? a.dateCreated) - (b.taskQueueEnteredDate ?? b.dateCreated);
    return order === 'LIFO' ? -diff : diff;
  }

  private offer(task: TaskRecord): void {
    const queue = this.taskQueues.get(task.taskQueueSid!);
    const predicate = this.compiledQueues.get(task.taskQueueSid!);
    if (!queue || !predicate) return;
    const mine = this.listReservations({ taskSid: task.sid });
    let open = queue.maxReservedWorkers - mine.filter((r) => r.status === 'pending').length;
    for (let guard = 0; guard < 50 && open > 0; guard++) {
      const worker = this.pickWorker(task, predicate, mine);
      if (!worker) return;
      mine.push(this.reserve(task, worker));
      open--;
    }
  }

  private pickWorker(task: TaskRecord, predicate: Predicate, mine: ReservationRecord[]): WorkerRecord | null {
    const candidates: { worker: WorkerRecord; triedBefore: boolean; index: number }[] = [];
    let index = 0;
    for (const worker of this.workers.values()) {
      index++;
      if (!this.activityOf(worker).available) continue;
      if (mine.some((r) => r.workerSid === worker.sid && r.status === 'pending')) continue;
      if (!this.hasCapacity(worker, task)) continue;
      if (!predicate(parseJsonObject(worker.attributes))) continue;
      candidates.push({ worker, triedBefore: mine.some((r) => r.workerSid === worker.sid), index });
    }
    candidates.sort((a, b) => Number(a.triedBefore) - Number(b.triedBefore) || (this.lastOffered.get(a.worker.sid) ?? 0) - (this.lastOffered.get(b.worker.sid) ?? 0) || a.index - b.index);
    return candidates[0]?.worker ?? null;
  }

  private hasCapacity(worker: WorkerRecord, task: TaskRecord): boolean {
    const active = this.listReservations({ workerSid: worker.sid }).filter((r) => ACTIVE.includes(r.status));
    if (!this.workspace.multiTaskEnabled) return active.length === 0;
    const channel = [...(this.workerChannels.get(worker.sid)?.values() ?? [])].find((c) => c.taskChannelSid === task.taskChannelSid);
    if (!channel || !channel.available || channel.capacity <= 0) return false;
    const used = active.filter((r) => this.tasks.get(r.taskSid)?.taskChannelSid === task.taskChannelSid).length;
    return used < channel.capacity;
  }

  private reserve(task: TaskRecord, worker: WorkerRecord): ReservationRecord {
    const at = this.clock.now();
    const workflow = this.workflows.get(task.workflowSid);
    const r: ReservationRecord = {
      sid: this.ids.sid('WR'),
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
    this.reservations.set(r.sid, r);
    this.lastOffered.set(worker.sid, at + this.lastOffered.size);
    const sid = r.sid;
    this.reservationTimers.set(sid, this.clock.setTimer(r.timeoutSeconds * 1000, () => this.onReservationTimeout(sid)));
    if (task.assignmentStatus === 'pending') {
      task.assignmentStatus = 'reserved';
      this.touchTask(task);
    }
    this.events.emit('reservation.created', { reservationSid: sid, taskSid: task.sid, workerSid: worker.sid });
    const queue = task.taskQueueSid ? this.taskQueues.get(task.taskQueueSid) : undefined;
    if (queue?.reservationActivitySid && this.activities.has(queue.reservationActivitySid)) this.moveWorker(worker, queue.reservationActivitySid);
    return r;
  }

  // ---------------------------------------------------------------- helpers

  private setReservationStatus(r: ReservationRecord, status: ReservationStatus): void {
    r.status = status;
    r.history.push({ status, at: this.clock.now() });
    if (status !== 'pending') this.clearReservationTimer(r.sid);
    this.touchReservation(r);
  }

  private moveWorker(worker: WorkerRecord, activitySid: string): void {
    if (worker.activitySid === activitySid) return;
    worker.activitySid = activitySid;
    worker.dateStatusChanged = this.clock.now();
    this.touchWorker(worker);
    this.events.emit('worker.activity.update', { workerSid: worker.sid });
  }

  private touchWorker(w: WorkerRecord): void {
    w.version++;
    w.dateUpdated = this.clock.now();
  }

  private touchTask(t: TaskRecord): void {
    t.version++;
    t.dateUpdated = this.clock.now();
  }

  private touchReservation(r: ReservationRecord): void {
    r.version++;
    r.dateUpdated = this.clock.now();
  }

  private clearReservationTimer(sid: string): void {
    const t = this.reservationTimers.get(sid);
    if (t !== undefined) this.clock.clearTimer(t);
    this.reservationTimers.delete(sid);
  }

  private clearTaskTimer(sid: string): void {
    const t = this.taskTimers.get(sid);
    if (t !== undefined) this.clock.clearTimer(t);
    this.taskTimers.delete(sid);
  }

  private compileWorkflow(configuration: string): EngineResult<CompiledWorkflow> {
    let json: unknown;
    try {
      json = JSON.parse(configuration);
    } catch {
      return badRequest('Invalid parameter Configuration: must be JSON');
    }
    const parsed = workflowConfigSchema.safeParse(json);
    if (!parsed.success) return badRequest(`Invalid parameter Configuration: expected {"task_routing":{"filters":[{"expression":"...","targets":[{"queue":"WQ..."}]}],"default_filter":{"queue":"WQ..."}}} (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''})`);
    const filters: CompiledWorkflow['filters'] = [];
    for (const f of parsed.data.task_routing.filters) {
      const compiled = compileExpression(f.expression);
      if (!compiled.ok) return badRequest(`Invalid parameter Configuration: filter expression "${f.expression}": ${compiled.message}`);
      const queueSid = f.targets[0]!.queue;
      if (!this.taskQueues.has(queueSid)) return badRequest(`Invalid parameter Configuration: TaskQueue ${queueSid} does not exist in this workspace`);
      filters.push({ expression: compiled.predicate, queueSid });
    }
    const defaultQueueSid = parsed.data.task_routing.default_filter?.queue ?? null;
    if (defaultQueueSid && !this.taskQueues.has(defaultQueueSid)) return badRequest(`Invalid parameter Configuration: TaskQueue ${defaultQueueSid} does not exist in this workspace`);
    return ok({ filters, defaultQueueSid });
  }

  private queueSchema(creating: boolean) {
    return z.object({
      FriendlyName: creating ? formString(64) : formString(64).optional(),
      TargetWorkers: formString(4096).optional(),
      MaxReservedWorkers: formInt(1, 50).optional(),
      TaskOrder: formEnum(['FIFO', 'LIFO'] as const).optional(),
      ReservationActivitySid: formSid('WA').optional(),
      AssignmentActivitySid: formSid('WA').optional(),
    });
  }

  private checkQueueParams(p: { TargetWorkers?: string | undefined; ReservationActivitySid?: string | undefined; AssignmentActivitySid?: string | undefined }): EngineResult<Predicate> {
    for (const sid of [p.ReservationActivitySid, p.AssignmentActivitySid]) if (sid && !this.activities.has(sid)) return badRequest(`Activity ${sid} does not exist in this workspace`);
    const compiled = compileExpression(p.TargetWorkers ?? '1==1');
    if (!compiled.ok) return badRequest(`Invalid parameter TargetWorkers: ${compiled.message}`);
    return ok(compiled.predicate);
  }
}
