import * as taskRouterModule from 'twilio-taskrouter';
import type { Reservation as SdkReservation, Task as SdkTask, Worker as SdkWorker, WorkerOptions } from 'twilio-taskrouter';
import type { RawReservation, RawTask, RawWorker } from '../twilio/api';
import { parseJsonObject } from '../twilio/json';
import { guardedEventHandlerClass } from './guarded-event-handler';

// The SDK is a CommonJS bundle: Node's ESM loader exposes it only as `default`, bundlers as named exports.
const WorkerClass: typeof SdkWorker =
  (taskRouterModule as unknown as { Worker?: typeof SdkWorker }).Worker ?? (taskRouterModule as unknown as { default: { Worker: typeof SdkWorker } }).default.Worker;

export interface SubscriberEvents {
  /** The SDK (re)initialized after connecting: the socket is up. */
  onReady(): void;
  onDisconnected(reason: string): void;
  /** A reservation event; `live` for events that happened just now (not a re-read after connecting). */
  onReservation(reservation: RawReservation, live: boolean): void;
  onWorker(worker: RawWorker): void;
  onTokenExpired(): void;
  onError(error: unknown): void;
}

export interface SubscriberOptions {
  token: string;
  /** EventBridge endpoints; Twilio's defaults when absent. */
  ebServer?: string;
  wsServer?: string;
  events: SubscriberEvents;
}

export interface Subscriber {
  updateToken(token: string): void;
  stop(): void;
}

const time = (d: Date | null | undefined): number => (d instanceof Date && !Number.isNaN(d.getTime()) ? d.getTime() : 0);

export function taskFromSdk(task: SdkTask): RawTask {
  return {
    sid: task.sid,
    assignmentStatus: task.status,
    queueSid: task.queueSid ?? null,
    queueName: task.queueName ?? null,
    channel: task.taskChannelUniqueName ?? 'default',
    priority: task.priority ?? 0,
    dateCreatedMs: time(task.dateCreated),
    reason: task.reason ?? null,
    attributes: parseJsonObject(task.attributes),
    workflowSid: task.workflowSid ?? null,
  };
}

/** The SDK emits events named after the new state; its object may lag behind, so the event decides. */
const EVENT_STATUS = { accepted: 'accepted', rejected: 'rejected', timeout: 'timeout', canceled: 'canceled', rescinded: 'rescinded', completed: 'completed', wrapup: 'wrapping' } as const;

export function reservationFromSdk(r: SdkReservation, status: string = r.status): RawReservation {
  return {
    sid: r.sid,
    taskSid: r.task?.sid ?? '',
    workerSid: r.workerSid,
    status,
    dateCreatedMs: time(r.dateCreated),
    dateUpdatedMs: time(r.dateUpdated),
    timeoutSeconds: typeof r.timeout === 'number' ? r.timeout : undefined,
    task: r.task ? taskFromSdk(r.task) : undefined,
  };
}

function workerFromSdk(w: SdkWorker): RawWorker {
  return {
    sid: w.sid,
    friendlyName: w.friendlyName ?? w.name,
    // The SDK keeps the current activity as an object; its flat `activitySid` is not kept up to date.
    activitySid: w.activity?.sid ?? w.activitySid,
    activityName: w.activity?.name ?? '',
    // Like the activity: the SDK (2.1.x) leaves the flat `available` undefined at `ready`; the activity object says it.
    available: w.activity?.available ?? w.available ?? false,
    attributes: parseJsonObject(w.attributes),
    ...(w.dateActivityChanged instanceof Date && !Number.isNaN(w.dateActivityChanged.getTime()) ? { dateStatusChangedMs: w.dateActivityChanged.getTime() } : {}),
  };
}

/**
 * Subscribe mode: the official Worker SDK, unmodified, running in Node. The
 * SDK reconnects by itself with backoff; we only translate its events. With
 * both `ebServer` and `wsServer` given the SDK never contacts Twilio's hosts.
 */
