/**
 * The emulator's domain records. These are the emulator's own state, not the
 * wire format: the HTTP layer (emulator/http/) turns them into Twilio's JSON and
 * EVENTBRIDGE turns them into the Worker SDK's payloads. Times are epoch ms on
 * the simulated clock.
 */

export type ReservationStatus = 'pending' | 'accepted' | 'rejected' | 'timeout' | 'canceled' | 'rescinded' | 'wrapping' | 'completed';
export type TaskAssignmentStatus = 'pending' | 'reserved' | 'assigned' | 'canceled' | 'completed' | 'wrapping';
export type QueueOrder = 'FIFO' | 'LIFO';

export interface WorkspaceRecord {
  sid: string;
  accountSid: string;
  friendlyName: string;
  defaultActivitySid: string;
  timeoutActivitySid: string;
  multiTaskEnabled: boolean;
  eventCallbackUrl: string | null;
  eventsFilter: string | null;
  prioritizeQueueOrder: QueueOrder;
  dateCreated: number;
  dateUpdated: number;
}

export interface ActivityRecord {
  sid: string;
  friendlyName: string;
  available: boolean;
  dateCreated: number;
  dateUpdated: number;
}

export interface WorkerRecord {
  sid: string;
  friendlyName: string;
  /** A JSON object serialized as a string, exactly as TaskRouter stores it. `contact_uri` lives here. */
  attributes: string;
  activitySid: string;
  dateCreated: number;
  dateUpdated: number;
  dateStatusChanged: number;
  /** Incremented on every change; the ETag / If-Match value. */
  version: number;
}

export interface WorkflowRecord {
  sid: string;
  friendlyName: string;
  /** JSON string: `{"task_routing":{"filters":[{expression, targets:[{queue}]}],"default_filter":{queue}}}`. */
  configuration: string;
  assignmentCallbackUrl: string | null;
  fallbackAssignmentCallbackUrl: string | null;
  /** Seconds a reservation stays pending before it times out (1..86,400; default 120). */
  taskReservationTimeout: number;
  dateCreated: number;
  dateUpdated: number;
}

export interface TaskQueueRecord {
  sid: string;
  friendlyName: string;
  /** A TaskRouter expression over worker attributes (`1==1`, `skills HAS "billing"`...). */
  targetWorkers: string;
  /** How many workers one task may be reserved for at once (1..50). */
  maxReservedWorkers: number;
  taskOrder: QueueOrder;
  reservationActivitySid: string | null;
  assignmentActivitySid: string | null;
  dateCreated: number;
  dateUpdated: number;
}

export interface TaskChannelRecord {
  sid: string;
  uniqueName: string;
  friendlyName: string;
  channelOptimizedRouting: boolean | null;
  dateCreated: number;
  dateUpdated: number;
}

export interface WorkerChannelRecord {
  sid: string;
  workerSid: string;
  taskChannelSid: string;
  /** How many tasks of this channel the worker can hold at once. 0 disables the channel. */
  capacity: number;
  available: boolean;
  dateCreated: number;
  dateUpdated: number;
}

export interface TaskRecord {
  sid: string;
  /** JSON object serialized as a string. */
  attributes: string;
  assignmentStatus: TaskAssignmentStatus;
  priority: number;
  reason: string | null;
  /** TTL in seconds until the task must be assigned (default 86,400). */
  timeout: number;
  workflowSid: string;
  taskQueueSid: string | null;
  taskChannelSid: string;
  taskQueueEnteredDate: number | null;
  dateCreated: number;
  dateUpdated: number;
  version: number;
  /** Rejections so far; 1,000 cancel the task. */
  rejections: number;
  /** Orders routing and counts the task's age (`VirtualStartTime`; defaults to dateCreated). */
  virtualStartTime: number;
  /** `RoutingTarget`: a WK, WQ or WW SID the task was routed to directly, else null. */
  routingTarget: string | null;
  /** With a worker `RoutingTarget`: offer even when the worker is unavailable or full (default true); else null. */
  ignoreCapacity: boolean | null;
}

/** An assignment instruction as given, every parameter kept (PascalCase names, parsed values). */
export interface InstructionRecord {
  name: 'conference' | 'dequeue' | 'call' | 'redirect' | 'supervise';
  params: Record<string, string | number | boolean | string[]>;
  /** Set once the worker leg is known: dialing, answered, or why it failed. */
  outcome: 'dialing' | 'answered' | 'no-answer' | 'failed' | 'caller-hung-up' | 'issued';
  /** The worker leg, once it exists. */
  callSid: string | null;
  conferenceSid: string | null;
  reason: string | null;
}

