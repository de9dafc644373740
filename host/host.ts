import type { HostOverrides } from './config/overrides';
import type { DemoEmulator } from './config/demo';
import type { Clock, Host, Logger, SecretStore, SettingsStore } from './types';
import { createHostRuntime } from './runtime/host-runtime';

export interface HostDeps {
  clock?: Clock;
  secrets: SecretStore;
  settings: SettingsStore;
  logger?: Logger;
  /** From the environment and CLI (overridesFromEnv); they win over stored settings. */
  overrides?: HostOverrides;
  fetch?: typeof fetch;
  /** Demo mode: starts the embedded emulator (default: emulator/index.ts startEmulator with traffic 'demo'); tests inject their own. */
  startDemo?: () => Promise<DemoEmulator>;
  /** Lifetime of minted worker tokens (default 3600 s); tests shorten it to exercise the refresh. */
  tokenTtlSeconds?: number;
  /**
   * Opens an https address in the system browser (Electron passes shell.openExternal behind its own https-only
   * check); without it the openExternal request answers not_configured and the page uses a plain link.
   */
  openExternal?: (url: string) => Promise<void>;
}

/** Creates the host. Nothing happens until `start()`; handlers answer `not_configured` until then. */
export function createHost(deps: HostDeps): Host {
  return createHostRuntime(deps);
}
