/**
 * Child-process entry for the fleet suite: many headless agent hosts in one Node process.
 * Each is the real host (createHost from host/, account mode, no UI, no browser bridge)
 * pointed at the one emulator of the run; it reports every first sight of an offer and
 * every connection change to the parent, and — while told to behave — acts like an agent.
 */
import { performance } from 'node:perf_hooks';
import { createHost, memorySecretStore, memorySettingsStore, type Host } from '../../host/index';
import type { AgentsProcessConfig, AgentsReply, AgentsRequest } from './protocol';
import { agentPlan } from './agent-behaviour';
import { emulatorAccountOverrides } from '../support/account-overrides';

const config = JSON.parse(process.env.BENCH_FLEET_CONFIG ?? 'null') as AgentsProcessConfig | null;
if (!config || !process.send) {
  console.error('agents-process: start it through bench/suites/fleet.ts (it needs BENCH_FLEET_CONFIG and an IPC channel)');
  process.exit(2);
}
const send = (message: AgentsReply) => process.send!(message);
const wallNow = () => performance.timeOrigin + performance.now();
const { ready } = config;

let behaving = false;
let actionsOk = 0;
let actionsFailed = 0;
const timers = new Set<ReturnType<typeof setTimeout>>();
const later = (ms: number, fn: () => void) => {
  const timer = setTimeout(() => {
    timers.delete(timer);
    fn();
  }, ms);
  timers.add(timer);
};
const counted = async (action: Promise<{ ok: boolean }>) => {
  const result = await action;
  if (result.ok) actionsOk++;
  else actionsFailed++;
  return result.ok;
};

/** An agent: think, then accept (or now and then reject); talk; wrap up; complete. */
function actOn(host: Host, reservationSid: string): void {
  const plan = agentPlan(Math.random);
  later(plan.thinkMs, () => {
    if (!behaving) return;
    if (plan.rejects) {
      void counted(host.handlers.rejectReservation({ reservationSid }));
      return;
    }
    void counted(host.handlers.acceptReservation({ reservationSid })).then((accepted) => {
      if (!accepted) return;
      later(plan.talkMs, () => {
        void counted(host.handlers.wrapReservation({ reservationSid })).then((wrapped) => {
          if (wrapped) later(plan.wrapMs, () => void counted(host.handlers.completeReservation({ reservationSid })));
        });
      });
    });
  });
}

/** The hosts' warnings: the first few in full on stderr, then counted (a fleet can repeat one 500 times). */
const warnings = new Map<string, number>();
const logger = {
  info: () => undefined,
  warn: (msg: string, data?: Record<string, unknown>) => note('warn', msg, data),
  error: (msg: string, data?: Record<string, unknown>) => note('error', msg, data),
};
function note(level: string, msg: string, data?: Record<string, unknown>): void {
  const key = `${level}: ${msg} ${JSON.stringify(data ?? {}).slice(0, 300)}`;
  const count = (warnings.get(key) ?? 0) + 1;
  warnings.set(key, count);
  if (count === 1 && warnings.size <= 20) console.error(`agents-process ${process.pid}: ${key}`);
}

function startOne(workerSid: string, index: number): Host {
  const host = createHost({
    logger,
    secrets: memorySecretStore(),
    // Plain accept: these agents have no phone (a Conference instruction would ring a Device that is not there).
    settings: memorySettingsStore({ defaultInstruction: 'accept' }),
    overrides: emulatorAccountOverrides(ready, workerSid, config!.transport),
  });
  const seen = new Set<string>();
  host.on('reservationUpdated', (r) => {
    if (r.status !== 'pending' || seen.has(r.sid)) return;
    seen.add(r.sid);
    send({ type: 'offer', reservationSid: r.sid, seenAt: wallNow() });
    if (behaving) actOn(host, r.sid);
  });
  host.on('connectionChanged', (c) => send({ type: 'connection', worker: index, state: c.state, at: wallNow() }));
  return host;
}

const hosts: Host[] = [];
const startedAt = performance.now();
let failed = 0;
// Agents log in one after another (a fixed pace per process), not all in the same millisecond.
const starting: Promise<void>[] = [];
for (const [index, workerSid] of config.workerSids.entries()) {
  if (index > 0) await new Promise((resolve) => setTimeout(resolve, config.startIntervalMs));
  const host = startOne(workerSid, index);
  hosts.push(host);
  starting.push(
    host.start().catch((error: unknown) => {
      failed++;
      console.error(`agents-process: host ${index} failed to start:`, error);
    }),
  );
}
await Promise.all(starting);
send({ type: 'started', hosts: hosts.length, failed, startMs: performance.now() - startedAt });

process.on('message', (message: AgentsRequest) => {
  if (message.type === 'behave') {
    behaving = message.on;
    if (!behaving) {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    }
    return;
  }
  if (message.type === 'measure') {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    send({ type: 'actions', ok: actionsOk, failed: actionsFailed });
    send({ type: 'measured', id: message.id, cpuMs: (cpu.user + cpu.system) / 1000, heapUsedBytes: memory.heapUsed, rssBytes: memory.rss });
    return;
  }
  if (message.type === 'stop') {
    behaving = false;
    for (const timer of timers) clearTimeout(timer);
    void Promise.allSettled(hosts.map((host) => host.stop())).then(() => process.exit(0));
  }
});
