import type { ConnectionState } from '../../shared/model';
import type { Connection } from '../config/connection';
import type { ClockOffset } from '../model/clock-offset';
import type { ReservationStore } from '../model/reservation-store';
import type { ReservationTracker } from '../model/tracker';
import { TokenKeeper } from '../tokens/token-keeper';
import type { WorkerToken } from '../tokens/worker-token';
import { createEventBridgeApi } from '../twilio/eventbridge-api';
import type { RawReservation, RawWorker, TaskRouterApi } from '../twilio/api';
import { httpStatusOf, toAppError } from '../twilio/errors';
import { createRestApi } from '../twilio/rest-api';
import type { Clock, Logger } from '../types';
import { Poller } from '../watch/poller';
import { isFullReadDue } from '../watch/poll-schedule';
import { startSubscriber, type Subscriber } from '../watch/subscriber';
import { describeGap } from './gap';
import { DisposableStore } from './disposable';
import { redactTokens } from './redact';

export interface SessionDeps {
  connection: Connection;
  clock: Clock;
  logger: Logger;
  fetch: typeof fetch;
  tokenTtlSeconds: number;
  tracker: ReservationTracker;
  store: ReservationStore;
  offset: ClockOffset;
  onWorker: (worker: RawWorker) => void;
  onConnection: (state: ConnectionState) => void;
  /** The REST access became available later (token URL mode, after the first token). */
  onApi?: (api: TaskRouterApi) => void;
}

/** The Worker SDK's own default endpoint, used for reads and actions in token URL mode. */
const TWILIO_EVENTBRIDGE_URL = 'https://event-bridge.twilio.com/v1/wschannels';

/**
 * A live connection that is not ready this long (12 poll intervals, at least
 * 10 s; doubled after each try, at most 5 min) is replaced by a fresh one. The
 * Worker SDK (2.1.x) gives up for good when its first reads after a
 * (re)connect fail ("Failed to initialize Worker"): its socket stays open and
 * never becomes ready, and without this the desktop would poll until restarted
 * (the fleet benchmark saw 7 of 500 hosts stuck so).
 */
const READY_WATCHDOG_POLLS = 12;
const READY_WATCHDOG_MIN_MS = 10_000;
const READY_WATCHDOG_MAX_MS = 5 * 60_000;

/**
 * One connection to TaskRouter with one set of credentials. Supervises the
 * two sources: the Worker SDK's WebSocket when it can (subscribe), REST
 * polling whenever the socket is not up (or always, in poll mode), and a full
 * re-read whenever the socket comes back or the host asks (resume from sleep).
 */
export class Session {
  private restApi: TaskRouterApi | null = null;
  private poller: Poller | null = null;
  private subscriber: Subscriber | null = null;
  /** A connection opened with a refreshed token, not ready yet. */
  private incoming: Subscriber | null = null;
  private tokens: TokenKeeper | null = null;
  private wsUp = false;
  private readyWatchdog: ReturnType<typeof setTimeout> | null = null;
  private readyTries = 0;
  private stopped = false;
  private unreachableSince: number | null = null;
  /** When the worker and every active reservation were last read in full (local clock). */
  private lastFullReadAt: number | null = null;
  private workerAvailable = true;
  private lastGap: { from: number; to: number } | null = null;
  private state: ConnectionState;
  /** Everything this session started; stop() disposes it all (see runtime/disposable.ts). */
  private readonly owned = new DisposableStore();

  constructor(private readonly deps: SessionDeps) {
    const { connection, clock } = deps;
    // The live connections change over the session (token refresh, reconcile); whichever are current at the end go.
    this.owned.addCleanup(() => {
      this.disarmReadyWatchdog();
      this.subscriber?.stop();
      this.incoming?.stop();
      this.subscriber = null;
      this.incoming = null;
    });
    if (connection.rest) {
      this.restApi = this.own(createRestApi(connection.rest, { now: () => clock.now(), onServerDate: (s) => deps.offset.addDateSample(s.serverMs, s.sentMs, s.receivedMs) }));
      this.poller = this.makePoller();
    }
    this.state = { state: 'connecting', since: clock.now(), detail: 'Connecting to TaskRouter…', lastGap: null };
  }

  /** REST access for actions and reads: the official library, or (token URL mode) the SDK's own endpoint once a token is known. */
  get api(): TaskRouterApi | null {
    return this.restApi;
  }

  private own(api: TaskRouterApi): TaskRouterApi {
    this.owned.addCleanup(() => api.close());
    return api;
  }

