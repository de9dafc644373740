import type { WorkerFilter } from '../domain/state';
import type {
  ActivityRecord,
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
  WorkerChannelRecord,
  WorkerRecord,
  WorkflowRecord,
  WorkspaceRecord,
} from '../domain/types';

/**
 * The part of the emulator's Engine that EventBridge uses, named here so this
 * folder depends on a narrow, stated surface (the real Engine satisfies it).
 */
export interface EventBridgeEngine {
  onEvent(listener: DomainEventListener): () => void;
  getWorkspace(): WorkspaceRecord;
  listActivities(): ActivityRecord[];
  getActivity(sid: string): ActivityRecord | undefined;
  getWorker(sid: string): WorkerRecord | undefined;
  listWorkers(filter?: WorkerFilter): EngineResult<WorkerRecord[]>;
  listTaskQueues(): TaskQueueRecord[];
  listWorkerChannels(workerSid: string): WorkerChannelRecord[];
  /** Tasks holding capacity on this worker channel. */
  assignedTasks(channel: WorkerChannelRecord): number;
  getReservation(sid: string): ReservationRecord | undefined;
  listReservations(filter: { workerSid?: string; taskSid?: string; status?: ReservationStatus }): ReservationRecord[];
  getTask(sid: string): TaskRecord | undefined;
  getTaskQueue(sid: string): TaskQueueRecord | undefined;
  getWorkflow(sid: string): WorkflowRecord | undefined;
  getTaskChannel(sid: string): TaskChannelRecord | undefined;
  updateReservation(sid: string, params: RawParams, options?: UpdateOptions & ReservationScope): EngineResult<ReservationRecord> | Promise<EngineResult<ReservationRecord>>;
  createTask(params: RawParams): EngineResult<TaskRecord>;
  updateWorker(sid: string, params: RawParams, options?: UpdateOptions): EngineResult<WorkerRecord> | Promise<EngineResult<WorkerRecord>>;
  updateTask(sid: string, params: RawParams, options?: UpdateOptions): EngineResult<TaskRecord> | Promise<EngineResult<TaskRecord>>;
}