export interface ReservationRecord {
  sid: string;
  taskSid: string;
  workerSid: string;
  workerName: string;
  status: ReservationStatus;
  dateCreated: number;
  dateUpdated: number;
  version: number;
  /** Seconds the reservation may stay pending (the workflow's TaskReservationTimeout when created). */
  timeoutSeconds: number;
  /** The activity the worker had when the reservation was created: where `rejected` returns it. */
  workerPreviousActivitySid: string;
  /** The activity to move the worker to after completion (DequeuePostWorkActivitySid / PostWorkActivitySid). */
  postWorkActivitySid: string | null;
  instruction: InstructionRecord | null;
  /** Every status the reservation went through, with when. */
  history: { status: ReservationStatus; at: number }[];
}

/** TaskRouter event types the engine emits. */
export type DomainEventType =
  | 'reservation.created'
  | 'reservation.accepted'
  | 'reservation.rejected'
  | 'reservation.timeout'
  | 'reservation.canceled'
  | 'reservation.rescinded'
  | 'reservation.completed'
  | 'reservation.wrapup'
  | 'reservation.failed'
  | 'task.created'
  | 'task.updated'
  | 'task.canceled'
  | 'task.completed'
  | 'task.wrapup'
  | 'task.deleted'
  | 'worker.activity.update'
  | 'worker.attributes.update'
  | 'worker.capacity.update';

export interface DomainEvent {
  type: DomainEventType;
  /** EV… */
  sid: string;
  /** Simulated clock, ms. */
  at: number;
  workerSid?: string;
  reservationSid?: string;
  taskSid?: string;
  /**
   * Copies of the records the event names, as they were when it was emitted: listeners
   * run once the whole operation is done (routing included), when a task may have moved
   * on or been deleted. Not kept in the Events log.
   */
  snapshot?: { task?: TaskRecord; reservation?: ReservationRecord; worker?: WorkerRecord };
}

export type DomainEventListener = (event: DomainEvent) => void;

/** Errors are values. `status` is the HTTP status, `code` Twilio's error code. */
export interface EngineError {
  status: number;
  code: number;
  message: string;
}

export type EngineResult<T> = { ok: true; value: T } | { ok: false; error: EngineError };

/** Options every mutation accepts. */
export interface UpdateOptions {
  /** The `If-Match` header: the version the caller last saw (quotes and W/ are ignored). */
  ifMatch?: string | undefined;
}

/** A reservation reached through `/Workers/{WK}/Reservations` or `/Tasks/{WT}/Reservations`. */
export interface ReservationScope {
  workerSid?: string | undefined;
  taskSid?: string | undefined;
}

/** Raw request parameters, PascalCase, as they arrive from a form body or the Worker SDK's JSON. */
export type RawParams = Record<string, unknown>;

/**
 * The seam where real voice plugs in. The engine calls `dialWorker` when an
 * instruction (conference, dequeue, call) must ring the worker; the reservation
 * is accepted only when the answer is `answered`. The default implementation
 * (emulator/domain/simulated-voice.ts) answers at once; VOICE replaces it with
 * `engine.setVoiceBridge(bridge)`.
 */
export interface VoiceBridge {
  dialWorker(request: DialRequest): Promise<DialOutcome>;
  /**
   * Optional: hang up a worker leg the engine no longer wants (it answered
   * after its reservation had ended, or the reservation ended without an accept).
   */
  hangUp?(callSid: string): void;
  /**
   * Optional: start a real inbound caller leg (demo traffic uses it so the
   * customer on a demo task is a real call); answers its CA sid.
   */
  startInboundCall?(call: { from: string; to: string }): string;
}

export interface DialRequest {
  reservation: ReservationRecord;
  task: TaskRecord;
  worker: WorkerRecord;
  instruction: 'conference' | 'dequeue' | 'call';
  /** Who is rung: `To`/`DequeueTo`/`CallTo`, else the worker's `contact_uri`. */
  to: string;
  /** Caller ID shown to the worker (`From`/`DequeueFrom`/`CallFrom`), else the task's `from`/`to` attribute. */
  from: string | null;
  timeoutSec: number;
  /** The instruction's parameters, as recorded. */
  params: InstructionRecord['params'];
  /**
   * Aborted when ringing should stop: the reservation timed out, was
   * rescinded, canceled or rejected, or another instruction replaced this one.
   */
  signal?: AbortSignal;
}

export type DialOutcome =
  | { outcome: 'answered'; callSid: string; conferenceSid?: string }
  | { outcome: 'no-answer' | 'failed' | 'caller-hung-up'; reason: string };