  private makePoller(): Poller {
    const { connection, clock } = this.deps;
    const poller = new Poller({
      clock,
      availableMs: connection.pollAvailableMs,
      unavailableMs: connection.pollUnavailableMs,
      poll: () => this.pollOnce(),
      onSuccess: () => this.pollSucceeded(),
      onFailure: (e, failures, nextInMs) => this.pollFailed(e, failures, nextInMs),
    });
    this.owned.addCleanup(() => poller.stop());
    return poller;
  }

  /** Token URL mode: the worker and workspace are known from the first token; from then on the SDK's endpoint serves reads and actions. */
  private ensureTokenApi(token: WorkerToken): void {
    if (this.restApi) return;
    const { connection, clock, offset } = this.deps;
    this.restApi = this.own(createEventBridgeApi({
      ebServer: connection.ebServer ?? TWILIO_EVENTBRIDGE_URL,
      workspaceSid: token.workspaceSid,
      workerSid: token.workerSid,
      token: () => this.tokens?.token()?.jwt ?? null,
      fetch: this.deps.fetch,
      now: () => clock.now(),
      onServerDate: (s) => offset.addDateSample(s.serverMs, s.sentMs, s.receivedMs),
    }));
    this.poller = this.makePoller();
    if (!this.wsUp) this.poller.start();
    this.deps.onApi?.(this.restApi);
  }

  connectionState(): ConnectionState {
    return this.state;
  }

  async start(): Promise<void> {
    const { connection } = this.deps;
    this.publish('connecting', 'Connecting to TaskRouter…');
    // Poll from the first moment until the socket is up, so nothing is missed while connecting.
    this.poller?.start();
    const subscribe = connection.transport === 'subscribe' && connection.token !== null;
    // REST polling with the account's credentials needs no token; everything else does.
    if (!connection.token || (!subscribe && connection.rest)) return;
    const tokens = new TokenKeeper({
      source: connection.token,
      clock: this.deps.clock,
      fetch: this.deps.fetch,
      ttlSeconds: this.deps.tokenTtlSeconds,
      onRefresh: (token) => this.tokenRefreshed(token),
      onRefreshFailed: (message) => {
        this.deps.logger.warn('worker token refresh failed', { message });
        if (!this.subscriber && !this.restApi) this.publish('offline', `Could not get a worker token: ${message}`);
      },
    });
    this.tokens = tokens;
    this.owned.addCleanup(() => tokens.stop());
    const first = await tokens.start();
    if (this.stopped) return;
    if (!first.ok) {
      this.publish(this.poller ? 'polling' : 'offline', `Could not get a worker token: ${first.error.message} Retrying.`);
      return;
    }
    this.ensureTokenApi(first.value);
    if (subscribe) {
      this.subscriber = this.openSubscriber(first.value.jwt);
      this.armReadyWatchdog();
    }
  }

  /** Replaces a live connection that never becomes ready (see READY_WATCHDOG_POLLS); socketUp() disarms it. */
  private armReadyWatchdog(): void {
    if (this.readyWatchdog || this.stopped || this.wsUp || this.deps.connection.transport !== 'subscribe') return;
    const base = Math.min(READY_WATCHDOG_MAX_MS, Math.max(READY_WATCHDOG_MIN_MS, this.deps.connection.pollAvailableMs * READY_WATCHDOG_POLLS) * 2 ** this.readyTries);
    // Jittered: a site whose desktops all lost their sockets at once must not reconnect them in step.
    const delay = base / 2 + Math.random() * (base / 2);
    this.readyWatchdog = setTimeout(() => {
      this.readyWatchdog = null;
      if (this.stopped || this.wsUp) return;
      const jwt = this.tokens?.token()?.jwt;
      if (jwt) {
        this.readyTries++;
        this.deps.logger.warn('the live connection is not ready; opening a fresh one', { tries: this.readyTries });
        const old = this.subscriber;
        this.subscriber = this.openSubscriber(jwt);
        old?.stop();
      }
      this.armReadyWatchdog();
    }, delay);
  }

  private disarmReadyWatchdog(): void {
    if (this.readyWatchdog) clearTimeout(this.readyWatchdog);
    this.readyWatchdog = null;
  }

