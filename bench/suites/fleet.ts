import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestStatsSnapshot } from '../../emulator/http/request-stats';
import { arrivalRate, QUEUES } from '../fleet/agent-behaviour';
import { spawnAgents, type AgentsProcess } from '../fleet/agents';
import type { AgentsReply } from '../fleet/protocol';
import { processCpuMs } from '../support/process-cpu';
import { spawnEmulator, type SpawnedEmulator } from '../support/spawn-emulator';
import { latencyFields, round } from '../support/stats';

/**
 * A contact center's worth of desktops on one machine: N real hosts (host/ code, no UI,
 * account mode) spread over a few agents processes, against ONE emulator process,
 * in subscribe and in poll mode. What TaskRouter pays is counted at the emulator.
 *
 * Phases per (mode, N): start every host → idle window → demo-like traffic (agents accept,
 * talk, wrap, complete) → in subscribe mode, every EventBridge socket dropped at once.
 *
 * BENCH_FLEET_SIZES (default "100,500") and BENCH_FLEET_MODES (default "subscribe,poll")
 * pick the configurations; BENCH_CPU_PROF=<dir> writes V8 CPU profiles of the emulator
 * and of every agents process there.
 */

const HOSTS_PER_PROCESS = 125;
/** Logins per second across the fleet (a shift starting: 500 agents in 20 s). */
const LOGINS_PER_SECOND = 25;
const CONNECT_TIMEOUT_MS = 180_000;
const SETTLE_MS = 3_000;
const IDLE_WINDOW_MS = 30_000;
/** Traffic runs this long before the busy window opens, so agents are busy when it is measured. */
const BUSY_RAMP_MS = 10_000;
const BUSY_WINDOW_MS = 40_000;
const OCCUPANCY = 0.7;
const RECOVERY_TIMEOUT_MS = 120_000;

type Mode = 'subscribe' | 'poll';
type Metrics = Record<string, number | string | boolean>;

const list = (raw: string | undefined, fallback: string) => (raw ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);

export async function fleetSuite(): Promise<Metrics> {
  const sizes = list(process.env.BENCH_FLEET_SIZES, '100,500').map(Number);
  const modes = list(process.env.BENCH_FLEET_MODES, 'subscribe,poll') as Mode[];
  for (const mode of modes) if (mode !== 'subscribe' && mode !== 'poll') throw new Error(`BENCH_FLEET_MODES: unknown mode "${mode}"`);
  for (const n of sizes) if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`BENCH_FLEET_SIZES: ${n} is not a fleet size (1–1000)`);
  const metrics: Metrics = { hosts_per_process: HOSTS_PER_PROCESS, idle_window_s: IDLE_WINDOW_MS / 1000, busy_window_s: BUSY_WINDOW_MS / 1000, occupancy: OCCUPANCY };
  const began = Date.now();
  for (const n of sizes) {
    for (const mode of modes) {
      console.error(`fleet: ${mode} × ${n}…`);
      const result = await runFleet(n, mode);
      for (const [key, value] of Object.entries(result)) metrics[`${mode}_${n}_${key}`] = value;
    }
  }
  metrics.total_s = round((Date.now() - began) / 1000, 0);
  return metrics;
}

interface Tracker {
  offers: Map<string, number>;
  /** Latest connection state of each host ("process:worker") and when it was reported. */
  connection: Map<string, { state: string; at: number }>;
  /** Per host, the first time it reported `subscribed` after `since` (mass-drop recovery). */
  backAfter: Map<string, number>;
  since: number;
}

