import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EngineResult } from '../domain/types';
import type { WorkerIdentity } from './token';

/**
 * The EventBridge WebSocket hub: accepts the Worker SDK's sockets on the
 * emulator's own http.Server (`noServer` upgrade), greets each with `init`,
 * keeps it alive with blank heartbeat frames, pushes the worker's events and
 * closes sessions whose token expired on the simulated clock.
 */

/** Close codes the hub uses (4000-4999 are free for applications). */
export const CLOSE_CODES = {
  /** Another session of the same worker asked for `closeExistingSessions=true`. */
  replaced: 4000,
  /** The token the session was opened with expired (simulated clock). */
  tokenExpired: 4401,
  /** The SDK would choke on an event about something it never loaded (a new activity or channel): it must reload. */
  resync: 4409,
  /** The emulator is shutting down. */
  goingAway: 1001,
} as const;

/** The SDK's watchdog closes a silent socket after 30 s; beat well inside that. */
export const DEFAULT_HEARTBEAT_MS = 15_000;

/** What the hub needs from the emulator's simulated clock. */
export interface HubClock {
  now(): number;
  setTimer(delayMs: number, fn: () => void): number;
  clearTimer(id: number): void;
}

export interface SessionHubOptions {
  /** The upgrade path the SDK's `wsServer` points at, e.g. `/v1/wschannels`. */
  path: string;
  clock: HubClock;
  /** Verifies the `token` query parameter at simulated time `nowMs`. */
  verify(token: unknown, nowMs: number): EngineResult<WorkerIdentity>;
  heartbeatMs?: number;
}

/** The lists the SDK loads after `init`; it handles pushed events only once all three answered. */
export type InitStep = 'activities' | 'channels' | 'reservations';
const INIT_STEPS: readonly InitStep[] = ['activities', 'channels', 'reservations'];

/**
 * The SDK throws (inside the socket's message handler, which takes its process
 * down) when `reservation.accepted` or `reservation.wrapup` names a reservation
 * it does not hold. It holds one only if it listed it after connecting or got
 * its `reservation.created` while initialized, so the hub tracks exactly that.
 */
const NEEDS_KNOWN = new Set(['reservation.accepted', 'reservation.wrapup']);
const ENDS = new Set(['reservation.completed', 'reservation.rejected', 'reservation.timeout', 'reservation.canceled', 'reservation.rescinded']);

interface Session {
  socket: WebSocket;
  identity: WorkerIdentity;
  /** When the freshest token seen for this worker expires (simulated ms): the session's lease. */
  expiresAtMs: number;
  expiryTimer: number | null;
  /** Init lists not yet answered since this socket opened. */
  pendingInit: Set<InitStep>;
  /** Reservations this session's SDK holds. */
  known: Set<string>;
  /** Activities and worker channels the SDK loaded at init; it throws on events naming others. */
  activities: Set<string>;
  channels: Set<string>;
}

