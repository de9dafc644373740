import type { SettingsInput } from '../../shared/contract';
import { ENDED_STATUSES, type Activity, type ConnectionState, type PublicSettings, type Reservation, type Snapshot, type Worker } from '../../shared/model';
import { err, ok, type Result } from '../../shared/result';
import { createHandlers } from '../actions/handlers';
import { resolveConnection, type Connection } from '../config/connection';
import { endpointsOf } from '../config/endpoints';
import { applyOverrides, DEFAULT_SETTINGS, mergeInput, parseStoredSettings, SECRET_NAME, toPublicSettings, type StoredSettings } from '../config/settings';
import type { HostDeps } from '../host';
import { ClockOffset } from '../model/clock-offset';
import { AssignmentWatch } from '../model/assignment-watch';
import { ReservationStore } from '../model/reservation-store';
import { ExpiryWatch } from '../model/expiry-watch';
import { ReservationTracker } from '../model/tracker';
import { normalizeWorker } from '../model/worker';
import type { RawWorker, TaskRouterApi, WorkspaceFacts } from '../twilio/api';
import { toAppError } from '../twilio/errors';
import type { DemoEmulator, Host } from '../types';
import { DisposableStore } from './disposable';
import { Listeners } from './listeners';
import { Session } from './session';
import { silentLogger, systemClock } from './system-clock';
import { createVoiceSession, type VoiceSession } from '../voice/voice-session';
import type { DeskSettings } from '../../shared/desk';
import { AgentDayObserver } from '../desk/agent-day';
import { WrapUpKeeper } from '../desk/wrap-up-keeper';
import { CallSupervisor } from '../calls/call-supervisor';
import { E164, CLIENT_URI } from '../../shared/validation';

/** Access tokens live an hour by default, like Twilio's own examples; tests shorten it. */
const DEFAULT_TOKEN_TTL_SECONDS = 3600;

/** Who the settings say we are (never includes a secret): a change means another worker's or account's session. */
const declaredIdentity = (s: StoredSettings): string => JSON.stringify([s.mode, s.accountSid, s.workspaceSid, s.workerSid, s.tokenUrl]);

/** Fields whose change needs a new connection. */
const CONNECTION_FIELDS: (keyof StoredSettings)[] = ['mode', 'accountSid', 'apiKeySid', 'workspaceSid', 'workerSid', 'tokenUrl', 'transport'];