async function runFleet(n: number, mode: Mode): Promise<Metrics> {
  const profileDir = process.env.BENCH_CPU_PROF;
  const emulator = await spawnEmulator({ args: ['--port', '0', '--traffic', 'off', '--workers', String(n)], nodeFlags: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [] });
  const { ready } = emulator;
  const tracker: Tracker = { offers: new Map(), connection: new Map(), backAfter: new Map(), since: Infinity };
  const agents: AgentsProcess[] = [];
  const wanted = mode === 'subscribe' ? 'subscribed' : 'polling';
  try {
    // 1. Every host up and connected.
    const startedAt = Date.now();
    const sids = ready.workers.map((w) => w.sid);
    const processes = Math.ceil(n / HOSTS_PER_PROCESS);
    const spawned = await Promise.all(
      Array.from({ length: processes }, (_, p) => {
        const slice = sids.slice(p * HOSTS_PER_PROCESS, (p + 1) * HOSTS_PER_PROCESS);
        return spawnAgents({ ready, workerSids: slice, transport: mode, startIntervalMs: (1000 * processes) / LOGINS_PER_SECOND }, (message) => track(tracker, p, message));
      }),
    );
    agents.push(...spawned);
    const failedStarts = agents.reduce((sum, a) => sum + a.failedStarts, 0);
    // A host that does not get there in time is reported (connected_hosts), not waited for forever.
    await waitUntil(`every host ${wanted}`, CONNECT_TIMEOUT_MS, () => countIn(tracker, wanted) === n, async () => {
      const s = await stats(ready.url);
      return `hosts by state ${JSON.stringify(byState(tracker))}; emulator: ${await ebSessions(ready.url)} EventBridge sessions, requests ${JSON.stringify(s.requests)}, statuses ${JSON.stringify(s.byStatus)}, CPU ${round((processCpuMs(emulator.pid) ?? 0) / 1000, 1)} s`;
    }).catch((error: unknown) => console.error(String(error)));
    const connectedHosts = countIn(tracker, wanted);
    const statesAfterConnect = JSON.stringify(byState(tracker));
    const connectS = (Date.now() - startedAt) / 1000;
    await sleep(SETTLE_MS);

    // 2. Idle: nothing happens; what does keeping watch cost?
    const idle = await window(emulator, agents, IDLE_WINDOW_MS);
    const sessions = await ebSessions(ready.url);

    // 3. Busy: demo-like traffic; every host acts like an agent.
    for (const a of agents) a.send({ type: 'behave', on: true });
    const traffic = startTraffic(ready.url, arrivalRate(n, OCCUPANCY));
    await sleep(BUSY_RAMP_MS);
    const busyFrom = Date.now();
    const busy = await window(emulator, agents, BUSY_WINDOW_MS);
    traffic.stop();
    for (const a of agents) a.send({ type: 'behave', on: false });
    const offerLatencies = await offerToHost(ready.url, tracker, busyFrom - BUSY_RAMP_MS);
    const actions = await Promise.all(agents.map((a) => a.measure()));

    // 4. Every socket dropped at once (subscribe mode): how fast is everyone back, and what does the stampede cost?
    const drop = mode === 'subscribe' ? await massDrop(emulator, tracker, n) : {};

    const memory = await Promise.all(agents.map((a) => a.measure()));
    const perMinute = (count: number, ms: number) => round((count / n) * (60_000 / ms), 2);
    return {
      agents_processes: processes,
      failed_starts: failedStarts,
      connected_hosts: connectedHosts,
      connect_states: statesAfterConnect,
      ...(connectedHosts === n ? { connect_all_s: round(connectS, 1) } : {}),
      eventbridge_connections: sessions,
      idle_rest_per_agent_min: perMinute(idle.rest, idle.ms),
      idle_eventbridge_http_per_agent_min: perMinute(idle.eventbridge, idle.ms),
      idle_emulator_cpu_ms_per_agent_min: perMinute(idle.emulatorCpuMs, idle.ms),
      idle_host_cpu_ms_per_agent_min: perMinute(idle.hostsCpuMs, idle.ms),
      busy_rest_per_agent_min: perMinute(busy.rest, busy.ms),
      busy_eventbridge_http_per_agent_min: perMinute(busy.eventbridge, busy.ms),
      busy_emulator_cpu_ms_per_agent_min: perMinute(busy.emulatorCpuMs, busy.ms),
      busy_host_cpu_ms_per_agent_min: perMinute(busy.hostsCpuMs, busy.ms),
      busy_non_2xx: busy.non2xx,
      ...(offerLatencies.length > 0 ? latencyFields('offer_to_host', offerLatencies) : { offer_to_host_n: 0 }),
      agent_actions_ok: actions.reduce((s, a) => s + a.actionsOk, 0),
      agent_actions_refused: actions.reduce((s, a) => s + a.actionsFailed, 0),
      host_heap_mb_per_agent: round(memory.reduce((s, m) => s + m.heapUsedBytes, 0) / n / 2 ** 20, 2),
      host_rss_mb_per_agent: round(memory.reduce((s, m) => s + m.rssBytes, 0) / n / 2 ** 20, 2),
      ...drop,
    };
  } finally {
    await Promise.all(agents.map((a) => a.stop()));
    await emulator.stop();
  }
}

