import { BRIDGE_CLOSE_CODES, EVENT_NAMES, REQUEST_NAMES, eventListenerName, events, type AgentDesktopApi, type BridgeServerMessage, type EventName } from '../../shared/contract';
import { err, type Result } from '../../shared/result';
import type { HostLink, HostStatus } from './host-link';

/** What went wrong between this window and the host (not TaskRouter): the UI words each one (`error.hostLink.<problem>`). */
const hostLink = (problem: 'dropped' | 'unreadable' | 'disconnected' | 'timeout') => ({ params: { hostLink: problem } });

/** The subset of the WebSocket API the client uses, so tests can pass a fake. */
export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  /** A browser CloseEvent carries the close code (the bridge's own codes are BRIDGE_CLOSE_CODES). */
  onclose: ((ev: { code?: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}

export interface WsClientOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** Backoff for reconnects: attempt → milliseconds. */
  backoffMs?: (attempt: number) => number;
  /** A request whose answer never comes fails after this long. */
  requestTimeoutMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /**
   * Asked when a socket closed before it ever opened: does the bridge still accept our secret?
   * A browser hides the HTTP status of a refused upgrade, so this asks the bridge (POST /bridge).
   */
  checkSecret?: () => Promise<SecretVerdict>;
  /** Reloads the page (the bridge asked: its CSP changed). */
  reload?: () => void;
}

/** `refused`: the bridge answered 403 (a stale secret); `unknown`: no answer (it is down or restarting). */
export type SecretVerdict = 'accepted' | 'refused' | 'unknown';

/** Asks the bridge at the WebSocket's own address (ws → http) whether it would accept the secret in it. */
export async function checkSecretOverHttp(wsUrl: string, fetchImpl: typeof fetch = (input, init) => fetch(input, init)): Promise<SecretVerdict> {
  try {
    const response = await fetchImpl(wsUrl.replace(/^ws/, 'http'), { method: 'POST', cache: 'no-store', credentials: 'omit' });
    return response.status === 403 ? 'refused' : response.ok ? 'accepted' : 'unknown';
  } catch {
    return 'unknown';
  }
}

const OPEN = 1;
const defaultBackoff = (attempt: number) => Math.min(250 * 2 ** attempt, 5_000);

type Pending = { resolve: (result: Result<unknown>) => void; timer: unknown };

/**
 * The contract over the browser bridge's WebSocket: one method per request
 * (generated from REQUEST_NAMES), one `onX` per event (from EVENT_NAMES).
 * Requests carry ids; answers are matched by id. When the socket drops, pending
 * requests fail with `network` and the client reconnects with backoff.
 */
export function createWsClient(options: WsClientOptions): HostLink {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const backoff = options.backoffMs ?? defaultBackoff;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const checkSecret = options.checkSecret ?? (() => checkSecretOverHttp(options.url));
  const reload = options.reload ?? (() => window.location.reload());

  let socket: SocketLike | null = null;
  let status: HostStatus = 'connecting';
  let nextId = 1;
  let attempt = 0;
  let closed = false;
  let reconnectTimer: unknown = null;
  const pending = new Map<number, Pending>();
  const eventListeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(status: HostStatus) => void>();

  const setStatus = (next: HostStatus) => {
    if (next === status) return;
    status = next;
    for (const listener of statusListeners) listener(next);
  };

  const failAllPending = () => {
    for (const [id, entry] of pending) {
      clearTimer(entry.timer);
      entry.resolve(err('network', 'The connection to the desktop host dropped before it answered. Try again once it is back.', hostLink('dropped')));
      pending.delete(id);
    }
  };

  const handleMessage = (data: unknown) => {
    if (typeof data !== 'string') return;
    let message: BridgeServerMessage;
    try {
      message = JSON.parse(data) as BridgeServerMessage;
    } catch {
      return;
    }
    if (message?.type === 'response' && typeof message.id === 'number') {
      const entry = pending.get(message.id);
      if (!entry) return;
      pending.delete(message.id);
      clearTimer(entry.timer);
      const result = message.result;
      const wellFormed = result && typeof result === 'object' && (result.ok === true || (result.ok === false && typeof result.error?.code === 'string'));
      entry.resolve(wellFormed ? result : err('internal', 'The desktop host sent an answer this window could not read.', hostLink('unreadable')));
    } else if (message?.type === 'event' && (EVENT_NAMES as string[]).includes(message.event)) {
      // Events are parsed against the contract so a malformed push never reaches the store.
      const parsed = events[message.event].safeParse(message.payload);
      if (!parsed.success) return;
      for (const listener of eventListeners.get(message.event) ?? []) listener(parsed.data);
    }
  };

  const scheduleReconnect = () => {
    if (closed) return;
    reconnectTimer = setTimer(connect, backoff(attempt++));
  };

  /** Stops for good: status `refused`, no timer, no socket. */
  const stop = (final: HostStatus) => {
    closed = true;
    if (reconnectTimer !== null) clearTimer(reconnectTimer);
    setStatus(final);
  };

  const connect = () => {
    if (closed) return;
    setStatus('connecting');
    const current = createSocket(options.url);
    let opened = false;
    socket = current;
    current.onopen = () => {
      opened = true;
      attempt = 0;
      setStatus('connected');
    };
    current.onmessage = (ev) => handleMessage(ev.data);
    current.onerror = () => {
      /* onclose follows and schedules the reconnect */
    };
    current.onclose = (ev) => {
      if (socket !== current) return;
      socket = null;
      failAllPending();
      if (closed) return;
      if (ev?.code === BRIDGE_CLOSE_CODES.reload) {
        // The host now uses endpoints this page's CSP does not allow: load the page again for the new policy.
        stop('disconnected');
        reload();
        return;
      }
      setStatus('disconnected');
      if (opened) return scheduleReconnect();
      // Never opened: the bridge is down (retry), or it refuses our secret (the app restarted with a
      // new one). Retrying a refused secret would spin forever without telling the agent anything.
      void checkSecret().then((verdict) => {
        if (closed) return;
        if (verdict === 'refused') stop('refused');
        else scheduleReconnect();
      });
    };
  };

  const call = (method: string, input: unknown): Promise<Result<unknown>> => {
    if (!socket || socket.readyState !== OPEN) {
      return Promise.resolve(err('network', 'This window is not connected to the desktop host right now. It reconnects by itself; try again in a moment.', hostLink('disconnected')));
    }
    const id = nextId++;
    return new Promise((resolve) => {
      const timer = setTimer(() => {
        if (pending.delete(id)) resolve(err('network', 'The desktop host did not answer in time. Try again.', hostLink('timeout')));
      }, requestTimeoutMs);
      pending.set(id, { resolve, timer });
      socket!.send(JSON.stringify({ type: 'request', id, method, input }));
    });
  };

  const api: Record<string, unknown> = {};
  for (const name of REQUEST_NAMES) api[name] = (input: unknown) => call(name, input);
  for (const name of EVENT_NAMES) {
    api[eventListenerName(name)] = (listener: (payload: unknown) => void) => {
      const set = eventListeners.get(name) ?? new Set();
      eventListeners.set(name, set);
      set.add(listener);
      return () => set.delete(listener);
    };
  }

  connect();

  return {
    api: api as unknown as AgentDesktopApi,
    inElectron: false,
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    close() {
      closed = true;
      if (reconnectTimer !== null) clearTimer(reconnectTimer);
      socket?.close();
      failAllPending();
      if (status !== 'refused') setStatus('disconnected');
    },
  };
}
