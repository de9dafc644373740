import { REQUEST_NAMES, type EventName, type EventPayload, type Handlers, type RequestName } from '../../../shared/contract';
import { ok, type Result } from '../../../shared/result';
import type { Host, HostEndpoints, HostListener } from '../../types';

/**
 * A stand-in Host for the transports' tests (browser bridge and Electron IPC): it
 * records every call its handlers receive, answers `{ok: true, value: {echo: input}}`
 * unless a test replaces a handler, and lets the test emit events and set the
 * endpoints it reports.
 */
export interface FakeHost extends Pick<Host, 'handlers' | 'on' | 'pendingCount' | 'reconcile' | 'endpoints'> {
  calls: { method: RequestName; input: unknown }[];
  reconciles: string[];
  setHandler<N extends RequestName>(method: N, handler: (input: unknown) => Promise<Result<unknown>>): void;
  emit<N extends EventName>(event: N, payload: EventPayload<N>): void;
  listenerCount(event?: EventName): number;
  pending: number;
  /** What `endpoints()` answers; tests replace it. */
  currentEndpoints: HostEndpoints;
}

export function fakeHost(): FakeHost {
  const calls: FakeHost['calls'] = [];
  const overrides = new Map<RequestName, (input: unknown) => Promise<Result<unknown>>>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const handlers = Object.fromEntries(
    REQUEST_NAMES.map((method) => [
      method,
      async (input: unknown) => {
        calls.push({ method, input });
        const override = overrides.get(method);
        return override ? override(input) : ok({ echo: input });
      },
    ]),
  ) as unknown as Handlers;
  const fake: FakeHost = {
    calls,
    reconciles: [],
    pending: 0,
    currentEndpoints: { rest: null, eventBridge: null, eventBridgeWs: null, voiceSignaling: null },
    endpoints: () => fake.currentEndpoints,
    handlers,
    setHandler: (method, handler) => void overrides.set(method, handler),
    on<N extends EventName>(event: N, listener: HostListener<N>) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => void set.delete(wrapped);
    },
    emit: (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    listenerCount: (event) =>
      event ? (listeners.get(event)?.size ?? 0) : [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
    pendingCount: () => fake.pending,
    reconcile: async (reason) => void fake.reconciles.push(reason),
  };
  return fake;
}
