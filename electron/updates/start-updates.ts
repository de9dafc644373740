import type { BrowserWindow } from 'electron';
import type { Logger } from '../../host/types';
import type { WorkState } from './update-policy';
import { askToRestart } from './ask-restart';
import { createUpdateController, disabledUpdates, type UpdateController } from './update-controller';
import { platformUpdater } from './updater';

/** The first check waits for the window and the host; then every 4 hours. */
const FIRST_CHECK_AFTER_MS = 30_000;
const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;

/**
 * Auto-update as the app runs it: the platform's updater on the configured
 * feed (or "off" with the reason), checking on a schedule, deciding downloads
 * and restarts from the work state. `beforeRestart` stops what must stop before
 * the installer starts the new version (the host, the single-instance lock).
 */
export async function startUpdates(options: {
  env: NodeJS.ProcessEnv;
  isPackaged: boolean;
  resourcesPath: string | undefined;
  userData: string;
  logger: Logger;
  work(): WorkState;
  window(): BrowserWindow | null;
  beforeRestart(): Promise<void>;
}): Promise<UpdateController> {
  const made = await platformUpdater(options);
  if (!made.updater) {
    options.logger.info('updates are off', { reason: made.feed.reason });
    return disabledUpdates(made.feed.reason);
  }
  const controller = createUpdateController({
    updater: made.updater,
    work: options.work,
    askToRestart: (version) => askToRestart(options.window(), version),
    beforeRestart: options.beforeRestart,
    logger: options.logger,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    firstCheckAfterMs: FIRST_CHECK_AFTER_MS,
    checkEveryMs: CHECK_EVERY_MS,
  });
  controller.start();
  return controller;
}
