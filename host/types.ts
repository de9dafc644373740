import type { EventName, EventPayload, Handlers } from '../shared/contract';
import type { EmulatorReady } from './config/demo';

/**
 * The host is plain Node: it owns the Twilio clients, the credentials and the
 * reservation watcher. Electron (electron/) and the browser bridge
 * (host/browser-bridge/) only carry its handlers and events to a renderer.
 * Everything it touches outside itself is injected, so tests control it.
 */

/** Time, injected so tests can drive it. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Where secrets live: Electron's safeStorage in the app, memory (or a 0600 file) in browser mode and tests. */
export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

/** Where non-secret settings live (a JSON file in the user's config folder; memory in tests). */
export interface SettingsStore {
  load(): Promise<unknown>;
  save(value: unknown): Promise<void>;
}

export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

export type HostListener<N extends EventName> = (payload: EventPayload<N>) => void;

export interface Host {
  /** One handler per contract request; each parses its input and never throws. */
  readonly handlers: Handlers;
  /** Subscribe to a pushed event; returns the unsubscribe function. */
  on<N extends EventName>(event: N, listener: HostListener<N>): () => void;
  /** Connects with the current settings (demo, account or token URL). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Re-reads everything from TaskRouter (after sleep, network change, reconnect). */
  reconcile(reason: string): Promise<void>;
  /** Pending offers right now: for the tray, the window title, notifications. */
  pendingCount(): number;
  /** In demo mode, the embedded emulator's ready object (for the start script to print); null otherwise. */
  demo(): EmulatorReady | null;
}