function track(tracker: Tracker, processIndex: number, message: AgentsReply): void {
  if (message.type === 'offer') {
    if (!tracker.offers.has(message.reservationSid)) tracker.offers.set(message.reservationSid, message.seenAt);
  } else if (message.type === 'connection') {
    const key = `${processIndex}:${message.worker}`;
    tracker.connection.set(key, { state: message.state, at: message.at });
    if (message.state === 'subscribed' && message.at >= tracker.since && !tracker.backAfter.has(key)) tracker.backAfter.set(key, message.at);
  }
}

const countIn = (tracker: Tracker, state: string) => [...tracker.connection.values()].filter((c) => c.state === state).length;
const byState = (tracker: Tracker) => [...tracker.connection.values()].reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.state]: (acc[c.state] ?? 0) + 1 }), {});

/** Waits for a condition; every 10 s says how far along it is (stderr). */
async function waitUntil(what: string, timeoutMs: number, test: () => boolean, progress?: () => string | Promise<string>): Promise<void> {
  const startedAt = Date.now();
  let nextReport = startedAt + 10_000;
  while (!test()) {
    if (Date.now() > startedAt + timeoutMs) throw new Error(`fleet: timed out waiting for ${what}${progress ? ` (${await progress()})` : ''}`);
    if (progress && Date.now() > nextReport) {
      console.error(`fleet: waiting for ${what}: ${await progress()}`);
      nextReport += 10_000;
    }
    await sleep(50);
  }
}

async function stats(url: string): Promise<RequestStatsSnapshot> {
  const response = await fetch(`${url}/emulator/stats`);
  if (!response.ok) throw new Error(`GET /emulator/stats answered ${response.status}`);
  return (await response.json()) as RequestStatsSnapshot;
}

async function ebSessions(url: string): Promise<number> {
  return ((await (await fetch(`${url}/emulator/eventbridge/sessions`)).json()) as { sessions: number }).sessions;
}

const non2xxOf = (s: RequestStatsSnapshot) => Object.entries(s.byStatus).reduce((sum, [status, count]) => (status.startsWith('2') ? sum : sum + count), 0);

/** Counts, at the emulator, what the fleet cost over a window: requests by kind, non-2xx answers, emulator and hosts CPU. */
async function window(emulator: SpawnedEmulator, agents: AgentsProcess[], ms: number) {
  const hostsCpu = async () => (await Promise.all(agents.map((a) => a.measure()))).reduce((sum, m) => sum + m.cpuMs, 0);
  const before = await stats(emulator.ready.url);
  const emulatorBefore = processCpuMs(emulator.pid) ?? 0;
  const hostsBefore = await hostsCpu();
  const startedAt = Date.now();
  await sleep(ms);
  const after = await stats(emulator.ready.url);
  const elapsed = Date.now() - startedAt;
  return {
    ms: elapsed,
    rest: after.requests.rest - before.requests.rest,
    eventbridge: after.requests.eventbridge - before.requests.eventbridge,
    non2xx: non2xxOf(after) - non2xxOf(before),
    emulatorCpuMs: (processCpuMs(emulator.pid) ?? 0) - emulatorBefore,
    hostsCpuMs: (await hostsCpu()) - hostsBefore,
  };
}

