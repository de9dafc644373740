import { z } from 'zod';
import { deskSettings, wrapUp } from './desk';

/**
 * The normalized model the host pushes to the UI. It is the same whether the
 * host learned about a reservation from the Worker SDK (subscribe mode) or from
 * the REST API (poll mode). Times are epoch milliseconds on the *local* clock:
 * the host has already corrected the server's timestamps by the measured offset.
 */

export const RESERVATION_STATUSES = ['pending', 'accepted', 'rejected', 'timeout', 'canceled', 'rescinded', 'wrapping', 'completed'] as const;
export const reservationStatus = z.enum(RESERVATION_STATUSES);
export type ReservationStatus = z.infer<typeof reservationStatus>;

/** Statuses after which a reservation can no longer be acted on. */
export const ENDED_STATUSES: readonly ReservationStatus[] = ['rejected', 'timeout', 'canceled', 'rescinded', 'completed'];

const jsonRecord = z.record(z.string(), z.unknown());

export const taskSummary = z.object({
  sid: z.string(),
  /** TaskRouter's assignment_status. */
  status: z.enum(['pending', 'reserved', 'assigned', 'canceled', 'completed', 'wrapping']),
  queueSid: z.string().nullable(),
  queueName: z.string().nullable(),
  /** The task channel's unique name: voice, chat, sms, default... */
  channel: z.string(),
  priority: z.number(),
  /** When the task was created (the customer started waiting), local clock. */
  createdAt: z.number(),
  /** Why the task was canceled or completed, as TaskRouter says. */
  reason: z.string().nullable(),
  attributes: jsonRecord,
});
export type TaskSummary = z.infer<typeof taskSummary>;

export const reservation = z.object({
  sid: z.string(),
  taskSid: z.string(),
  workerSid: z.string(),
  status: reservationStatus,
  /** Increases with every change; used to drop stale or duplicate events. */
  version: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** When a pending offer times out, local clock: server date_created + workflow timeout, offset-corrected. */
  expiresAt: z.number(),
  timeoutSeconds: z.number(),
  task: taskSummary,
  /** From the task attributes (`caller_name`/`customer_name`/`name`, `from`/`caller`). */
  caller: z.object({ name: z.string().nullable(), number: z.string().nullable() }),
  /** Why the customer called (`reason`/`topic`/`subject` attribute). */
  topic: z.string().nullable(),
  /** The caller's call, for voice tasks (`call_sid` attribute). */
  callSid: z.string().nullable(),
  /** When the reservation left pending/accepted/wrapping for an ended state, local clock. */
  endedAt: z.number().nullable(),
  /** A sentence saying why it ended ("Timed out after 30 s", "Accepted by another agent"); GONE_REASON when TaskRouter answered 404. */
  endedReason: z.string().nullable(),
  /**
   * Who decides a pending reservation (absent = `offer`). `offer`: the agent (Accept / Reject).
   * `assigning`: the workflow has an assignment callback and its server may still answer with an
   * instruction (the first seconds). `calling`: TaskRouter is calling the agent's phone for it (an
   * instruction is being carried out); the agent answers the call, and TaskRouter accepts the
   * reservation when the call connects. host/README.md "Reservations a server handles".
   */
  assignment: z.enum(['offer', 'assigning', 'calling']).optional(),
});
export type Reservation = z.infer<typeof reservation>;
export type Assignment = NonNullable<Reservation['assignment']>;

/** A pending reservation the agent can accept or reject now (not one a server or an instruction is handling). */
export const isOffer = (r: Pick<Reservation, 'status' | 'assignment'>): boolean => r.status === 'pending' && (r.assignment ?? 'offer') === 'offer';

export const activity = z.object({ sid: z.string(), friendlyName: z.string(), available: z.boolean() });
export type Activity = z.infer<typeof activity>;

export const worker = z.object({
  sid: z.string(),
  friendlyName: z.string(),
  activitySid: z.string(),
  activityName: z.string(),
  available: z.boolean(),
  contactUri: z.string().nullable(),
  attributes: jsonRecord,
  /** The activity to move to once the current task is completed, if the agent chose one. */
  nextActivitySid: z.string().nullable(),
  /** When the worker entered the current activity (TaskRouter's date_status_changed), if known. */
  activityChangedAt: z.number().nullable(),
});
export type Worker = z.infer<typeof worker>;

export const workerSummary = z.object({ sid: z.string(), friendlyName: z.string(), contactUri: z.string().nullable() });
export type WorkerSummary = z.infer<typeof workerSummary>;

/** How the host is connected to TaskRouter right now. */
export const connectionState = z.object({
  /** subscribed: Worker SDK WebSocket up; polling: REST polling (fallback or configured); connecting; offline: nothing works. */
  state: z.enum(['connecting', 'subscribed', 'polling', 'offline', 'unconfigured']),
  since: z.number(),
  /** A sentence for the status bar ("WebSocket lost, polling every 2 s"). */
  detail: z.string().nullable(),
  /** The last period during which the host could not reach TaskRouter. */
  lastGap: z.object({ from: z.number(), to: z.number() }).nullable(),
});
export type ConnectionState = z.infer<typeof connectionState>;

export const MODES = ['demo', 'account', 'tokenUrl'] as const;
export const mode = z.enum(MODES);
export type Mode = z.infer<typeof mode>;

/** Settings as the UI may see them: secrets are never included, only whether one is stored. */
export const publicSettings = z.object({
  mode,
  accountSid: z.string().nullable(),
  apiKeySid: z.string().nullable(),
  workspaceSid: z.string().nullable(),
  workerSid: z.string().nullable(),
  tokenUrl: z.string().nullable(),
  /** True when an auth token or API key secret is stored in the host. */
  hasSecret: z.boolean(),
  /** How the host watches reservations. */
  transport: z.enum(['subscribe', 'poll']),
  /** What plain Accept does: accept only, or the Conference instruction on the contact URI. */
  defaultInstruction: z.enum(['accept', 'conference']),
  contactUri: z.string().nullable(),
  /** Dispositions, wrap-up timer, task detail fields, customer link, instruction presets. */
  desk: deskSettings,
});
export type PublicSettings = z.infer<typeof publicSettings>;

export const snapshot = z.object({
  /**
   * The session epoch this snapshot belongs to. It grows whenever the host's
   * identity, mode or connection generation changes; nothing of an older epoch
   * may stay on screen (see the `sessionReset` event).
   */
  epoch: z.number().int().nonnegative(),
  settings: publicSettings,
  worker: worker.nullable(),
  activities: z.array(activity),
  reservations: z.array(reservation),
  connection: connectionState,
  /** Workspace facts the UI needs: where a timed-out worker is moved. */
  workspace: z.object({ sid: z.string().nullable(), timeoutActivitySid: z.string().nullable(), defaultActivitySid: z.string().nullable() }).nullable(),
  /** Reservations in wrap-up with their timer, disposition and notes (the host keeps them). */
  wrapUps: z.array(wrapUp),
});
export type Snapshot = z.infer<typeof snapshot>;

/** `endedReason` of a reservation TaskRouter answered 404 for (its task was deleted): settled as canceled by the host. */
export const GONE_REASON = 'No longer exists in TaskRouter';