export function startSubscriber(options: SubscriberOptions): Subscriber {
  const { events } = options;
  const workerOptions: WorkerOptions & { setWorkerOfflineIfDisconnected?: boolean } = {
    logLevel: 'silent',
    // Several desktops (or a browser tab) may watch the same worker; never kick the others.
    closeExistingSessions: false,
    // A dropped socket must not make the agent unavailable: the host falls back to polling instead.
    setWorkerOfflineIfDisconnected: false,
    eventHandlerClass: guardedEventHandlerClass((e, event) => events.onError(new Error(`The Worker SDK failed on ${event}: ${e instanceof Error ? e.message : String(e)}`))),
    ...(options.ebServer ? { ebServer: options.ebServer } : {}),
    ...(options.wsServer ? { wsServer: options.wsServer } : {}),
  };
  const worker = new WorkerClass(options.token, workerOptions);
  const watched = new WeakSet<SdkReservation>();
  let stopped = false;

  const watch = (reservation: SdkReservation) => {
    if (watched.has(reservation)) return;
    watched.add(reservation);
    for (const [event, status] of Object.entries(EVENT_STATUS)) {
      reservation.on(event as keyof typeof EVENT_STATUS, (r: SdkReservation) => safely(() => events.onReservation(reservationFromSdk(r ?? reservation, status), true)));
    }
  };
  const safely = (fn: () => void) => {
    try {
      if (!stopped) fn();
    } catch (e) {
      events.onError(e);
    }
  };

  worker.on('ready', () =>
    safely(() => {
      events.onWorker(workerFromSdk(worker));
      // After a (re)connect the SDK re-reads the active reservations without re-emitting reservationCreated.
      for (const reservation of worker.reservations.values()) {
        watch(reservation);
        events.onReservation(reservationFromSdk(reservation), false);
      }
      events.onReady();
    }),
  );
  worker.on('reservationCreated', (reservation) =>
    safely(() => {
      watch(reservation);
      events.onReservation(reservationFromSdk(reservation), true);
    }),
  );
  worker.on('activityUpdated', () => safely(() => events.onWorker(workerFromSdk(worker))));
  worker.on('attributesUpdated', () => safely(() => events.onWorker(workerFromSdk(worker))));
  worker.on('disconnected', (info: unknown) => safely(() => events.onDisconnected(describe(info))));
  worker.on('tokenExpired', () => safely(() => events.onTokenExpired()));
  worker.on('error', (e) => safely(() => events.onError(e)));

  return {
    updateToken(token) {
      if (!stopped) worker.updateToken(token);
    },
    stop() {
      stopped = true;
      try {
        worker.removeAllListeners();
        // Keep an 'error' sink: the SDK may still emit while closing, and an unhandled 'error' would crash Node.
        worker.on('error', () => undefined);
        // Closing a socket that is still connecting makes `ws` emit 'error' after the SDK detached its handlers:
        // give that error a listener so it cannot become an uncaught exception.
        const signaling = (worker as unknown as { _signaling?: SdkSignalingInternals })._signaling;
        signaling?.webSocket?.on?.('error', () => undefined);
        worker.disconnect();
        stopLeftoverTimers(signaling);
      } catch {
        // Already closed.
      }
    },
  };
}

/** The parts of the SDK's signaling object (2.1.x) whose timers outlive `disconnect()`. */
interface SdkSignalingInternals {
  webSocket?: { on?: (event: string, fn: () => void) => void } | null;
  tokenTimer?: ReturnType<typeof setTimeout> | null;
  _heartbeat?: { pintvl?: ReturnType<typeof setInterval> | null } | null;
}

/**
 * `worker.disconnect()` in twilio-taskrouter 2.1.x closes the socket but leaves
 * two timers running: the token-expiry timer (until the token's lifetime ends,
 * up to an hour) and the 30-s heartbeat check. Every token refresh and every
 * reconcile replaces the Worker, so over a shift they pile up and keep the
 * process alive. Clearing them is safe: the Worker is never used again. A test
 * (integration/host/watch/subscriber.timers.test.ts) fails if a future SDK moves them.
 */
function stopLeftoverTimers(signaling: SdkSignalingInternals | undefined): void {
  if (!signaling) return;
  if (signaling.tokenTimer) clearTimeout(signaling.tokenTimer);
  signaling.tokenTimer = null;
  const heartbeat = signaling._heartbeat;
  if (heartbeat?.pintvl) clearInterval(heartbeat.pintvl);
  if (heartbeat) heartbeat.pintvl = null;
}

function describe(info: unknown): string {
  const message = (info as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : 'connection lost';
}
