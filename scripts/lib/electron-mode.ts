import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseReadyLine, REPORT_READY_ENV, type ReadyLine } from '../../electron/ready-line';
import type { Logger } from '../../host/types';
import { ELECTRON_MAIN_OUT } from './paths';

export interface ElectronMode {
  ready: ReadyLine;
  child: ChildProcess;
  /** Resolves when the app exits (the agent quit it). */
  exited: Promise<number | null>;
  close(): Promise<void>;
}

/** How long Electron may take to show its window before browser mode is used instead. */
const ELECTRON_START_TIMEOUT_MS = 30_000;

/**
 * Starts the Electron app (built main) and waits for its ready line on stdout.
 * Rejects when it exits or stays silent first, so the caller can fall back to
 * browser mode. Host flags are passed through; the environment carries the rest.
 */
export function startElectronMode(options: { binary: string; hostArgs: string[]; logger: Logger; startTimeoutMs?: number }): Promise<ElectronMode> {
  const startTimeoutMs = options.startTimeoutMs ?? ELECTRON_START_TIMEOUT_MS;
  // Chromium refuses to run as root with its sandbox on; the renderer is still isolated by contextIsolation.
  const rootArgs = typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [];
  if (rootArgs.length) options.logger.warn('running as root: Electron is started with --no-sandbox');
  const child = spawn(options.binary, [...rootArgs, ELECTRON_MAIN_OUT, ...options.hostArgs], {
    env: { ...process.env, [REPORT_READY_ENV]: '1', ELECTRON_ENABLE_LOGGING: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`Electron did not show its window within ${startTimeoutMs / 1000} s`));
    }, startTimeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`Electron could not be started: ${error.message}`));
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Electron exited (code ${code}) before its window was ready`));
    });
    // Electron's stdout carries only the ready line; anything else is a log and goes to stderr.
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const ready = parseReadyLine(line);
      if (!ready) return void process.stderr.write(`${line}\n`);
      clearTimeout(timer);
      resolve({ ready, child, exited, close });
    });
  });
}
