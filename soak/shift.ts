import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startEmulator, type RunningEmulator } from '../emulator/index';
import type { DomainEvent } from '../emulator/domain/types';
import { chromiumArgs, chromiumExecutable } from '../e2e/support/chromium';
import { SoakAgent } from './agent';
import { installPageProbe, readPageTrace, type PageTrace } from './page-probe';
import type { HostReply, HostRequest, HostStats } from './protocol';
import { duplicateActions, endStateMismatches, traceFigures, type ReservationLife } from './report';

/** What an offer is made to go through. Every kind the issue lists; re-offers take the next kind in turn. */
export const KINDS = ['acceptClick', 'acceptKey', 'reject', 'rejectWithActivity', 'timeout', 'canceledByServer', 'deletedByServer', 'completedByServer'] as const;
export type Kind = (typeof KINDS)[number];

export interface ShiftOptions {
  /** Offers (reservations) to put in front of the agent; spread evenly over the kinds. */
  offers: number;
  /** The workflow's reservation timeout: short, so timed-out offers do not stretch the shift. */
  reservationTimeoutSeconds: number;
  /** Worker token lifetime: short, so tokens expire and are replaced several times. */
  tokenTtlSeconds: number;
  /** How many offers may be open at once (the worker's capacity). */
  capacity: number;
  /** Inject the emulator's faults on a schedule (off for a clean run). */
  faults: boolean;
  /** Scales how long each fault lasts (1 = the full shift's 8–15 s windows); the short e2e version uses less. */
  faultScale?: number;
  log: (line: string) => void;
}

export interface SoakReport {
  durationSeconds: number;
  offersCreated: number;
  byKind: Record<string, { offers: number; endStates: Record<string, number> }>;
  shownWhilePending: number;
  shownWithinMs: { n: number; p50: number | null; p95: number | null; max: number | null };
  missedWhilePendingOver250ms: number;
  duplicateActions: number;
  endStateMismatches: number;
  staleCards: number;
  maxPendingLagMs: number;
  cardsLeftAfterEnd: number;
  ringingWithoutPendingSeconds: number;
  /** Actions the agent did again because the first try showed nothing (a fault ate it); never a duplicate at TaskRouter. */
  agentRetries: number;
  host: { heapMB: { start: number; end: number; growth: number }; rssMB: { start: number; end: number }; resources: { start: Record<string, number>; end: Record<string, number> } };
  page: { heapMB: { start: number; end: number; growth: number } };
  events: string[];
  problems: string[];
  goals: Record<string, boolean>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const MB = 1024 * 1024;
const round = (n: number) => Math.round(n * 10) / 10;
const STEP_MS = 15_000;
/** How long the agent waits for an action to show (when the card says nothing) before trying again. */
const ATTEMPT_MS = 5_000;
/** How long the agent takes to read an error on the card before trying again. */
const READ_MS = 1_000;
/**
 * How often the agent tries one step. A person keeps trying while the card says TaskRouter failed; eight tries,
 * each at least READ_MS apart, outlast the 10-s window of 503s. Three gave up inside it: a wrap met three 503s in a row.
 */
const MAX_TRIES = 8;
/** The longest a shift waits for its next offer; far above a timeout offer (10 s) plus the longest fault (15 s). */
const STALL_MS = 60_000;

const STATUS_OF: Partial<Record<DomainEvent['type'], string>> = {
  'reservation.created': 'pending',
  'reservation.accepted': 'accepted',
  'reservation.rejected': 'rejected',
  'reservation.timeout': 'timeout',
  'reservation.canceled': 'canceled',
  'reservation.rescinded': 'rescinded',
  'reservation.completed': 'completed',
  'reservation.wrapup': 'wrapping',
};

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return condition();
}

