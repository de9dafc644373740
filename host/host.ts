import { checkHandlerOutputs } from '../shared/contract-check';
import type { HostOverrides } from './config/overrides';
import type { Clock, DemoEmulator, Host, Logger, SecretStore, SettingsStore } from './types';
import { createHostRuntime } from './runtime/host-runtime';
import { silentLogger } from './runtime/system-clock';

export interface HostDeps {
  clock?: Clock;
  secrets: SecretStore;
  settings: SettingsStore;
  logger?: Logger;
  /** From the environment and CLI (overridesFromEnv); they win over stored settings. */
  overrides?: HostOverrides;
  fetch?: typeof fetch;
  /**
   * Demo mode: starts the demo emulator. The launchers pass emulator/demo/embedded.ts
   * `startEmbeddedDemo`; tests inject their own. Without it the host has no demo mode
   * (demo mode then says so in the connection state): host/ never imports emulator/.
   */
  startDemo?: () => Promise<DemoEmulator>;
  /** Lifetime of minted worker tokens (default 3600 s); tests shorten it to exercise the refresh. */
  tokenTtlSeconds?: number;
  /**
   * Check every handler's answer against the contract's output schema (an answer
   * outside it is logged and becomes `internal`). Default: on unless
   * NODE_ENV=production; the packaged Electron app turns it off.
   */
  checkOutputs?: boolean;
  /**
   * Opens an https address in the system browser (Electron passes shell.openExternal behind its own https-only
   * check); without it the openExternal request answers not_configured and the page uses a plain link.
   */
  openExternal?: (url: string) => Promise<void>;
}

/** Creates the host. Nothing happens until `start()`; handlers answer `not_configured` until then. */
export function createHost(deps: HostDeps): Host {
  const host = createHostRuntime(deps);
  if (!(deps.checkOutputs ?? process.env.NODE_ENV !== 'production')) return host;
  const logger = deps.logger ?? silentLogger;
  const handlers = checkHandlerOutputs(host.handlers, (violation) => logger.error('a request answered outside the contract', { ...violation }));
  return { ...host, handlers };
}