  /**
   * A fresh token opens a second connection, and the old one closes once the
   * new one is ready (make before break): the server may close a socket when
   * the token it was opened with expires, and this way the agent never sees
   * a gap. Both deliver during the overlap; the store drops the duplicates.
   */
  private tokenRefreshed(token: WorkerToken): void {
    this.deps.logger.info('worker token refreshed');
    if (this.stopped) return;
    this.ensureTokenApi(token);
    const subscribe = this.deps.connection.transport === 'subscribe';
    if (subscribe && !this.subscriber) {
      // The first token had failed: connect now.
      this.subscriber = this.openSubscriber(token.jwt);
      this.armReadyWatchdog();
      return;
    }
    if (!this.wsUp) {
      // Down and reconnecting: hand the SDK's reconnect loop nothing. Its updateToken() opens a second socket
      // beside the one the loop is about to open, and drops the handlers of one of them, whose connection error
      // then crashes the process (twilio-taskrouter 2.1.x). A fresh connection with the new token replaces it.
      const old = this.subscriber;
      this.subscriber = subscribe ? this.openSubscriber(token.jwt) : null;
      old?.stop();
      return;
    }
    this.subscriber?.updateToken(token.jwt);
    this.incoming?.stop();
    this.incoming = this.openSubscriber(token.jwt);
  }

  private openSubscriber(jwt: string): Subscriber {
    const { connection } = this.deps;
    const subscriber: Subscriber = startSubscriber({
      token: jwt,
      ebServer: connection.ebServer,
      wsServer: connection.wsServer,
      events: {
        onReady: () => {
          if (subscriber === this.incoming) {
            const old = this.subscriber;
            this.subscriber = subscriber;
            this.incoming = null;
            old?.stop();
          }
          if (subscriber === this.subscriber) this.socketUp();
        },
        onDisconnected: (reason) => subscriber === this.subscriber && this.socketDown(reason),
        onReservation: (raw, live) => void this.deps.tracker.observe(raw, { live }),
        onWorker: (worker) => {
          if (subscriber !== this.subscriber) return;
          this.workerAvailable = worker.available;
          this.deps.onWorker(worker);
        },
        onTokenExpired: () => void this.tokens?.refreshNow(),
        onError: (e) => this.deps.logger.warn('worker SDK error', { message: redactTokens(e instanceof Error ? e.message : String(e)) }),
      },
    });
    return subscriber;
  }

  stop(): void {
    this.stopped = true;
    this.owned.dispose();
  }

  /**
   * A full re-read (after sleep, network change, reconnect). Never throws.
   * With `resubscribe`, also opens a fresh live connection (make before break):
   * after a sleep the old socket may be dead without knowing it yet (the SDK
   * notices only after 30 s of silence).
   */
  async reconcile(reason: string, options: { resubscribe?: boolean } = {}): Promise<void> {
    if (options.resubscribe) this.resubscribe(reason);
    if (!this.api || this.stopped) return;
    try {
      await this.readAll();
      this.markReachable();
    } catch (e) {
      this.deps.logger.warn('reconcile failed', { reason, code: toAppError(e).code });
      // The poller (if the socket is down) keeps trying; with the socket up, the next event or reconcile will.
      this.poller?.start();
    }
  }

  private resubscribe(reason: string): void {
    const jwt = this.tokens?.token()?.jwt;
    // Not subscribed: the SDK is already reconnecting by itself, and polling covers the gap.
    if (!jwt || !this.wsUp || this.stopped || this.deps.connection.transport !== 'subscribe') return;
    this.deps.logger.info('opening a fresh live connection', { reason });
    this.incoming?.stop();
    this.incoming = this.openSubscriber(jwt);
  }

  /**
   * One poll: usually just the pending offers (one request), and the worker
   * plus every active reservation on a slower cadence (see poll-schedule.ts).
   */
  private async pollOnce(): Promise<{ available: boolean }> {
    const { connection, clock, store } = this.deps;
    const now = clock.now();
    const full = isFullReadDue({
      lastFullReadAt: this.lastFullReadAt,
      now,
      available: this.workerAvailable,
      hasWorkInProgress: store.active().some((r) => r.status !== 'pending'),
      fullReadIdleMs: connection.pollAvailableMs * FULL_READ_IDLE_FACTOR,
      fullReadBusyMs: connection.pollAvailableMs * FULL_READ_BUSY_FACTOR,
    });
    if (full) return this.readAll();
    await this.readPending();
    return { available: this.workerAvailable };
  }

  /** Reads the worker and every active reservation; settles the ones that ended unseen. */
  private async readAll(): Promise<{ available: boolean }> {
    const api = this.restApi!;
    const startedAt = this.deps.clock.now();
    const [reservations, worker] = await Promise.all([api.listActiveReservations(), api.fetchWorker()]);
    if (this.stopped) return { available: worker.available };
    this.lastFullReadAt = startedAt;
    this.workerAvailable = worker.available;
    this.deps.onWorker(worker);
    // Active here but absent there: it ended while we were not looking (timeout, rescind, cancel). Read its final state.
    await this.settle(reservations, this.deps.store.active());
    return { available: worker.available };
  }

