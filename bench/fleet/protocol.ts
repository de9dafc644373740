import type { EmulatorReadyInfo } from '../../emulator/test-support/emulator-ready';

/** What the fleet suite hands each agents process (as JSON in BENCH_FLEET_CONFIG). */
export interface AgentsProcessConfig {
  ready: EmulatorReadyInfo;
  /** The workers this process plays, one headless host each. */
  workerSids: string[];
  transport: 'subscribe' | 'poll';
  /** Pause between two host starts in this process: a center's agents log in over a while, not in one millisecond. */
  startIntervalMs: number;
}

export type AgentsRequest =
  /** From now on, act like agents on every offer (accept or reject after a think time, talk, wrap, complete). */
  | { type: 'behave'; on: boolean }
  | { type: 'measure'; id: number }
  | { type: 'stop' };

export type AgentsReply =
  | { type: 'started'; hosts: number; failed: number; startMs: number }
  /** A host first saw an offer (epoch ms with sub-ms precision, this machine's wall clock). */
  | { type: 'offer'; reservationSid: string; seenAt: number }
  | { type: 'connection'; worker: number; state: string; at: number }
  | { type: 'measured'; id: number; cpuMs: number; heapUsedBytes: number; rssBytes: number }
  /** Actions the agents took and how many failed (a refused accept on a rescinded offer is normal). */
  | { type: 'actions'; ok: number; failed: number };
