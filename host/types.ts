import type { EventName, EventPayload, Handlers } from '../shared/contract';

/**
 * The host is plain Node: it owns the Twilio clients, the credentials and the
 * reservation watcher. Electron (electron/) and the browser bridge
 * (host/browser-bridge/) only carry its handlers and events to a renderer,
 * both through host/transport/.
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

/**
 * What the host needs of a demo emulator: where it listens and the credentials
 * it seeded. The host never starts one itself; a launcher injects
 * `HostDeps.startDemo` (emulator/demo/embedded.ts). The emulator's own ready
 * object has more fields, which pass through untouched (`host.demo()`).
 */
export interface DemoReady {
  url: string;
  accountSid: string;
  apiKeySid: string;
  apiKeySecret: string;
  workspaceSid: string;
  workers: readonly { sid: string }[];
}

/** A running demo emulator as the host holds it. */
export interface DemoEmulator {
  ready: DemoReady;
  close(): Promise<void>;
}

/**
 * The services the current connection talks to, as absolute URLs (Twilio's
 * own when nothing points elsewhere); null when a service is not used (not
 * configured yet, or token URL mode, which makes no REST calls). The shells
 * derive the page's CSP connect-src from it (host/transport/connect-sources.ts).
 */
export interface HostEndpoints {
  /** Base URL of the REST calls (TaskRouter, API 2010). */
  rest: string | null;
  /** The Worker SDK's EventBridge HTTP endpoint (`ebServer`). */
  eventBridge: string | null;
  /** The Worker SDK's EventBridge WebSocket (`wsServer`). */
  eventBridgeWs: string | null;
  /** Where the page's Voice SDK Device opens its signaling socket. */
  voiceSignaling: string | null;
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
  /** How many event listeners are registered: diagnostics, and the leak test (a stopped host's owners remove theirs). */
  listenerCount(): number;
  /** In demo mode, the embedded emulator's ready object (for the start script to print); null otherwise. */
  demo(): DemoReady | null;
  /** The endpoints the current connection uses (all null until one is configured). */
  endpoints(): HostEndpoints;
}
