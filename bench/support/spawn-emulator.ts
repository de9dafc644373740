import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmulatorReadyInfo } from '../../emulator/test-support/emulator-ready';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface SpawnedEmulator {
  ready: EmulatorReadyInfo;
  /** The emulator's own process (node with the tsx loader, no wrapper), for CPU accounting. */
  pid: number;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  args?: string[];
  /** Extra node flags for the emulator process, e.g. ['--cpu-prof', '--cpu-prof-dir=…']. */
  nodeFlags?: string[];
  readyTimeoutMs?: number;
}

/**
 * Starts the emulator CLI as a child process (so the load generator does not share its
 * event loop) and resolves with its one-line JSON ready announcement.
 */
export async function spawnEmulator(options: SpawnOptions = {}): Promise<SpawnedEmulator> {
  const { args = ['--port', '0', '--traffic', 'off'], nodeFlags = [], readyTimeoutMs = 30_000 } = options;
  // `node --import tsx` rather than the tsx binary: one process, whose pid is the server's.
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', path.join(repoRoot, 'emulator', 'cli.ts'), ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<EmulatorReadyInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator printed no ready line within ${readyTimeoutMs} ms`)), readyTimeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line) as EmulatorReadyInfo);
      } catch {
        reject(new Error(`emulator's first stdout line is not JSON: ${line}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited with code ${code} before it was ready`));
    });
  });
  return { ready, pid: child.pid!, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  // Already gone (exited, or killed by a signal: then exitCode stays null).
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