/** The host in its own process, driven over IPC. */
class HostProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: HostReply) => void>();
  private readonly failing = new Map<number, (error: Error) => void>();
  private exited: string | null = null;
  private constructor(private readonly child: ChildProcess) {
    child.on('message', (reply: HostReply) => this.waiting.get(reply.id)?.(reply));
    // A host that dies fails whatever waits on it, rather than leaving the shift waiting forever.
    child.on('exit', (code, signal) => {
      this.exited = `the soak host exited (${signal ?? code})`;
      for (const fail of this.failing.values()) fail(new Error(this.exited));
    });
  }

  static async start(config: unknown): Promise<{ host: HostProcess; url: string }> {
    const child = fork(path.join(here, 'host-process.ts'), [], {
      execArgv: ['--expose-gc', '--import', 'tsx'],
      env: { ...process.env, SOAK_HOST_CONFIG: JSON.stringify(config) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const host = new HostProcess(child);
    const ready = await new Promise<HostReply>((resolve, reject) => {
      host.waiting.set(0, resolve);
      child.once('exit', (code) => reject(new Error(`the soak host exited early (${code})`)));
    });
    return { host, url: ready.url! };
  }

  send(command: HostRequest): Promise<HostReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.exited) return reject(new Error(this.exited));
      const done = () => {
        this.waiting.delete(id);
        this.failing.delete(id);
      };
      this.waiting.set(id, (reply) => (done(), resolve(reply)));
      this.failing.set(id, (error) => (done(), reject(error)));
      this.child.send({ ...command, id });
    });
  }

  async stats(): Promise<HostStats> {
    return (await this.send({ cmd: 'stats' })).stats!;
  }

  async stop(): Promise<HostStats | undefined> {
    const reply = await this.send({ cmd: 'stop' });
    this.child.kill();
    return reply.stats;
  }
}

/**
 * A compressed shift: the real host (own process), the real UI in Chromium and
 * the emulator, with offers of every kind, faults, a sleep/resume, expiring
 * tokens and a worker switch in Settings. Returns the report; never throws for
 * what goes wrong in the app (that is what the report is for).
 */
