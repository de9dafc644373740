import { REQUEST_NAMES, type Handlers } from '../../shared/contract';
import { err } from '../../shared/result';
import type { HostDeps } from '../host';
import type { Host } from '../types';

// SKELETON: replaced by the real wiring in the next commits.
export function assembleHost(_deps: HostDeps): Host {
  const handlers = Object.fromEntries(
    REQUEST_NAMES.map((name) => [name, async () => err('not_configured', 'The host is not started yet.')]),
  ) as unknown as Handlers;
  return {
    handlers,
    on: () => () => undefined,
    start: async () => undefined,
    stop: async () => undefined,
    reconcile: async () => undefined,
    pendingCount: () => 0,
    demo: () => null,
  };
}
