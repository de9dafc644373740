import type { EmulatorReadyInfo } from '../../emulator/test-support/emulator-ready';

/** What spawn-host.ts hands host-process.ts (as JSON in BENCH_HOST_CONFIG). */
export interface HostProcessConfig {
  ready: EmulatorReadyInfo;
  workerSid: string;
  transport: 'subscribe' | 'poll';
  rendererDir: string;
  /** The stored settings the host starts with (null: defaults). */
  settings?: unknown;
}

export type HostProcessRequest = { type: 'measure'; id: number; gc: boolean } | { type: 'stop' };

export type HostProcessReply =
  | { type: 'ready'; url: string }
  | { type: 'measured'; id: number; cpuMs: number; heapUsedBytes: number; rssBytes: number; gcExposed: boolean };
