import { requests, type Handlers, type RequestName, type SettingsInput } from '../../shared/contract';
import type { PublicSettings, Reservation, ReservationStatus, Snapshot, Worker, WorkerSummary } from '../../shared/model';
import { parseWith } from '../../shared/parse';
import { err, ok, type AppError, type Result } from '../../shared/result';
import type { RawReservation, RawWorker, ReservationUpdate, TaskRouterApi, WorkerUpdate } from '../twilio/api';
import { httpStatusOf, toAppError } from '../twilio/errors';
import { RateLimitedError } from '../twilio/http-status-error';
import { ALLOWED_FROM, explainRefusal } from './failure';
import { InFlight } from './in-flight';
import { callUpdate, conferenceUpdate, dequeueUpdate, redirectUpdate } from './instructions';
import { createVoiceImplementations, type VoiceHandlerContext } from '../voice/handlers';
import { createDeskImplementations, type DeskHandlerContext } from '../desk/handlers';
import { desktopOnlyImplementations } from './desktop-only';
import { createCallImplementations } from '../calls/call-handlers';
import type { CallSupervisor } from '../calls/call-supervisor';

/** What the handlers need from the running host. */
export interface HandlerContext {
  now(): number;
  wait(ms: number): Promise<void>;
  /** The REST API of the current session, or why there is none. */
  api(): Result<TaskRouterApi>;
  /** Feeds a reservation TaskRouter just returned into the store (so the UI and the answer agree). */
  observe(raw: RawReservation): Promise<void>;
  reservation(sid: string): Reservation | undefined;
  /** TaskRouter answered 404 for this reservation: settle it as gone for good. */
  gone(sid: string): void;
  /** Where the worker is called by default (settings, else the worker's contact_uri). */
  defaultContact(): string | null;
  applyWorker(raw: RawWorker): Worker;
  setNextActivity(activitySid: string | null): Promise<Result<Worker>>;
  snapshot(): Snapshot;
  getSettings(): Promise<PublicSettings>;
  saveSettings(input: SettingsInput): Promise<Result<PublicSettings>>;
  logError(where: string, error: unknown): void;
  /** Voice token and conference control (host/voice/); without it the voice requests answer not_configured. */
  voice?: VoiceHandlerContext;
  /** Task context, wrap-up and the agent's day (host/desk/); without it those requests answer not_configured. */
  desk?: DeskHandlerContext;
  /** The session's calls (host/calls/): the state machine, the Device's owner, transfers, outbound calls. */
  calls?: () => CallSupervisor | null;
}

const MAX_RATE_LIMIT_RETRIES = 2;
/** An answer to a pending offer is worth more tries: it is retried as long as the offer lasts, up to this many. */
const MAX_OFFER_RATE_LIMIT_RETRIES = 20;
const MAX_RETRY_AFTER_MS = 5_000;
/** How long a successful reservation action answers a repeat of itself without sending it again. */
const REMEMBER_MS = 3_000;

/**
 * One handler per contract request. Each parses its input first (nothing is
 * sent for invalid input), shares identical concurrent calls, never throws,
 * and explains a refused reservation action by re-reading the reservation.
 */
