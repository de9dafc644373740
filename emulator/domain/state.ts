import { CallbackUrlPolicy } from './callback-urls';
import { CallStore } from './calls';
import type { SimClock, TimerId } from './clock';
import { EventHub } from './events';
import { compileExpression, type Predicate } from './expression';
import { compileWorkflowConfiguration, type CompiledTarget, type CompiledWorkflow } from './workflow-config';
import type { IdFactory } from './ids';
import { ReservationTable } from './reservation-table';
import { SimulatedVoiceBridge } from './simulated-voice';
import { StatisticsLog } from './statistics-log';
import type {
  ActivityRecord,
  EngineResult,
  ReservationRecord,
  ReservationStatus,
  TaskChannelRecord,
  TaskQueueRecord,
  TaskRecord,
  VoiceBridge,
  WorkerChannelRecord,
  WorkerRecord,
  WorkflowRecord,
  WorkspaceRecord,
} from './types';

/**
 * The engine's state and the small helpers every part of it shares (versions,
 * worker moves, status changes, timers). The parts — config, workers, tasks,
 * reservation updates, lifecycle, routing — each work on one EngineState.
 */

/** Reservations in these statuses hold a worker's capacity. */
export const ACTIVE: readonly ReservationStatus[] = ['pending', 'accepted', 'wrapping'];

export interface EngineOptions {
  clock: SimClock;
  ids: IdFactory;
  accountSid: string;
  /** Where callback URLs may point (default: this machine only). */
  callbackUrls?: CallbackUrlPolicy;
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
  priority?: number;
  routingTarget?: string;
  hasAddons?: boolean;
}

export type { CompiledWorkflow } from './workflow-config';

export class EngineState {
  readonly calls: CallStore;
  readonly events: EventHub;
  /** The bounded history TaskRouter's Statistics resources are computed from. */
  readonly statistics: StatisticsLog;
  voice: VoiceBridge;
  workspace!: WorkspaceRecord;
  readonly activities = new Map<string, ActivityRecord>();
  readonly workers = new Map<string, WorkerRecord>();
  readonly workerChannels = new Map<string, Map<string, WorkerChannelRecord>>();
  readonly workflows = new Map<string, WorkflowRecord>();
  readonly compiledWorkflows = new Map<string, CompiledWorkflow>();
  /** The workflow target each task was routed to (target expression, known worker); none for RoutingTarget tasks. */
  readonly taskTargets = new Map<string, CompiledTarget>();
  readonly taskQueues = new Map<string, TaskQueueRecord>();
  readonly compiledQueues = new Map<string, Predicate>();
  readonly taskChannels = new Map<string, TaskChannelRecord>();
  readonly tasks = new Map<string, TaskRecord>();
  readonly reservations = new ReservationTable();
  readonly reservationTimers = new Map<string, TimerId>();
  readonly taskTimers = new Map<string, TimerId>();
  /** When each worker was last offered a task: the longest-idle worker is offered first. */
  readonly lastOffered = new Map<string, number>();
  /** Dials still ringing, by reservation SID: aborted when the reservation stops wanting them. */
  readonly dialsInFlight = new Map<string, AbortController>();
  /** Bumped by load() so answers from dials started before a reset are ignored. */
  generation = 0;
  /** Routes and delivers events; the engine sets it. Every mutation (and timer) ends with it. */
  afterChange: () => void = () => this.events.flush();

  constructor(
    readonly clock: SimClock,
    readonly ids: IdFactory,
    readonly accountSid: string,
    readonly callbackUrls: CallbackUrlPolicy = new CallbackUrlPolicy(),
  ) {
    this.events = new EventHub(
      () => this.clock.now(),
      () => this.ids.sid('EV'),
      (refs) => {
        const task = refs.taskSid ? this.tasks.get(refs.taskSid) : undefined;
        const reservation = refs.reservationSid ? this.reservations.get(refs.reservationSid) : undefined;
        const worker = refs.workerSid ? this.workers.get(refs.workerSid) : undefined;
        return {
          ...(task ? { task: { ...task } } : {}),
          ...(reservation ? { reservation: { ...reservation, history: [...reservation.history] } } : {}),
          ...(worker ? { worker: { ...worker } } : {}),
        };
      },
    );
    this.calls = new CallStore(this.ids, () => this.clock.now());
    this.statistics = new StatisticsLog(() => this.clock.now());
    this.voice = new SimulatedVoiceBridge(this.calls);
  }

