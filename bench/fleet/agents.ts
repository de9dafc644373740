import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgentsProcessConfig, AgentsReply, AgentsRequest } from './protocol';

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'agents-process.ts');

/** One agents process seen from the fleet suite. */
export interface AgentsProcess {
  pid: number;
  hosts: number;
  failedStarts: number;
  startMs: number;
  send(message: AgentsRequest): void;
  measure(): Promise<{ cpuMs: number; heapUsedBytes: number; rssBytes: number; actionsOk: number; actionsFailed: number }>;
  stop(): Promise<void>;
}

/** Forks an agents process and resolves once every host in it has started; `onReply` sees every message. */
export async function spawnAgents(config: AgentsProcessConfig, onReply: (message: AgentsReply) => void, startTimeoutMs = 240_000): Promise<AgentsProcess> {
  const child: ChildProcess = fork(entry, [], {
    // BENCH_CPU_PROF=<dir>: a V8 CPU profile of each agents process, to see where a fleet's time goes.
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    env: { ...process.env, BENCH_FLEET_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.on('message', onReply);
  const started = await new Promise<Extract<AgentsReply, { type: 'started' }>>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`agents process did not start its ${config.workerSids.length} hosts within ${startTimeoutMs} ms`)), startTimeoutMs);
    child.on('message', (message: AgentsReply) => {
      if (message.type !== 'started') return;
      clearTimeout(timer);
      resolve(message);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`agents process exited with code ${code} while starting`));
    });
  });
  let nextId = 1;
  let actions = { ok: 0, failed: 0 };
  child.on('message', (message: AgentsReply) => {
    if (message.type === 'actions') actions = { ok: message.ok, failed: message.failed };
  });
  return {
    pid: child.pid!,
    hosts: started.hosts,
    failedStarts: started.failed,
    startMs: started.startMs,
    send: (message) => child.send(message),
    measure: () =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => reject(new Error('agents process did not answer a measurement within 30 s')), 30_000);
        const onMessage = (message: AgentsReply) => {
          if (message.type !== 'measured' || message.id !== id) return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve({ cpuMs: message.cpuMs, heapUsedBytes: message.heapUsedBytes, rssBytes: message.rssBytes, actionsOk: actions.ok, actionsFailed: actions.failed });
        };
        child.on('message', onMessage);
        child.send({ type: 'measure', id });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send({ type: 'stop' });
      }),
  };
}
