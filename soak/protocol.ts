import type { Snapshot } from '../shared/model';

/** What the soak asks of its host process (over the fork() IPC channel). */
export type HostCommand =
  | { id: number; cmd: 'reconcile'; reason: string }
  | { id: number; cmd: 'switchWorker'; workerSid: string }
  | { id: number; cmd: 'snapshot' }
  | { id: number; cmd: 'stats' }
  | { id: number; cmd: 'stop' };

/** A command before the soak numbers it. */
export type HostRequest = HostCommand extends infer C ? (C extends { id: number } ? Omit<C, 'id'> : never) : never;

/** The host process after a garbage collection. */
export interface HostStats {
  heapUsed: number;
  rss: number;
  /** process.getActiveResourcesInfo() counted by kind: Timeout, TCPSocketWrap… */
  resources: Record<string, number>;
  pendingCount: number;
}

/** The answer to a command (id 0 is the ready message, with the page's address). */
export interface HostReply {
  id: number;
  ok: boolean;
  url?: string;
  snapshot?: Snapshot;
  stats?: HostStats;
}