/** Poisson arrivals of demo-like tasks through the admin API (one queue of three at random). */
function startTraffic(url: string, perSecond: number): { stop(): void } {
  let stopped = false;
  let created = 0;
  void (async () => {
    while (!stopped) {
      await sleep(-Math.log(1 - Math.random()) * (1000 / perSecond));
      if (stopped) break;
      const queue = QUEUES[Math.floor(Math.random() * QUEUES.length)]!;
      const n = ++created;
      void fetch(`${url}/emulator/tasks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // A caller waits at most two minutes, as in the demo.
        body: JSON.stringify({ attributes: { type: 'inbound', queue, caller_name: `Fleet caller ${n}`, from: '+15555550142', reason: 'Billing question' }, timeout: 120 }),
      }).catch((error: unknown) => console.error('fleet: creating a task failed:', error));
    }
  })();
  return {
    stop: () => {
      stopped = true;
    },
  };
}

/** Offer → host: when each host first saw an offer, minus when the emulator created it (both this machine's wall clock). */
async function offerToHost(url: string, tracker: Tracker, since: number): Promise<number[]> {
  const state = (await (await fetch(`${url}/emulator/state`)).json()) as { reservations: { sid: string; dateCreated: number }[] };
  const latencies: number[] = [];
  for (const r of state.reservations) {
    const seenAt = tracker.offers.get(r.sid);
    if (seenAt !== undefined && r.dateCreated >= since) latencies.push(seenAt - r.dateCreated);
  }
  return latencies;
}

/** Drops every EventBridge socket at once and watches the fleet come back. */
async function massDrop(emulator: SpawnedEmulator, tracker: Tracker, n: number): Promise<Metrics> {
  const { url } = emulator.ready;
  const before = await stats(url);
  const emulatorBefore = processCpuMs(emulator.pid) ?? 0;
  tracker.backAfter.clear();
  tracker.since = Date.now();
  const response = await fetch(`${url}/emulator/eventbridge/disconnect`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const { dropped } = (await response.json()) as { dropped: number };
  let recovered = true;
  await waitUntil('every host back on its socket', RECOVERY_TIMEOUT_MS, () => tracker.backAfter.size === n, () => `${tracker.backAfter.size} of ${n} back`).catch(() => (recovered = false));
  const backTimes = [...tracker.backAfter.values()].map((at) => at - tracker.since);
  // Let the reconnect reconciles finish before counting.
  await sleep(2_000);
  const after = await stats(url);
  const from = Math.floor(tracker.since / 1000);
  const peak = after.perSecond.filter(([second]) => second >= from).reduce((max, [, count]) => Math.max(max, count), 0);
  const status = (s: RequestStatsSnapshot, code: string) => s.byStatus[code] ?? 0;
  return {
    drop_sockets_dropped: dropped,
    drop_all_back: recovered,
    drop_hosts_back: backTimes.length,
    ...(backTimes.length > 0 ? { drop_all_back_s: round(Math.max(...backTimes) / 1000, 2), drop_median_back_s: round(backTimes.sort((a, b) => a - b)[Math.floor(backTimes.length / 2)]! / 1000, 2) } : {}),
    drop_peak_requests_per_s: peak,
    drop_requests_total: after.requests.rest + after.requests.eventbridge - before.requests.rest - before.requests.eventbridge,
    drop_rest_per_agent: round((after.requests.rest - before.requests.rest) / n, 2),
    drop_eventbridge_http_per_agent: round((after.requests.eventbridge - before.requests.eventbridge) / n, 2),
    drop_429s: status(after, '429') - status(before, '429'),
    drop_non_2xx: non2xxOf(after) - non2xxOf(before),
    drop_emulator_cpu_ms: round((processCpuMs(emulator.pid) ?? 0) - emulatorBefore, 0),
    eventbridge_connections_after_drop: await ebSessions(url),
  };
}