export async function runShift(options: ShiftOptions): Promise<SoakReport> {
  const started = Date.now();
  const events: string[] = [];
  const problems: string[] = [];
  const note = (line: string) => {
    events.push(`${((Date.now() - started) / 1000).toFixed(1)} s ${line}`);
    options.log(line);
  };

  const emulator: RunningEmulator = await startEmulator({ traffic: 'off', reservationTimeoutSeconds: options.reservationTimeoutSeconds, workers: 2 });
  const { engine, ready } = emulator;
  const [alice, bob] = [ready.workers[0]!.sid, ready.workers[1]!.sid];
  engine.updateWorker(bob, { ActivitySid: ready.activities.Offline! });
  for (const w of [alice, bob]) engine.updateWorkerChannel(w, 'default', { Capacity: String(options.capacity) });

  // Every reservation update the emulator receives, by reservation and what it asks: a duplicate is the app sending twice.
  const sent = new Map<string, number>();
  const updateReservation = engine.updateReservation.bind(engine);
  engine.updateReservation = (sid, raw, opts) => {
    const what = raw['ReservationStatus'] ?? raw['Instruction'];
    if (typeof what === 'string') sent.set(`${sid}:${what}`, (sent.get(`${sid}:${what}`) ?? 0) + 1);
    return updateReservation(sid, raw, opts);
  };

  // What TaskRouter did with each reservation, as it happened.
  let watching = alice;
  const lives = new Map<string, ReservationLife & { watched: boolean; taskSid: string }>();
  const kinds: Kind[] = [];
  let dispatched = 0;
  const lanes = new Set<Promise<void>>();
  let agentRetries = 0;
  /** Tasks the soak is about to end (after a reject): their re-offers are not new kinds of offer. */
  const closingTasks = new Set<string>();
  engine.onEvent((event) => {
    const status = STATUS_OF[event.type];
    if (!status || !event.reservationSid) return;
    const sid = event.reservationSid;
    if (status === 'pending') {
      const r = engine.getReservation(sid);
      if (!r) return;
      const watched = r.workerSid === watching;
      // A rejected task is offered again at once, before the soak ends it: that offer is canceled by the server.
      const kind = !watched ? 'unwatched' : closingTasks.has(r.taskSid) ? 'canceledByServer' : KINDS[dispatched++ % KINDS.length]!;
      lives.set(sid, { sid, taskSid: r.taskSid, workerSid: r.workerSid, kind, createdAt: Date.now(), leftPendingAt: null, finalStatus: 'pending', watched });
      if (watched) {
        kinds.push(kind as Kind);
        const lane = handle(sid, kind as Kind).catch((e: unknown) => void problems.push(`${sid} ${kind}: ${e instanceof Error ? e.message : String(e)}`));
        lanes.add(lane);
        void lane.finally(() => lanes.delete(lane));
      }
      return;
    }
    const life = lives.get(sid);
    if (!life) return;
    life.finalStatus = status;
    if (life.leftPendingAt === null) life.leftPendingAt = Date.now();
  });

  const admin = async (pathname: string, body?: unknown) => {
    const response = await fetch(`${ready.url}${pathname}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return response.ok ? ((await response.json()) as unknown) : null;
  };

  const { host, url } = await HostProcess.start({ ready, workerSid: alice, tokenTtlSeconds: options.tokenTtlSeconds });
  const browser: Browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs(), headless: true });
  const page: Page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // tsx compiles with esbuild's keepNames, which wraps inner functions in __name(): give the page a no-op one.
  await page.addInitScript({ content: `globalThis.__name = (f) => f; (${installPageProbe.toString()})();` });
  await page.goto(url);
  await page.getByRole('region', { name: 'Reservations' }).waitFor();
  page.setDefaultTimeout(STEP_MS);
  const agent = new SoakAgent(page, started);
  const cdp = await page.context().newCDPSession(page);
  const pageHeap = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  };

  const cardText = async (sid: string) => (await agent.card(sid).innerText({ timeout: 1_000 }).catch(() => '(no card)')).replace(/\s+/g, ' ').slice(0, 300);
  const available = (worker: string) => engine.updateWorker(worker, { ActivitySid: ready.activities.Available! });
  const statusOf = (sid: string) => lives.get(sid)?.finalStatus;
  const settled = (sid: string, statuses: string[]) => until(() => statuses.includes(statusOf(sid) ?? ''), STEP_MS);

  /**
   * One step of the agent, as a person does it: act, then wait while the card says the answer is on its way; try
   * again when the card shows an error (after a moment to read it) or nothing happened for a while — at most
   * MAX_TRIES times. False (and a problem) when the reservation never got there.
   */
  async function attempt(sid: string, kind: Kind, act: () => Promise<void>, from: string, to: string): Promise<boolean> {
    for (let tries = 1; tries <= MAX_TRIES; tries++) {
      const actedAt = Date.now();
      await act();
      const tryAgain = async () => {
        const waited = Date.now() - actedAt;
        if (waited < READ_MS || (await agent.seesBusy(sid))) return false;
        return waited > ATTEMPT_MS || (await agent.seesError(sid));
      };
      await until(async () => statusOf(sid) !== from || (await tryAgain()), STEP_MS, 100);
      if (statusOf(sid) !== from) break;
      agentRetries++;
    }
    if (statusOf(sid) === to) return true;
    const history = engine.getReservation(sid)?.history.map((h) => `${h.status} ${((h.at - started) / 1000).toFixed(1)} s`).join(', ');
    problems.push(`${sid} ${kind}: not ${to} (${statusOf(sid)}); the card says: ${await cardText(sid)}; TaskRouter: ${history}; the agent: ${agent.recentActions(20_000)}`);
    // A missed offer left the worker unavailable: back to work ("I'm back"), so one problem does not stall the shift.
    if (statusOf(sid) === 'timeout') available(lives.get(sid)!.workerSid);
    return false;
  }

  /** One offer, start to end, as its kind says. */
  async function handle(sid: string, kind: Kind): Promise<void> {
    const life = lives.get(sid)!;
    const shown = await agent.seesOffer(sid, STEP_MS);
    if (!shown && statusOf(sid) === 'pending') problems.push(`${sid} ${kind}: never shown while pending`);
    if (statusOf(sid) !== 'pending') return; // Ended on its own (e.g. a worker switch): nothing for the agent to do.
    switch (kind) {
      case 'acceptClick':
      case 'acceptKey':
      case 'completedByServer': {
        const byKey = kind === 'acceptKey';
        if (!(await attempt(sid, kind, () => (byKey ? agent.acceptByKey(sid) : agent.acceptByClick(sid)), 'pending', 'accepted'))) return;
        if (kind === 'completedByServer') engine.updateTask(life.taskSid, { AssignmentStatus: 'completed', Reason: 'Completed by the soak server' });
        else {
          await agent.seesStatus(sid, 'accepted', STEP_MS);
          if (!(await attempt(sid, kind, () => agent.wrap(sid, byKey), 'accepted', 'wrapping'))) return;
          await agent.seesStatus(sid, 'wrapping', STEP_MS);
          if (!(await attempt(sid, kind, () => agent.complete(sid, byKey), 'wrapping', 'completed'))) return;
        }
        if (!(await settled(sid, ['completed']))) problems.push(`${sid} ${kind}: not completed (${statusOf(sid)})`);
        return;
      }
      case 'reject':
      case 'rejectWithActivity': {
        closingTasks.add(life.taskSid);
        if (!(await attempt(sid, kind, () => (kind === 'reject' ? agent.reject(sid) : agent.rejectTo(sid, 'Break')), 'pending', 'rejected'))) return;
        // The task would be offered again: end it, so the next offer is a new task. Then back to work.
        engine.updateTask(life.taskSid, { AssignmentStatus: 'canceled', Reason: 'Rejected in the soak' });
        if (kind === 'rejectWithActivity') available(life.workerSid);
        return;
      }
      case 'timeout': {
        if (!(await until(() => statusOf(sid) !== 'pending', (options.reservationTimeoutSeconds + 10) * 1000))) return void problems.push(`${sid} timeout: never timed out`);
        engine.updateTask(life.taskSid, { AssignmentStatus: 'canceled', Reason: 'Timed out in the soak' });
        available(life.workerSid);
        return;
      }
      case 'canceledByServer':
        engine.updateTask(life.taskSid, { AssignmentStatus: 'canceled', Reason: 'The caller hung up' });
        return;
      case 'deletedByServer':
        engine.deleteTask(life.taskSid);
        return;
    }
  }

  // Faults, each for a while, at points of the shift (fractions of the offers).
  const faultPlan: { at: number; name: string; apply: () => Promise<unknown>; forMs: number }[] = options.faults
    ? [
        { at: 0.1, name: 'latency 300 ms on every REST call', apply: () => admin('/emulator/faults', { latencyMs: 300 }), forMs: 10_000 },
        { at: 0.2, name: '503 on 30 % of REST calls', apply: () => admin('/emulator/faults', { status: 503, rate: 0.3 }), forMs: 10_000 },
        { at: 0.3, name: '429 with Retry-After: 1 on the next 20 REST calls', apply: () => admin('/emulator/faults', { rateLimit: { retryAfterSeconds: 1, count: 20 } }), forMs: 10_000 },
        { at: 0.4, name: 'every EventBridge socket dropped', apply: () => admin('/emulator/eventbridge/disconnect', {}), forMs: 0 },
        { at: 0.5, name: 'EventBridge blocked (socket dropped, reconnects refused)', apply: async () => (await admin('/emulator/eventbridge/block', { blocked: true }), admin('/emulator/eventbridge/disconnect', {})), forMs: 15_000 },
        { at: 0.55, name: '20 % of REST connections dropped', apply: () => admin('/emulator/faults', { drop: true, rate: 0.2 }), forMs: 8_000 },
      ]
    : [];
  const clearFault = async (name: string) => {
    await fetch(`${ready.url}/emulator/faults`, { method: 'DELETE' });
    await admin('/emulator/eventbridge/block', { blocked: false });
    note(`fault over: ${name}`);
  };

  // Warm up, then the baseline.
  const createTask = (n: number) => admin('/emulator/tasks', { attributes: { caller_name: `Soak caller ${n}`, from: `+1555555${String(1000 + (n % 9000)).padStart(4, '0')}`, reason: 'Soak shift' } });
  let created = 0;
  /** Set when no new offer came for STALL_MS: the shift stops and says why, instead of running into the test's timeout. */
  let stalled = false;
  const stateNow = () => {
    const worker = engine.getWorker(watching);
    const activity = worker ? engine.activityOf(worker) : undefined;
    const byStatus = (s: 'pending' | 'reserved' | 'assigned' | 'wrapping') => {
      const tasks = engine.listTasks({ assignmentStatus: [s] });
      return tasks.ok ? tasks.value.length : -1;
    };
    const open = [...lives.values()].filter((l) => l.watched && ['pending', 'accepted', 'wrapping'].includes(l.finalStatus)).map((l) => `${l.sid} ${l.kind} ${l.finalStatus}`);
    return `worker ${activity?.friendlyName ?? '?'} (available ${activity?.available}); tasks pending ${byStatus('pending')}, reserved ${byStatus('reserved')}, assigned ${byStatus('assigned')}, wrapping ${byStatus('wrapping')}; lanes ${lanes.size}; open offers [${open.join(', ')}]; last events ${events.slice(-3).join(' / ')}`;
  };
  const produce = async (target: number) => {
    let lastProgress = Date.now();
    let seen = dispatched;
    while (dispatched < target && !stalled) {
      if (dispatched !== seen) [seen, lastProgress] = [dispatched, Date.now()];
      if (Date.now() - lastProgress > STALL_MS) {
        stalled = true;
        problems.push(`no new offer for ${STALL_MS / 1000} s (offer ${dispatched} of ${target}): ${stateNow()}`);
        return;
      }
      const waitingTasks = engine.listTasks({ assignmentStatus: ['pending'] });
      const queued = waitingTasks.ok ? waitingTasks.value.length : 0;
      if (lanes.size < options.capacity && queued === 0) await createTask(created++);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const drain = async () => {
    if (!(await until(() => lanes.size === 0, 60_000, 50))) problems.push(`offers still being handled after 60 s: ${stateNow()}`);
    const waiting = engine.listTasks({ assignmentStatus: ['pending'] });
    for (const task of waiting.ok ? waiting.value : []) engine.updateTask(task.sid, { AssignmentStatus: 'canceled', Reason: 'End of the soak phase' });
  };
  const baseline = KINDS.length;
  await produce(baseline);
  await drain();
  const hostStart = await host.stats();
  const pageStart = await pageHeap();
  note(`warm-up done: host heap ${round(hostStart.heapUsed / MB)} MB, page heap ${round(pageStart / MB)} MB`);

  const total = baseline + options.offers;
  const switchAt = Math.floor(baseline + options.offers * 0.7);
  const switchBackAt = Math.floor(baseline + options.offers * 0.8);
  const resumeAt = Math.floor(baseline + options.offers * 0.6);
  let nextFault = 0;
  // One fault at a time; offers keep flowing while it lasts.
  let faultOver: Promise<void> = Promise.resolve();
  for (let target = baseline + 1; target <= total && !stalled; target++) {
    while (nextFault < faultPlan.length && target >= baseline + options.offers * faultPlan[nextFault]!.at) {
      const fault = faultPlan[nextFault++]!;
      await faultOver;
      await fault.apply();
      note(`fault: ${fault.name}`);
      faultOver = new Promise<void>((resolve) => setTimeout(resolve, fault.forMs * (options.faultScale ?? 1))).then(() => clearFault(fault.name));
    }
    if (target === resumeAt) {
      note('sleep/resume: the host reconciles');
      await host.send({ cmd: 'reconcile', reason: 'resume' });
    }
    if (target === switchAt || target === switchBackAt) {
      const [from, to] = target === switchAt ? [alice, bob] : [bob, alice];
      await drain();
      engine.updateWorker(from, { ActivitySid: ready.activities.Offline! });
      available(to);
      await host.send({ cmd: 'switchWorker', workerSid: to });
      watching = to;
      const name = ready.workers.find((w) => w.sid === to)!.friendlyName;
      const switched = await until(async () => (await page.getByRole('heading', { level: 1 }).textContent())?.includes(name) ?? false, STEP_MS, 50);
      if (!switched) problems.push(`worker switch to ${name}: the header never named them`);
      note(`worker switched in Settings to ${name}`);
    }
    await produce(target);
  }
  await faultOver;
  await drain();

  // Quiet: let the last changes reach the page, then compare the three views.
  await until(async () => (await page.locator('[data-status="pending"]').count()) === 0, 10_000, 100);
  const trace = (await page.evaluate(`(${readPageTrace.toString()})()`)) as PageTrace;
  const snapshot = (await host.send({ cmd: 'snapshot' })).snapshot;
  const endedAt = Date.now();
  const watchedLives = [...lives.values()].filter((l) => l.watched);
  const figures = traceFigures(watchedLives, trace.cards, trace.beeps, endedAt);
  const current = [...lives.values()].filter((l) => l.workerSid === watching);
  const mismatches = endStateMismatches(
    new Map(current.map((l) => [l.sid, l.finalStatus])),
    new Map((snapshot?.reservations ?? []).map((r) => [r.sid, r.status])),
    new Map(Object.entries(trace.cards).filter(([, c]) => c.status !== null).map(([sid, c]) => [sid, c.status!])),
  );
  const leftAfterEnd = Object.entries(trace.cards).filter(([sid, c]) => c.status === 'pending' && lives.get(sid)?.finalStatus !== 'pending').length;
  const duplicates = duplicateActions(sent);
  for (const m of mismatches.slice(0, 10)) problems.push(`end state differs for ${m.sid}: emulator ${m.emulator}, host ${m.host}, page ${m.page}`);
  for (const d of duplicates.slice(0, 10)) problems.push(`sent ${d.times} times: ${d.key}`);
  for (const sid of figures.missedWhilePendingOver250ms.slice(0, 10)) problems.push(`missed while pending: ${sid}`);
  for (const s of figures.staleCards.slice(0, 10)) problems.push(`card still pending ${s.lateByMs} ms after its offer ended: ${s.sid} (${lives.get(s.sid)?.kind} → ${lives.get(s.sid)?.finalStatus})`);
  for (const failure of agent.failures.slice(0, 10)) problems.push(`agent action failed: ${failure}`);

  const pageEnd = await pageHeap();
  const hostEnd = await host.stats();
  await browser.close();
  const hostStopped = await host.stop();
  await emulator.close();

  const byKind: SoakReport['byKind'] = {};
  for (const life of watchedLives) {
    const entry = (byKind[life.kind] ??= { offers: 0, endStates: {} });
    entry.offers++;
    entry.endStates[life.finalStatus] = (entry.endStates[life.finalStatus] ?? 0) + 1;
  }
  const hostGrowth = round((hostEnd.heapUsed - hostStart.heapUsed) / MB);
  const pageGrowth = round((pageEnd - pageStart) / MB);
  const report: SoakReport = {
    durationSeconds: Math.round((endedAt - started) / 1000),
    offersCreated: watchedLives.length,
    byKind,
    shownWhilePending: figures.shownWhilePending,
    shownWithinMs: figures.shownWithinMs,
    missedWhilePendingOver250ms: figures.missedWhilePendingOver250ms.length,
    duplicateActions: duplicates.length,
    endStateMismatches: mismatches.length,
    staleCards: figures.staleCards.length,
    maxPendingLagMs: figures.maxPendingLagMs,
    cardsLeftAfterEnd: leftAfterEnd,
    ringingWithoutPendingSeconds: figures.ringingWithoutPendingSeconds,
    agentRetries,
    host: {
      heapMB: { start: round(hostStart.heapUsed / MB), end: round(hostEnd.heapUsed / MB), growth: hostGrowth },
      rssMB: { start: round(hostStart.rss / MB), end: round(hostEnd.rss / MB) },
      resources: { start: hostStart.resources, end: hostEnd.resources },
    },
    page: { heapMB: { start: round(pageStart / MB), end: round(pageEnd / MB), growth: pageGrowth } },
    events,
    problems,
    goals: {
      missedWhilePending: figures.missedWhilePendingOver250ms.length === 0,
      duplicateActions: duplicates.length === 0,
      endStatesAgree: mismatches.length === 0,
      noCardLeftAfterItsOfferEnded: figures.staleCards.length === 0 && leftAfterEnd === 0,
      noRingingWithoutOffer: figures.ringingWithoutPendingSeconds === 0,
      hostHeapGrowthUnder10MB: hostGrowth < 10,
      pageHeapGrowthUnder5MB: pageGrowth < 5,
    },
  };
  if (hostStopped) report.events.push(`host resources after stop: ${JSON.stringify(hostStopped.resources)}`);
  return report;
}
