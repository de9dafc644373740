import { ConfigOps } from './config-ops';
import { Lifecycle } from './lifecycle';
import { ReservationUpdates } from './reservation-updates';
import { Router } from './routing';
import { EngineState, type EngineOptions, type SeedPlan, type TaskFilter, type WorkerFilter } from './state';
import { Statistics } from './statistics';
import { createStatisticsRecorder } from './statistics-recorder';
import { createTaskRetention } from './task-retention';
import { TaskOps } from './task-ops';
import { WorkerOps } from './worker-ops';
import type {
  ActivityRecord,
  DomainEvent,
  DomainEventListener,
  EngineResult,
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

export { REJECTIONS_BEFORE_CANCEL } from './lifecycle';
export type { EngineOptions, SeedPlan, TaskFilter, WorkerFilter } from './state';

/**
 * TaskRouter, in memory: one account, one workspace, its activities, workers,
 * workflows, queues, channels, tasks and reservations, and the routing that
 * turns pending tasks into reservations. This class is the one door in (REST
 * routes, the EventBridge proxy, demo traffic and VOICE all use it); the work
 * is done by the parts it wires together over one EngineState:
 * config-ops, worker-ops, task-ops, reservation-updates, lifecycle, routing.
 *
 * Every method validates its input and answers errors as values; no method
 * leaves state half-changed (validation happens before the first write).
 * Every mutation ends by routing and then delivering the domain events.
 */
export class Engine {
  readonly accountSid: string;
  private readonly s: EngineState;
  private readonly config: ConfigOps;
  private readonly workerOps: WorkerOps;
  private readonly taskOps: TaskOps;
  private readonly reservationUpdates: ReservationUpdates;
  /** TaskRouter's Statistics resources (real time from state, cumulative from the bounded history). */
  readonly statistics: Statistics;

  constructor(options: EngineOptions) {
    this.accountSid = options.accountSid;
    this.s = new EngineState(options.clock, options.ids, options.accountSid, options.callbackUrls);
    const life = new Lifecycle(this.s);
    const router = new Router(this.s, life);
    this.s.afterChange = () => {
      router.route();
      this.s.events.flush();
    };
    this.config = new ConfigOps(this.s);
    this.workerOps = new WorkerOps(this.s, life);
    this.taskOps = new TaskOps(this.s, life);
    this.reservationUpdates = new ReservationUpdates(this.s, life);
    this.statistics = new Statistics(this.s);
    // Registered first, so they see every event before outside listeners can act on it.
    this.s.events.on(createStatisticsRecorder(this.s));
    this.s.events.on(createTaskRetention(this.s, (sid) => void this.taskOps.deleteTask(sid)));
  }

  /** Where assignment and event callbacks may be sent. */
  get callbackUrls() {
    return this.s.callbackUrls;
  }

  /** The simulated API 2010 records (calls, conferences, participants). */
  get calls() {
    return this.s.calls;
  }

  /** Replaces all state with the seed plan (used at start and by reset). */
  load(plan: SeedPlan): void {
    this.s.load(plan);
  }

  onEvent(listener: DomainEventListener): () => void {
    return this.s.events.on(listener);
  }

  /** Hangs up a call: in the API 2010 records and, when it offers `hangUp`, in the voice bridge. */
  endCall(callSid: string): void {
    this.s.endWorkerLeg(callSid);
  }

  /**
   * A customer calling in: a real call when the voice bridge can place one,
   * else a simulated record. Answers the call SID for the task's `call_sid`.
   */
  startInboundCall(from: string, to: string): string {
    try {
      const sid = this.s.voice.startInboundCall?.({ from, to });
      if (sid) return sid;
    } catch (error) {
      console.error('emulator: voice bridge startInboundCall failed', error);
    }
    return this.s.calls.createCall({ from, to, direction: 'inbound' }).sid;
  }

  /** The seam where real voice replaces the simulated worker leg. */
  setVoiceBridge(bridge: VoiceBridge): void {
    this.s.voice = bridge;
  }

  now(): number {
    return this.s.clock.now();
  }

  // ---------------------------------------------------------------- reads

  getWorkspace(): WorkspaceRecord {
    return this.s.workspace;
  }

  listActivities(): ActivityRecord[] {
    return this.s.listActivities();
  }

  getActivity(sid: string): ActivityRecord | undefined {
    return this.s.getActivity(sid);
  }

  listWorkers(filter: WorkerFilter = {}): EngineResult<WorkerRecord[]> {
    return this.workerOps.listWorkers(filter);
  }

  getWorker(sid: string): WorkerRecord | undefined {
    return this.s.workers.get(sid);
  }

  /** The worker's current activity (always exists: activities in use cannot be deleted). */
  activityOf(worker: WorkerRecord): ActivityRecord {
    return this.s.activityOf(worker);
  }

  listWorkerChannels(workerSid: string): WorkerChannelRecord[] {
    return this.workerOps.listWorkerChannels(workerSid);
  }

  /** By WC sid or by task channel unique name (Twilio accepts both). */
  getWorkerChannel(workerSid: string, sidOrName: string): WorkerChannelRecord | undefined {
    return this.workerOps.getWorkerChannel(workerSid, sidOrName);
  }

  /** Tasks of this worker channel that hold capacity (accepted or wrapping reservations). */
  assignedTasks(channel: WorkerChannelRecord): number {
    return this.workerOps.assignedTasks(channel);
  }

  listWorkflows(): WorkflowRecord[] {
    return [...this.s.workflows.values()];
  }

  getWorkflow(sid: string): WorkflowRecord | undefined {
    return this.s.workflows.get(sid);
  }

  listTaskQueues(): TaskQueueRecord[] {
    return [...this.s.taskQueues.values()];
  }

  getTaskQueue(sid: string): TaskQueueRecord | undefined {
    return this.s.taskQueues.get(sid);
  }

  listTaskChannels(): TaskChannelRecord[] {
    return [...this.s.taskChannels.values()];
  }

  getTaskChannel(sid: string): TaskChannelRecord | undefined {
    return this.s.taskChannels.get(sid);
  }

  /** By TC sid or unique name. */
  findTaskChannel(sidOrName: string): TaskChannelRecord | undefined {
    return this.s.findTaskChannel(sidOrName);
  }

  listTasks(filter: TaskFilter = {}): EngineResult<TaskRecord[]> {
    return this.taskOps.listTasks(filter);
  }

  getTask(sid: string): TaskRecord | undefined {
    return this.s.tasks.get(sid);
  }

  listReservations(filter: { workerSid?: string; taskSid?: string; status?: ReservationStatus } = {}): ReservationRecord[] {
    return this.s.listReservations(filter);
  }

  getReservation(sid: string): ReservationRecord | undefined {
    return this.s.reservations.get(sid);
  }

  /** Past domain events, newest first (the workspace's Events resource; bounded). */
  listEvents(): DomainEvent[] {
    return this.s.events.history();
  }

  /** When a pending reservation times out (simulated ms), else null. */
  reservationExpiresAt(r: ReservationRecord): number | null {
    return r.status === 'pending' ? r.dateCreated + r.timeoutSeconds * 1000 : null;
  }

  /** Everything, for `GET /emulator/state`. */
  dump(): Record<string, unknown> {
    return {
      now: this.s.clock.now(),
      workspace: this.s.workspace,
      activities: this.listActivities(),
      workers: [...this.s.workers.values()].map((w) => ({ ...w, activityName: this.activityOf(w).friendlyName, available: this.activityOf(w).available, channels: this.listWorkerChannels(w.sid) })),
      taskQueues: this.listTaskQueues(),
      workflows: this.listWorkflows(),
      taskChannels: this.listTaskChannels(),
      tasks: [...this.s.tasks.values()],
      reservations: [...this.s.reservations.values()],
      calls: [...this.s.calls.calls.values()],
      conferences: [...this.s.calls.conferences.values()].map((c) => ({ ...c, participants: [...(this.s.calls.participants.get(c.sid)?.values() ?? [])] })),
    };
  }

  // ---------------------------------------------------------------- configuration

  updateWorkspace(raw: RawParams): EngineResult<WorkspaceRecord> {
    return this.config.updateWorkspace(raw);
  }

  createActivity(raw: RawParams): EngineResult<ActivityRecord> {
    return this.config.createActivity(raw);
  }

  updateActivity(sid: string, raw: RawParams): EngineResult<ActivityRecord> {
    return this.config.updateActivity(sid, raw);
  }

  deleteActivity(sid: string): EngineResult<true> {
    return this.config.deleteActivity(sid);
  }

  createWorkflow(raw: RawParams): EngineResult<WorkflowRecord> {
    return this.config.createWorkflow(raw);
  }

  updateWorkflow(sid: string, raw: RawParams): EngineResult<WorkflowRecord> {
    return this.config.updateWorkflow(sid, raw);
  }

  deleteWorkflow(sid: string): EngineResult<true> {
    return this.config.deleteWorkflow(sid);
  }

  createTaskQueue(raw: RawParams): EngineResult<TaskQueueRecord> {
    return this.config.createTaskQueue(raw);
  }

  updateTaskQueue(sid: string, raw: RawParams): EngineResult<TaskQueueRecord> {
    return this.config.updateTaskQueue(sid, raw);
  }

  deleteTaskQueue(sid: string): EngineResult<true> {
    return this.config.deleteTaskQueue(sid);
  }

  createTaskChannel(raw: RawParams): EngineResult<TaskChannelRecord> {
    return this.config.createTaskChannel(raw);
  }

  updateTaskChannel(sidOrName: string, raw: RawParams): EngineResult<TaskChannelRecord> {
    return this.config.updateTaskChannel(sidOrName, raw);
  }

  deleteTaskChannel(sidOrName: string): EngineResult<true> {
    return this.config.deleteTaskChannel(sidOrName);
  }

  // ---------------------------------------------------------------- workers

  createWorker(raw: RawParams): EngineResult<WorkerRecord> {
    return this.workerOps.createWorker(raw);
  }

  /** ActivitySid, Attributes, FriendlyName, RejectPendingReservations; If-Match. */
  updateWorker(sid: string, raw: RawParams, options: UpdateOptions = {}): EngineResult<WorkerRecord> {
    return this.workerOps.updateWorker(sid, raw, options);
  }

  deleteWorker(sid: string, options: UpdateOptions = {}): EngineResult<true> {
    return this.workerOps.deleteWorker(sid, options);
  }

  updateWorkerChannel(workerSid: string, sidOrName: string, raw: RawParams): EngineResult<WorkerChannelRecord> {
    return this.workerOps.updateWorkerChannel(workerSid, sidOrName, raw);
  }

  // ---------------------------------------------------------------- tasks

  createTask(raw: RawParams): EngineResult<TaskRecord> {
    return this.taskOps.createTask(raw);
  }

  /** AssignmentStatus (canceled, wrapping, completed), Reason, Attributes, Priority, TaskChannel; If-Match. */
  updateTask(sid: string, raw: RawParams, options: UpdateOptions = {}): EngineResult<TaskRecord> {
    return this.taskOps.updateTask(sid, raw, options);
  }

  deleteTask(sid: string, options: UpdateOptions = {}): EngineResult<true> {
    return this.taskOps.deleteTask(sid, options);
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
    return this.reservationUpdates.updateReservation(sid, raw, options);
  }
}
