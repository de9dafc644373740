import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostProcessConfig, HostProcessReply, HostProcessRequest } from './host-process-protocol';

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'host-process.ts');

export interface HostMeasurement {
  /** CPU (user + system) the host process used since it started, ms. */
  cpuMs: number;
  heapUsedBytes: number;
  rssBytes: number;
}

export interface SpawnedHost {
  /** The page address (with the bridge secret). */
  url: string;
  pid: number;
  /** CPU and memory of the host process; with `gc`, after two full garbage collections. */
  measure(options?: { gc?: boolean }): Promise<HostMeasurement>;
  stop(): Promise<void>;
}

/** Starts the host (+ browser bridge) in its own Node process and resolves once the page can be opened. */
export async function spawnHost(config: HostProcessConfig, readyTimeoutMs = 60_000): Promise<SpawnedHost> {
  const child: ChildProcess = fork(entry, [], {
    // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the host process too (written when it exits).
    execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    env: { ...process.env, BENCH_HOST_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const send = (message: HostProcessRequest) => {
    if (!child.connected) throw new Error(`the host process is gone (exit code ${child.exitCode}, signal ${child.signalCode})`);
    child.send(message);
  };
  // A dying host must say so, not vanish: the suite's own error names the step that noticed.
  child.on('exit', (code, signal) => {
    if (code !== 0 && code !== null) console.error(`bench: the host process exited with code ${code}`);
    if (signal && signal !== 'SIGKILL' && signal !== 'SIGTERM') console.error(`bench: the host process died of ${signal}`);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host process was not ready within ${readyTimeoutMs} ms`)), readyTimeoutMs);
    child.on('message', function onReady(message: HostProcessReply) {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      child.off('message', onReady);
      resolve(message.url);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the host process exited with code ${code} before it was ready`));
    });
  });
  let nextId = 1;
  return {
    url,
    pid: child.pid!,
    measure: ({ gc = false } = {}) =>
      new Promise<HostMeasurement>((resolve, reject) => {
        const id = nextId++;
        const timer = setTimeout(() => reject(new Error('the host process did not answer a measurement within 30 s')), 30_000);
        const onMessage = (message: HostProcessReply) => {
          if (message.type !== 'measured' || message.id !== id) return;
          clearTimeout(timer);
          child.off('message', onMessage);
          if (gc && !message.gcExposed) reject(new Error('the host process runs without --expose-gc'));
          else resolve({ cpuMs: message.cpuMs, heapUsedBytes: message.heapUsedBytes, rssBytes: message.rssBytes });
        };
        child.on('message', onMessage);
        try {
          send({ type: 'measure', id, gc });
        } catch (error) {
          clearTimeout(timer);
          reject(error);
        }
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        if (!child.connected) {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          return;
        }
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        send({ type: 'stop' });
      }),
  };
}
