import { homedir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedDemo } from '../../emulator/demo/embedded';
import { startBrowserBridge, type BrowserBridge } from '../../host/browser-bridge/index';
import { createHost, fileSettingsStore, memorySecretStore, memorySettingsStore, type HostOverrides, type Logger } from '../../host/index';
import type { Host, SettingsStore } from '../../host/types';
import { RENDERER_OUT } from './paths';

/**
 * Where browser mode keeps settings: AGENT_DESKTOP_SETTINGS_FILE if set
 * (":memory:" keeps nothing), else the user's config folder. Secrets are never
 * written in browser mode: they live in memory and come from the environment
 * or the Settings form each launch.
 */
export function browserSettingsStore(env: NodeJS.ProcessEnv = process.env): SettingsStore {
  const configured = env.AGENT_DESKTOP_SETTINGS_FILE;
  if (configured === ':memory:') return memorySettingsStore();
  const configHome = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return fileSettingsStore(configured || join(configHome, 'taskrouter-agent-desktop', 'browser-settings.json'));
}

export interface BrowserMode {
  host: Host;
  bridge: BrowserBridge;
  close(): Promise<void>;
}

/** The host in this process, with the embedded demo emulator when in demo mode, behind the browser bridge. */
export async function startBrowserMode(options: { port: number; overrides: HostOverrides; logger: Logger }): Promise<BrowserMode> {
  const host = createHost({
    secrets: memorySecretStore(),
    settings: browserSettingsStore(),
    logger: options.logger,
    overrides: options.overrides,
    startDemo: startEmbeddedDemo,
  });
  await host.start();
  let bridge: BrowserBridge;
  try {
    // The page's CSP follows host.endpoints(): the demo emulator, an emulator of your own, or Twilio.
    bridge = await startBrowserBridge({ host, port: options.port, rendererDir: RENDERER_OUT, logger: options.logger });
  } catch (error) {
    await host.stop();
    throw error;
  }
  return {
    host,
    bridge,
    close: async () => {
      await bridge.close();
      await host.stop();
    },
  };
}