export function createHandlers(ctx: HandlerContext): Handlers {
  const inFlight = new InFlight<Result<unknown>>(() => ctx.now(), REMEMBER_MS);

  /**
   * Retries a call refused with 429 (nothing was done), waiting as asked. Bounded: twice, or, with `until` (a
   * pending offer's expiry), as long as the next try still starts before it, since giving up there loses the offer.
   */
  async function withRateLimitRetry<T>(call: () => Promise<T>, until?: number): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (e) {
        if (!(e instanceof RateLimitedError)) throw e;
        const waitMs = Math.min(e.retryAfterMs ?? 1_000, MAX_RETRY_AFTER_MS);
        const more = until === undefined ? attempt < MAX_RATE_LIMIT_RETRIES : attempt < MAX_OFFER_RATE_LIMIT_RETRIES && ctx.now() + waitMs < until;
        if (!more) throw e;
        await ctx.wait(waitMs);
      }
    }
  }

  /** A pending offer's expiry: until then an answer to it is still worth sending. */
  function offerDeadline(sid: string): number | undefined {
    const reservation = ctx.reservation(sid);
    return reservation?.status === 'pending' ? reservation.expiresAt : undefined;
  }

  async function explain(api: TaskRouterApi, sid: string, action: string, allowed: readonly ReservationStatus[], original: AppError): Promise<AppError> {
    // Refusals that a changed reservation explains; network/auth/server errors stand as they are.
    if (!['rejected_by_twilio', 'conflict', 'not_found'].includes(original.code)) return original;
    try {
      const fresh = await api.fetchReservation(sid);
      await ctx.observe(fresh);
      return explainRefusal(fresh.status as ReservationStatus, action, allowed, ctx.reservation(sid)?.task.reason ?? null) ?? original;
    } catch (e) {
      if (httpStatusOf(e) !== 404) return original;
      // Ended means ended: TaskRouter no longer knows it, so it leaves the screen instead of staying acceptable.
      ctx.gone(sid);
      return err('reservation_canceled', `Too late to ${action}: this offer no longer exists in TaskRouter (its task was deleted).`, { reason: 'task_deleted' }).error;
    }
  }

  function reservationAction(action: keyof typeof ALLOWED_FROM, label: string, update: (input: never) => ReservationUpdate) {
    return async (input: { reservationSid: string }): Promise<Result<Reservation>> => {
      const api = ctx.api();
      if (!api.ok) return api;
      const sid = input.reservationSid;
      try {
        const raw = await withRateLimitRetry(() => api.value.updateReservation(sid, update(input as never)), offerDeadline(sid));
        await ctx.observe(raw);
        const stored = ctx.reservation(sid);
        return stored ? ok(stored) : err('internal', 'The reservation was updated but could not be read back.');
      } catch (e) {
        return { ok: false, error: await explain(api.value, sid, label, ALLOWED_FROM[action]!, toAppError(e)) };
      }
    };
  }

  async function workerCall(call: (api: TaskRouterApi) => Promise<RawWorker>): Promise<Result<Worker>> {
    const api = ctx.api();
    if (!api.ok) return api;
    try {
      return ok(ctx.applyWorker(await withRateLimitRetry(() => call(api.value))));
    } catch (e) {
      return { ok: false, error: toAppError(e) };
    }
  }

  const calls = () => ctx.calls?.() ?? null;

  /**
   * An instruction that makes TaskRouter ring the agent: the call it causes is the only one auto-answer may
   * pick up, whichever window sent it (the expectation lives here, in the host, where the Device's window asks).
   */
  function ringing<I extends { reservationSid: string }>(send: (input: I) => Promise<Result<Reservation>>) {
    return async (input: I): Promise<Result<Reservation>> => {
      const expected = calls()?.expected;
      expected?.expect(input.reservationSid);
      const result = await send(input);
      if (!result.ok) expected?.forget(input.reservationSid);
      return result;
    };
  }

  /** Completing or wrapping a voice task ends the agent's call leg for it, unless the agent keeps it. */
  function endingLeg(send: (input: { reservationSid: string; keepCall?: boolean }) => Promise<Result<Reservation>>) {
    return async (input: { reservationSid: string; keepCall?: boolean }): Promise<Result<Reservation>> => {
      const result = await send(input);
      if (result.ok && !input.keepCall) await calls()?.endLegOf(input.reservationSid);
      return result;
    };
  }

  const conference = ringing(reservationAction('instruct', 'accept', (i: { options: Parameters<typeof conferenceUpdate>[0] }) => conferenceUpdate(i.options, ctx.defaultContact())));

  const implementations: { [N in RequestName]: (input: never) => Promise<Result<unknown>> } = {
    getSnapshot: async () => ok(ctx.snapshot()),
    acceptReservation: reservationAction('accept', 'accept', () => ({ reservationStatus: 'accepted' })),
    rejectReservation: reservationAction('reject', 'reject', (i: { activitySid?: string }) => ({ reservationStatus: 'rejected', workerActivitySid: i.activitySid })),
    // Accepting a transfer task joins the original call's conference (a Call instruction), whatever the options.
    conferenceReservation: async (i: { reservationSid: string; options: Parameters<typeof conferenceUpdate>[0] }) => {
      const reservation = ctx.reservation(i.reservationSid);
      const joined = reservation && reservation.status === 'pending' ? await calls()?.acceptTransfer(reservation) : null;
      return joined ?? conference(i);
    },
    dequeueReservation: ringing(reservationAction('instruct', 'accept', (i: { options: Parameters<typeof dequeueUpdate>[0] }) => dequeueUpdate(i.options, ctx.defaultContact()))),
    callReservation: ringing(reservationAction('instruct', 'accept', (i: { options: Parameters<typeof callUpdate>[0] }) => callUpdate(i.options, ctx.defaultContact()))),
    redirectReservation: reservationAction('instruct', 'redirect', (i: { options: Parameters<typeof redirectUpdate>[0] }) => redirectUpdate(i.options)),
    wrapReservation: endingLeg(reservationAction('wrap', 'wrap up', () => ({ reservationStatus: 'wrapping' }))),
    completeReservation: endingLeg(reservationAction('complete', 'complete', () => ({ reservationStatus: 'completed' }))),
    setActivity: (i: { activitySid: string; rejectPendingReservations?: boolean }) =>
      workerCall((api) => {
        const update: WorkerUpdate = { activitySid: i.activitySid };
        if (i.rejectPendingReservations !== undefined) update.rejectPendingReservations = i.rejectPendingReservations;
        return api.updateWorker(update);
      }),
    setNextActivity: (i: { activitySid: string | null }) => ctx.setNextActivity(i.activitySid),
    getSettings: async () => ok(await ctx.getSettings()),
    saveSettings: (i: SettingsInput) => ctx.saveSettings(i),
    listWorkers: async (): Promise<Result<WorkerSummary[]>> => {
      const api = ctx.api();
      if (!api.ok) return api;
      try {
        return ok(await withRateLimitRetry(() => api.value.listWorkers()));
      } catch (e) {
        return { ok: false, error: toAppError(e) };
      }
    },
    ...createVoiceImplementations(ctx.voice),
    ...createDeskImplementations(ctx.desk),
    ...desktopOnlyImplementations(),
    ...createCallImplementations(calls, () => ctx.now()),
  };

  /** Reservation actions are remembered briefly after success; reads and worker changes are not (A→B→A must send thrice). */
  const REMEMBERED = new Set<RequestName>(['acceptReservation', 'rejectReservation', 'conferenceReservation', 'dequeueReservation', 'callReservation', 'redirectReservation', 'wrapReservation', 'completeReservation', 'finishWrapUp']);

  const handlers = {} as Record<RequestName, (input: unknown) => Promise<Result<unknown>>>;
  for (const name of Object.keys(requests) as RequestName[]) {
    handlers[name] = async (input: unknown) => {
      try {
        const parsed = parseWith(requests[name].input, input);
        if (!parsed.ok) return parsed;
        const key = `${name}:${stableKey(parsed.value)}`;
        return await inFlight.run(key, () => implementations[name](parsed.value as never), (r) => r.ok && REMEMBERED.has(name));
      } catch (e) {
        ctx.logError(name, e);
        return err('internal', 'Something went wrong in the host; the action was not completed.');
      }
    };
  }
  return handlers as unknown as Handlers;
}

/** A key for "the same request": JSON with sorted keys. */
function stableKey(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}
