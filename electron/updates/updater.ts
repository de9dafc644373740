import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { autoUpdater, type AppUpdater } from 'electron-updater';
import type { Logger } from '../../host/types';
import { chooseFeed, feedConfigYaml, type FeedChoice } from './update-feed';

export interface UpdaterContext {
  isPackaged: boolean;
  userData: string;
  logger: Logger;
}

/**
 * The platform's electron-updater (NSIS on Windows, Squirrel.Mac on macOS,
 * AppImage or deb on Linux) pointed at the chosen feed, or the reason there is
 * none. Created only when a feed exists: electron-updater's `autoUpdater` picks
 * its class on first use.
 */
export async function platformUpdater(
  options: UpdaterContext & { env: NodeJS.ProcessEnv; resourcesPath: string | undefined },
): Promise<{ updater: AppUpdater; feed: FeedChoice } | { updater: null; feed: FeedChoice & { kind: 'none' } }> {
  const hasAppUpdateYml = Boolean(options.resourcesPath && existsSync(join(options.resourcesPath, 'app-update.yml')));
  const feed = chooseFeed(options.env, { isPackaged: options.isPackaged, hasAppUpdateYml });
  if (feed.kind === 'none') return { updater: null, feed };
  return { updater: await configureUpdater(autoUpdater, feed, options), feed };
}

/** Logs through ours, and for a feed given at run time writes its config file and points the updater at it. */
export async function configureUpdater<U extends AppUpdater>(updater: U, feed: FeedChoice & { kind: 'url' | 'packaged' }, context: UpdaterContext): Promise<U> {
  const { logger } = context;
  updater.logger = { info: (m: unknown) => logger.info(String(m)), warn: (m: unknown) => logger.warn(String(m)), error: (m: unknown) => logger.error(String(m)) };
  if (feed.kind === 'url') {
    const configPath = join(context.userData, 'update-feed.yml');
    await writeFile(configPath, feedConfigYaml(feed.url), { mode: 0o600 });
    updater.updateConfigPath = configPath;
    // A development run (no installer) still checks and downloads, so a feed can be tried before shipping.
    if (!context.isPackaged) updater.forceDevUpdateConfig = true;
  }
  return updater;
}