  /** Replaces all state with the seed plan (used at start and by reset). */
  load(plan: SeedPlan): void {
    this.generation++;
    for (const controller of this.dialsInFlight.values()) controller.abort(new Error('The emulator was reset'));
    this.dialsInFlight.clear();
    for (const t of this.reservationTimers.values()) this.clock.clearTimer(t);
    for (const t of this.taskTimers.values()) this.clock.clearTimer(t);
    this.reservationTimers.clear();
    this.taskTimers.clear();
    for (const map of [this.activities, this.workers, this.workerChannels, this.workflows, this.compiledWorkflows, this.taskQueues, this.compiledQueues, this.taskChannels, this.tasks, this.reservations, this.lastOffered, this.taskTargets]) map.clear();
    this.events.clear();
    this.statistics.clear();
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

  listReservations(filter: { workerSid?: string; taskSid?: string; status?: ReservationStatus } = {}): ReservationRecord[] {
    // Through the smaller index when there is one: the full table grows all shift long.
    const from = filter.taskSid ? this.reservations.ofTask(filter.taskSid) : filter.workerSid ? this.reservations.ofWorker(filter.workerSid) : this.reservations.values();
    return [...from].filter(
      (r) => (!filter.workerSid || r.workerSid === filter.workerSid) && (!filter.taskSid || r.taskSid === filter.taskSid) && (!filter.status || r.status === filter.status),
    );
  }

  /** The worker's current activity (always exists: activities in use cannot be deleted). */
  activityOf(worker: WorkerRecord): ActivityRecord {
    return this.activities.get(worker.activitySid) ?? { sid: worker.activitySid, friendlyName: 'Unknown', available: false, dateCreated: 0, dateUpdated: 0 };
  }

  /** By TC sid or unique name. */
  findTaskChannel(sidOrName: string): TaskChannelRecord | undefined {
    return this.taskChannels.get(sidOrName) ?? [...this.taskChannels.values()].find((c) => c.uniqueName === sidOrName);
  }

  touchWorker(w: WorkerRecord): void {
    w.version++;
    w.dateUpdated = this.clock.now();
  }

  touchTask(t: TaskRecord): void {
    t.version++;
    t.dateUpdated = this.clock.now();
  }

  touchReservation(r: ReservationRecord): void {
    r.version++;
    r.dateUpdated = this.clock.now();
  }

  moveWorker(worker: WorkerRecord, activitySid: string): void {
    if (worker.activitySid === activitySid) return;
    this.statistics.activityEnded(worker.sid, worker.activitySid, worker.dateStatusChanged);
    worker.activitySid = activitySid;
    worker.dateStatusChanged = this.clock.now();
    this.touchWorker(worker);
    this.events.emit('worker.activity.update', { workerSid: worker.sid });
  }

  setReservationStatus(r: ReservationRecord, status: ReservationStatus): void {
    r.status = status;
    r.history.push({ status, at: this.clock.now() });
    if (status !== 'pending') this.clearReservationTimer(r.sid);
    this.touchReservation(r);
  }

  clearReservationTimer(sid: string): void {
    const t = this.reservationTimers.get(sid);
    if (t !== undefined) this.clock.clearTimer(t);
    this.reservationTimers.delete(sid);
  }

  clearTaskTimer(sid: string): void {
    const t = this.taskTimers.get(sid);
    if (t !== undefined) this.clock.clearTimer(t);
    this.taskTimers.delete(sid);
  }

  compileWorkflow(configuration: string): EngineResult<CompiledWorkflow> {
    return compileWorkflowConfiguration(configuration, (sid) => this.taskQueues.has(sid));
  }

  now(): number {
    return this.clock.now();
  }

  listActivities(): ActivityRecord[] {
    return [...this.activities.values()];
  }

  getActivity(sid: string): ActivityRecord | undefined {
    return this.activities.get(sid);
  }

  /** Stops a dial still ringing for this reservation, if any. */
  abortDial(reservationSid: string, reason: string): void {
    const controller = this.dialsInFlight.get(reservationSid);
    if (!controller) return;
    this.dialsInFlight.delete(reservationSid);
    controller.abort(new Error(reason));
  }

  /** Hangs up a worker leg in the call records and, when it can, in the voice bridge. */
  endWorkerLeg(callSid: string): void {
    this.calls.endCall(callSid);
    try {
      this.voice.hangUp?.(callSid);
    } catch (error) {
      console.error('emulator: voice bridge hangUp failed', error);
    }
  }
}