  /** Reads the pending offers only; a pending offer of ours that is no longer listed is re-read. */
  private async readPending(): Promise<void> {
    const pending = await this.restApi!.listPendingReservations();
    if (this.stopped) return;
    await this.settle(pending, this.deps.store.active().filter((r) => r.status === 'pending'));
  }

  private async settle(listed: RawReservation[], expected: readonly { sid: string }[]): Promise<void> {
    const sids = new Set(listed.map((r) => r.sid));
    await Promise.all(listed.map((r) => this.deps.tracker.observe(r, { live: false })));
    await Promise.all(expected.filter((r) => !sids.has(r.sid)).map((r) => this.recheck(r.sid)));
  }

  /**
   * Re-reads one reservation and settles it. A 404 is final: TaskRouter no
   * longer knows it (its task was deleted), so it must not stay on screen.
   */
  async recheck(sid: string): Promise<void> {
    const api = this.restApi;
    if (!api || this.stopped) return;
    try {
      const fresh = await api.fetchReservation(sid);
      if (!this.stopped) await this.deps.tracker.observe(fresh, { live: false });
    } catch (e) {
      if (httpStatusOf(e) !== 404) throw e;
      if (!this.stopped) this.deps.tracker.gone(sid);
    }
  }

  private socketUp(): void {
    if (this.stopped) return;
    this.wsUp = true;
    this.readyTries = 0;
    this.disarmReadyWatchdog();
    this.poller?.stop();
    this.markReachable();
    this.publish('subscribed', null);
    // The SDK re-read the active reservations; ours also settles those that ended while the socket was down.
    void this.reconcile('socket reconnected');
  }

  private socketDown(reason: string): void {
    if (this.stopped) return;
    this.wsUp = false;
    this.armReadyWatchdog();
    if (this.poller) {
      // Spread: when a whole contact center loses its sockets at once, their polls must not arrive in step.
      this.poller.start({ spread: true });
      // While polls fail too, nothing reaches TaskRouter: say offline (pollFailed's sentence stands), not "polling".
      if (this.unreachableSince !== null) return;
      this.publish('polling', `Live connection lost (${reason}); polling every ${seconds(this.poller.currentIntervalMs())} until it is back.`);
    } else {
      this.unreachableSince ??= this.deps.clock.now();
      this.publish('connecting', `Live connection lost (${reason}); reconnecting…`);
    }
  }

  private pollSucceeded(): void {
    this.markReachable();
    if (this.wsUp || this.stopped) return;
    const { connection } = this.deps;
    const why = connection.transport === 'poll' ? (connection.pollOnlyReason ?? 'Polling') : 'Live connection not up yet; polling';
    const detail = `${why.replace(/\.$/, '')} every ${seconds(this.poller!.currentIntervalMs())}.`;
    if (this.state.state !== 'polling' || this.state.detail !== detail) this.publish('polling', detail);
  }

  private pollFailed(e: unknown, failures: number, nextInMs: number): void {
    if (this.wsUp || this.stopped) return;
    const error = toAppError(e);
    if (error.code === 'rate_limited') {
      this.publish('polling', `TaskRouter asked us to slow down; next check in ${seconds(nextInMs)}.`);
      return;
    }
    this.unreachableSince ??= this.deps.clock.now();
    this.publish('offline', `${error.message} Retrying in ${seconds(nextInMs)} (attempt ${failures}).`);
  }

  private markReachable(): void {
    if (this.unreachableSince === null) return;
    this.lastGap = { from: this.unreachableSince, to: this.deps.clock.now() };
    this.unreachableSince = null;
    this.deps.logger.info('TaskRouter reachable again', { gap: describeGap(this.lastGap) });
  }

  private publish(state: ConnectionState['state'], detail: string | null): void {
    if (this.stopped) return;
    this.state = { state, since: this.deps.clock.now(), detail, lastGap: this.lastGap };
    this.deps.onConnection(this.state);
  }
}

/** Full reads while idle come every 24 fast intervals (a minute at the default 2.5 s) and every 4 with work in progress. */
const FULL_READ_IDLE_FACTOR = 24;
const FULL_READ_BUSY_FACTOR = 4;

const seconds = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`);