export function createHostRuntime(deps: HostDeps & { tokenTtlSeconds?: number }): Host {
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? silentLogger;
  const fetchImpl = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const overrides = deps.overrides ?? {};
  // Injected by the launcher (emulator/demo/embedded.ts); without it the host has no demo mode.
  const startDemo = deps.startDemo;
  const listeners = new Listeners(logger);
  const store = new ReservationStore();
  const offset = new ClockOffset();

  let stored: StoredSettings = DEFAULT_SETTINGS;
  let settings: StoredSettings = applyOverrides(stored, overrides);
  let hasSecret = overrides.secret !== undefined;
  let session: Session | null = null;
  /** What the current session is connected to, for `endpoints()`. */
  let connected: Connection | null = null;
  /** Voice token and conference control for the current connection (host/voice/). */
  let voice: VoiceSession | null = null;
  let demo: DemoEmulator | null = null;
  let rawWorker: RawWorker | null = null;
  let nextActivitySid: string | null = null;
  let activities: Activity[] = [];
  let workspace: WorkspaceFacts | null = null;
  let connection: ConnectionState = { state: 'unconfigured', since: clock.now(), detail: 'Not started yet.', lastGap: null };
  let identity: string | null = null;
  /** declaredIdentity() of the settings the last connect() used. */
  let connectedAs: string | null = null;
  let generation = 0;
  /** The session epoch the renderer sees (snapshot.epoch, sessionReset): nothing of an older one may reach the screen. */
  let epoch = 0;
  let stopped = false;

  const publicSettings = (): PublicSettings => toPublicSettings(settings, hasSecret);
  const worker = (): Worker | null => (rawWorker ? normalizeWorker(rawWorker, nextActivitySid) : null);
  const setConnection = (state: ConnectionState) => {
    connection = state;
    listeners.emit('connectionChanged', state);
  };
  const applyWorker = (raw: RawWorker): Worker => {
    rawWorker = raw;
    const normalized = normalizeWorker(raw, nextActivitySid);
    day.onWorker(normalized);
    listeners.emit('workerUpdated', normalized);
    return normalized;
  };
  const currentApi = (): Result<TaskRouterApi> =>
    session?.api
      ? ok(session.api)
      : err('not_configured', connection.detail ?? 'The host is not connected yet.');

  /** The agent's day as this desktop sees it (TaskRouter's statistics are asked on request). */
  const day = new AgentDayObserver(() => clock.now());
  /** After-call work: timers, drafts and completion with the outcome written to the task. */
  const wrapUps = new WrapUpKeeper({
    clock,
    settings: () => settings.desk,
    api: () => currentApi(),
    reservation: (sid) => store.get(sid),
    complete: (sid) => handlers.completeReservation({ reservationSid: sid }),
    emitUpdated: (wrapUp) => listeners.emit('wrapUpUpdated', wrapUp),
    emitEnded: (reservationSid) => listeners.emit('wrapUpEnded', { reservationSid }),
  });

  const pushReservation = (reservation: Reservation) => {
    expiry.update(reservation);
    assignments.onReservation(reservation);
    listeners.emit('reservationUpdated', reservation);
    wrapUps.onReservation(reservation);
    day.onReservation(reservation);
    void afterReservationChange(reservation);
  };
  /** Whether an offer is the agent's to take, its assignment server's, or an instruction's that rings the phone. */
  const assignments = new AssignmentWatch({ clock, store, emit: (reservation) => pushReservation(reservation) });
  const tracker = new ReservationTracker({
    store,
    offset,
    now: () => clock.now(),
    api: () => session?.api ?? null,
    emit: pushReservation,
    onError: (e) => logger.warn('could not complete a reservation', { code: toAppError(e).code }),
    onUnknownStatus: (sid, status) => logger.warn('ignored a reservation with an unknown status', { sid, status: status.slice(0, 40) }),
  });
  // The recap is capped; what the tracker cached for a dropped reservation goes with it.
  store.onEvict((sids) => tracker.forget(sids));
  /** A pending offer that outlives its expiry unannounced is re-read (a 404 settles it as gone). */
  const expiry = new ExpiryWatch({ clock, recheck: (sid) => session?.recheck(sid) ?? Promise.resolve() });

  /** Everything learned about the previous identity goes; the renderer is told to drop its copy. */
  function dropIdentityState(): void {
    calls.reset();
    assignments.clear();
    store.clear();
    tracker.reset();
    expiry.clear();
    rawWorker = null;
    nextActivitySid = null;
    activities = [];
    workspace = null;
    wrapUps.clear();
    day.reset();
  }

  function startEpoch(reason: 'identity' | 'connection'): void {
    epoch++;
    listeners.emit('sessionReset', { epoch, reason });
  }

  /** "After this call → Lunch": apply the chosen next activity once the last active task is completed. */
  async function afterReservationChange(reservation: Reservation): Promise<void> {
    // Whatever ended the last piece of work (completed, or an offer rejected, timed out, taken or canceled), "after" is now.
    if (!ENDED_STATUSES.includes(reservation.status) || !nextActivitySid || store.active().length > 0) return;
    await applyNextActivity();
  }

  async function applyNextActivity(): Promise<Result<Worker>> {
    const api = currentApi();
    if (!api.ok) return api;
    const activitySid = nextActivitySid;
    if (!activitySid) return worker() ? ok(worker()!) : err('not_configured', 'The worker is not loaded yet.');
    try {
      // The agent chose to stop after the work in hand. An offer that arrived since (TaskRouter re-offers a rejected
      // task at once when nobody else is free) would make TaskRouter refuse an unavailable activity: it goes with the change.
      const unavailable = activities.find((a) => a.sid === activitySid)?.available === false;
      const updated = await api.value.updateWorker(unavailable ? { activitySid, rejectPendingReservations: true } : { activitySid });
      if (nextActivitySid === activitySid) nextActivitySid = null;
      return ok(applyWorker(updated));
    } catch (e) {
      logger.warn('could not apply the next activity', { code: toAppError(e).code });
      return { ok: false, error: toAppError(e) };
    }
  }

  async function loadWorkspace(api: TaskRouterApi, gen: number): Promise<void> {
    try {
      const [list, facts] = await Promise.all([api.listActivities(), api.fetchWorkspace()]);
      if (gen !== generation) return;
      activities = list;
      workspace = facts;
      listeners.emit('activitiesUpdated', list);
    } catch (e) {
      logger.warn('could not load the activities', { code: toAppError(e).code });
    }
  }

  /** What one connection started (the session, voice); disposed whenever the host reconnects or stops. */
  let connectionScope = new DisposableStore();
  function endConnection(): void {
    connectionScope.dispose();
    connectionScope = new DisposableStore();
    session = null;
    connected = null;
    voice = null;
  }

  async function connect(): Promise<void> {
    const gen = ++generation;
    endConnection();
    settings = applyOverrides(stored, overrides);
    // Observations still in flight belong to the old connection.
    tracker.reset();
    expiry.clear();
    const declared = declaredIdentity(settings);
    const switched = connectedAs !== null && declared !== connectedAs;
    connectedAs = declared;
    if (switched) {
      // Another worker, account or mode was chosen: its offers must leave the screen now, not once the new one is up.
      dropIdentityState();
      identity = null;
      startEpoch('identity');
    } else startEpoch('connection');
    if (settings.mode === 'demo' && !demo && startDemo) {
      try {
        const started = await startDemo();
        // Stopped or reconfigured meanwhile: this emulator is nobody's.
        if (gen !== generation || stopped) {
          await started.close().catch(() => undefined);
          return;
        }
        demo = started;
      } catch (e) {
        setConnection({ state: 'unconfigured', since: clock.now(), detail: `The demo emulator could not start: ${e instanceof Error ? e.message : String(e)}`, lastGap: null });
        return;
      }
    } else if (settings.mode !== 'demo' && demo) {
      const closing = demo;
      demo = null;
      await closing.close().catch(() => undefined);
    }
    if (gen !== generation || stopped) return;
    const secret = overrides.secret ?? (await deps.secrets.get(SECRET_NAME));
    hasSecret = secret !== null;
    const resolved = resolveConnection(settings, secret, overrides, demo?.ready ?? null);
    if (!resolved.ok) {
      setConnection({ state: 'unconfigured', since: clock.now(), detail: resolved.error.message, lastGap: null });
      return;
    }
    connected = resolved.value;
    // Who we are watching (never includes a secret).
    const source = resolved.value.token;
    const who = JSON.stringify([settings.mode, resolved.value.rest?.baseUrl, resolved.value.rest?.workspaceSid, resolved.value.rest?.workerSid, source?.kind === 'url' ? source.url : source?.workerSid]);
    if (who !== identity) {
      // Another worker or account: nothing from before applies.
      const hadState = store.size() > 0 || rawWorker !== null || activities.length > 0;
      identity = who;
      dropIdentityState();
      if (hadState) startEpoch('identity');
    }
    const next = new Session({
      connection: resolved.value,
      clock,
      logger,
      fetch: fetchImpl,
      tokenTtlSeconds: deps.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
      tracker,
      store,
      offset,
      onWorker: (w) => gen === generation && void applyWorker(w),
      onConnection: (state) => gen === generation && setConnection(state),
      onApi: (api) => gen === generation && void loadWorkspace(api, gen),
    });
    session = next;
    connectionScope.addCleanup(() => next.stop());
    const voiceSession = createVoiceSession({
      connection: resolved.value,
      clock,
      logger,
      fetch: fetchImpl,
      contactUri: () => settings.contactUri ?? worker()?.contactUri ?? null,
      // An emulator's origin (demo, or an account pointed at an emulator): its /signal serves the Device.
      emulatorUrl: settings.mode === 'demo' ? (demo?.ready.url ?? null) : (resolved.value.rest?.baseUrl ?? null),
      ttlSeconds: deps.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
      voiceAppSid: overrides.voiceAppSid ?? null,
      twimlUrl: overrides.twimlUrl ?? null,
      onRefreshed: (token) => gen === generation && listeners.emit('voiceTokenUpdated', token),
    });
    voice = voiceSession;
    connectionScope.addCleanup(() => voiceSession.stop());
    if (next.api) void loadWorkspace(next.api, gen);
    await next.start();
  }

  async function saveSettings(input: SettingsInput): Promise<Result<PublicSettings>> {
    const previous = stored;
    const next = mergeInput(stored, input);
    let secretChanged = false;
    if (input.mode === 'account' && input.secret !== undefined) {
      await deps.secrets.set(SECRET_NAME, input.secret);
      secretChanged = true;
    }
    // Token URL mode exists so that the desktop holds no account secret: drop any stored one.
    if (input.mode === 'tokenUrl' && (await deps.secrets.get(SECRET_NAME)) !== null) {
      await deps.secrets.delete(SECRET_NAME);
      secretChanged = true;
    }
    stored = next;
    await deps.settings.save(stored);
    settings = applyOverrides(stored, overrides);
    hasSecret = overrides.secret !== undefined || (await deps.secrets.get(SECRET_NAME)) !== null;
    listeners.emit('settingsChanged', publicSettings());
    const changed = secretChanged || CONNECTION_FIELDS.some((f) => previous[f] !== next[f]);
    if (changed && !stopped && generation > 0) await connect();
    return ok(publicSettings());
  }

  /** The desk's conventions change no connection: stored and announced, nothing reconnects. */
  async function saveDesk(desk: DeskSettings): Promise<Result<PublicSettings>> {
    stored = { ...stored, desk };
    await deps.settings.save(stored);
    settings = applyOverrides(stored, overrides);
    listeners.emit('settingsChanged', publicSettings());
    return ok(publicSettings());
  }
  /**
   * The calls (host/calls/): one supervisor for the host's life, so a call survives a new connection of the
   * same identity (a transport change, a resume); another identity resets it with everything else.
   */
  const calls: CallSupervisor = new CallSupervisor({
    clock,
    logger,
    rest: () => (voice ? voice.callRest() : err('not_configured', connection.detail ?? 'The host is not connected yet.')),
    reservation: (sid) => store.get(sid),
    pendingReservations: () => store.active().filter((r) => r.status === 'pending'),
    freshReservation: async (sid) => {
      await session?.recheck(sid).catch(() => undefined);
      return store.get(sid);
    },
    acceptReservation: (sid) => handlers.acceptReservation({ reservationSid: sid }),
    // keepCall: the supervisor wraps a task whose leg already ended (or is ending) on purpose.
    wrapReservation: (sid) => handlers.wrapReservation({ reservationSid: sid, keepCall: true }),
    callInstruction: (sid, o) => {
      const contact = settings.contactUri ?? worker()?.contactUri ?? null;
      const from = o.from && E164.test(o.from) ? o.from : contact && CLIENT_URI.test(contact) ? contact : 'client:taskrouter';
      return handlers.callReservation({ reservationSid: sid, options: { url: o.url, from, accept: true, ...(o.to ? { to: o.to } : {}) } });
    },
    worker: () => {
      const w = worker();
      return w ? { sid: w.sid, friendlyName: w.friendlyName, contactUri: w.contactUri } : null;
    },
    contactUri: () => settings.contactUri ?? worker()?.contactUri ?? null,
    twimlUrl: () => (voice ? voice.twimlUrl() : Promise.resolve(null)),
    callerId: () => overrides.callerId ?? null,
    onEmulator: () => settings.mode === 'demo' || Boolean(connected?.rest?.baseUrl),
    emitCall: (call) => {
      listeners.emit('callUpdated', call);
      assignments.onCall(call, calls.isGuessed(call.id));
    },
    emitCommand: (command) => listeners.emit('deviceCommand', command),
    emitOwner: (ownerWindowId) => listeners.emit('deviceOwnerChanged', { ownerWindowId }),
    reservationOfTask: (taskSid) => store.all().find((r) => r.taskSid === taskSid),
  });

  const handlers = createHandlers({
    now: () => clock.now(),
    wait: (ms) => new Promise((resolve) => clock.setTimeout(resolve, ms)),
    api: currentApi,
    observe: (raw) => tracker.observe(raw, { live: false }),
    reservation: (sid) => store.get(sid),
    defaultContact: () => settings.contactUri,
    applyWorker,
    async setNextActivity(activitySid) {
      if (!rawWorker) return err('not_configured', 'The worker is not loaded yet.');
      nextActivitySid = activitySid;
      // With nothing in progress there is no "after": apply it now.
      if (activitySid && store.active().length === 0) return applyNextActivity();
      return ok(applyWorker(rawWorker));
    },
    gone: (sid) => tracker.gone(sid),
    snapshot: (): Snapshot => ({
      epoch,
      settings: publicSettings(),
      worker: worker(),
      activities,
      reservations: store.all(),
      connection,
      workspace,
      wrapUps: wrapUps.list(),
    }),
    getSettings: async () => publicSettings(),
    saveSettings,
    voice: {
      voiceToken: () => (voice ? voice.voiceToken() : Promise.resolve(err('not_configured', connection.detail ?? 'The host is not connected yet.'))),
      conferences: () => (voice ? voice.conferences() : err('not_configured', connection.detail ?? 'The host is not connected yet.')),
      reservation: (sid) => store.get(sid),
    },
    desk: {
      api: () => currentApi(),
      reservation: (sid) => store.get(sid),
      wrapUps,
      day,
      saveDesk,
      ...(deps.openExternal ? { openExternal: deps.openExternal } : {}),
    },
    calls: () => calls,
    logError: (where, e) => logger.error('handler failed', { where, message: e instanceof Error ? e.message : String(e) }),
  });

  return {
    handlers,
    on: (event, listener) => listeners.on(event, listener),
    async start() {
      stopped = false;
      calls.resume();
      // Until the first connection says otherwise (a window shown before the host starts reads this).
      setConnection({ state: 'connecting', since: clock.now(), detail: 'Starting…', lastGap: null });
      stored = parseStoredSettings(await deps.settings.load().catch(() => null));
      settings = applyOverrides(stored, overrides);
      listeners.emit('settingsChanged', publicSettings());
      await connect();
    },
    async stop() {
      stopped = true;
      calls.stop();
      assignments.clear();
      expiry.clear();
      wrapUps.clear();
      generation++;
      endConnection();
      const closing = demo;
      demo = null;
      await closing?.close().catch(() => undefined);
    },
    async reconcile(reason) {
      await session?.reconcile(reason, { resubscribe: true });
    },
    pendingCount: () => store.pendingCount(),
    listenerCount: () => listeners.count(),
    demo: () => demo?.ready ?? null,
    endpoints: () => endpointsOf(connected),
  };
}