export class SessionHub {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 64 * 1024 });
  private readonly byWorker = new Map<string, Set<Session>>();
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private blocked = false;
  private closed = false;
  /** Upgrades refused so far (bad token or blocked), for tests and diagnostics. */
  refusedUpgrades = 0;

  constructor(private readonly options: SessionHubOptions) {
    // Real time on purpose: heartbeats are a transport matter; simulated time may stand still.
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /**
   * The http.Server 'upgrade' listener. Returns false (and leaves the socket
   * alone) when the path is not ours, so other upgrade handlers can take it.
   */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = URL.parse(request.url ?? '/', 'http://127.0.0.1');
    if (url?.pathname !== this.options.path) return false;
    if (this.closed || this.blocked) {
      this.refuse(socket, 503, { code: 20503, message: 'EventBridge is not accepting connections (blocked by the emulator admin API)' });
      return true;
    }
    const verified = this.options.verify(url.searchParams.get('token'), this.options.clock.now());
    if (!verified.ok) {
      this.refuse(socket, verified.error.status, { code: verified.error.code, message: verified.error.message });
      return true;
    }
    const closeExisting = url.searchParams.get('closeExistingSessions') === 'true';
    this.wss.handleUpgrade(request, socket, head, (ws) => this.open(ws, verified.value, closeExisting));
    return true;
  }

  /** Sends one already-serialized frame to every open session of a worker. */
  publish(workerSid: string, frame: string): number {
    const sessions = this.byWorker.get(workerSid);
    if (!sessions) return 0;
    let sent = 0;
    for (const session of sessions) {
      if (session.socket.readyState === session.socket.OPEN) {
        session.socket.send(frame);
        sent++;
      }
    }
    return sent;
  }

  /**
   * Sends a reservation event, only to the sessions that can take it (see NEEDS_KNOWN),
   * and keeps track of which reservations each session holds.
   */
  publishReservation(workerSid: string, eventType: string, reservationSid: string, frame: string): number {
    const sessions = this.byWorker.get(workerSid);
    if (!sessions) return 0;
    let sent = 0;
    for (const session of sessions) {
      if (session.socket.readyState !== session.socket.OPEN) continue;
      if (NEEDS_KNOWN.has(eventType) && !session.known.has(reservationSid)) continue;
      session.socket.send(frame);
      sent++;
      if (eventType === 'reservation.created' && session.pendingInit.size === 0) session.known.add(reservationSid);
      else if (ENDS.has(eventType)) session.known.delete(reservationSid);
    }
    return sent;
  }

  /** The proxy answered one of the SDK's init lists for this worker, listing these SIDs. */
  noteInitList(workerSid: string, step: InitStep, listedSids: readonly string[] = []): void {
    for (const session of this.byWorker.get(workerSid) ?? []) {
      const into = step === 'reservations' ? session.known : step === 'activities' ? session.activities : session.channels;
      for (const sid of listedSids) into.add(sid);
      session.pendingInit.delete(step);
    }
  }

  /**
   * Sends a worker event that names an activity or a worker channel. A session
   * whose SDK never loaded that one would throw on it, so it is closed instead
   * (code 4409); the SDK reconnects and loads the workspace as it is now.
   */
  publishNaming(workerSid: string, names: { activitySid?: string; channelSid?: string }, frame: string): number {
    const sessions = this.byWorker.get(workerSid);
    if (!sessions) return 0;
    let sent = 0;
    for (const session of [...sessions]) {
      if (session.socket.readyState !== session.socket.OPEN) continue;
      // Before its init lists answered the SDK is not listening yet: the frame is harmless.
      const initialized = session.pendingInit.size === 0;
      const unknown = (names.activitySid !== undefined && !session.activities.has(names.activitySid)) || (names.channelSid !== undefined && !session.channels.has(names.channelSid));
      if (initialized && unknown) {
        this.forget(session);
        session.socket.close(CLOSE_CODES.resync, 'Resync: the workspace changed since this session loaded it');
        continue;
      }
      session.socket.send(frame);
      sent++;
    }
    return sent;
  }

  hasSessions(workerSid: string): boolean {
    return (this.byWorker.get(workerSid)?.size ?? 0) > 0;
  }

  sessionCount(workerSid?: string): number {
    if (workerSid) return this.byWorker.get(workerSid)?.size ?? 0;
    let count = 0;
    for (const set of this.byWorker.values()) count += set.size;
    return count;
  }

  /** Drops sockets abruptly, like a network failure (the client sees 1006). Returns how many. */
  drop(workerSid?: string): number {
    const targets = workerSid ? [...(this.byWorker.get(workerSid) ?? [])] : [...this.byWorker.values()].flatMap((set) => [...set]);
    for (const session of targets) {
      this.forget(session);
      session.socket.terminate();
    }
    return targets.length;
  }

  /** While blocked, new upgrades are refused with 503; open sockets stay. */
  setBlocked(blocked: boolean): void {
    this.blocked = blocked;
  }

  isBlocked(): boolean {
    return this.blocked;
  }

  close(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const set of [...this.byWorker.values()]) {
      for (const session of [...set]) {
        this.forget(session);
        session.socket.close(CLOSE_CODES.goingAway, 'Emulator shutting down');
        session.socket.terminate();
      }
    }
    this.wss.close();
  }

  private open(socket: WebSocket, identity: WorkerIdentity, closeExisting: boolean): void {
    if (closeExisting) {
      for (const other of [...(this.byWorker.get(identity.workerSid) ?? [])]) {
        this.forget(other);
        other.socket.close(CLOSE_CODES.replaced, 'Session closed: a new session for this worker asked to close existing sessions');
      }
    }
    const session: Session = { socket, identity, expiresAtMs: identity.expiresAtMs, expiryTimer: null, pendingInit: new Set(INIT_STEPS), known: new Set(), activities: new Set(), channels: new Set() };
    const set = this.byWorker.get(identity.workerSid) ?? new Set<Session>();
    set.add(session);
    this.byWorker.set(identity.workerSid, set);

    const lifetimeMs = Math.max(0, identity.expiresAtMs - this.options.clock.now());
    this.armExpiry(session);
    // A fresher token for this worker (another window of the same worker) extends this one too.
    this.extend(identity.workerSid, identity.expiresAtMs);
    socket.on('close', () => this.forget(session));
    // A socket error (reset by peer...) must never reach the process as an uncaught error.
    socket.on('error', () => this.forget(session));
    // The SDK sends nothing; anything it might send is ignored rather than trusted.
    socket.send(
      JSON.stringify({
        event_type: 'init',
        payload: {
          channel_id: identity.workerSid,
          account_sid: identity.accountSid,
          workspace_sid: identity.workspaceSid,
          token_lifetime: lifetimeMs,
        },
      }),
    );
  }

  /**
   * The worker presented a token valid until `expiresAtMs` (in a proxy request or a new
   * upgrade): its open sessions live until then. `updateToken` sends nothing on the socket,
   * but the SDK puts its current token in every request, which is how the emulator learns it.
   */
  extend(workerSid: string, expiresAtMs: number): void {
    for (const session of this.byWorker.get(workerSid) ?? []) {
      if (expiresAtMs <= session.expiresAtMs) continue;
      session.expiresAtMs = expiresAtMs;
      this.armExpiry(session);
    }
  }

  private armExpiry(session: Session): void {
    if (session.expiryTimer !== null) this.options.clock.clearTimer(session.expiryTimer);
    session.expiryTimer = this.options.clock.setTimer(Math.max(0, session.expiresAtMs - this.options.clock.now()), () => {
      session.expiryTimer = null;
      this.forget(session);
      session.socket.close(CLOSE_CODES.tokenExpired, 'Token expired');
    });
  }

  private forget(session: Session): void {
    if (session.expiryTimer !== null) {
      this.options.clock.clearTimer(session.expiryTimer);
      session.expiryTimer = null;
    }
    const set = this.byWorker.get(session.identity.workerSid);
    if (!set) return;
    set.delete(session);
    if (set.size === 0) this.byWorker.delete(session.identity.workerSid);
  }

  private beat(): void {
    for (const set of this.byWorker.values()) {
      for (const session of set) {
        if (session.socket.readyState === session.socket.OPEN) session.socket.send(' ');
      }
    }
  }

  private refuse(socket: Duplex, status: number, body: { code: number; message: string }): void {
    this.refusedUpgrades++;
    // The client may reset before reading the refusal; that is not our error to raise.
    socket.on('error', () => undefined);
    const json = JSON.stringify({ ...body, status, more_info: `https://www.twilio.com/docs/errors/${body.code}` });
    const reason = status === 401 ? 'Unauthorized' : status === 503 ? 'Service Unavailable' : 'Refused';
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
    );
  }
}
