import type { Logger } from '../../host/types';
import { mayDownload, mayRestart, type WorkState } from './update-policy';

/** The part of electron-updater's AppUpdater the controller drives (tests pass the real one against a local feed). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'update-available' | 'update-not-available' | 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export type UpdateState =
  | 'off'
  | 'idle'
  | 'checking'
  | 'up-to-date'
  | 'waiting-to-download'
  | 'downloading'
  | 'downloaded'
  | 'waiting-to-restart'
  | 'restarting'
  | 'error';

export interface UpdateStatus {
  state: UpdateState;
  /** The version on offer, once the feed named one. */
  version: string | null;
  /** Why it waits, what failed, or where the feed is. */
  detail: string | null;
}

export interface UpdateControllerDeps {
  updater: UpdaterLike;
  work(): WorkState;
  /** Ask the agent whether to restart now; false means "later" (it then installs when the app quits). */
  askToRestart(version: string): Promise<boolean>;
  /** Stops what must stop before the installer starts the new version (the host, the single-instance lock). */
  beforeRestart?(): Promise<void>;
  logger: Logger;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /** First check this long after start (the host and the window come first), then every `checkEveryMs`. */
  firstCheckAfterMs: number;
  checkEveryMs: number;
}

export interface UpdateController {
  start(): void;
  /** A check now (Help → Check for Updates); resolves with the status once the feed answered. */
  checkNow(): Promise<UpdateStatus>;
  /** Call on every change of the work state: a wait for the call or the offers to end may be over. */
  workChanged(): void;
  status(): UpdateStatus;
  stop(): void;
}

/**
 * Checks the feed on a schedule; downloads when no call is up; installs by
 * restarting only when no call, offer or task is in progress AND the agent
 * agrees (checked again at the moment of the answer). A declined or
 * impossible restart leaves the update to install when the app quits.
 */
export function createUpdateController(deps: UpdateControllerDeps): UpdateController {
  const { updater, logger } = deps;
  let status: UpdateStatus = { state: 'idle', version: null, detail: null };
  let timer: unknown = null;
  let asking = false;
  /** The agent said "later" to this download: do not ask again until the next check. */
  let declined = false;
  let stopped = false;

  const set = (state: UpdateState, detail: string | null = null) => {
    status = { ...status, state, detail };
    logger.info('update', { state, version: status.version, detail });
  };

  // The controller decides when to download and when to restart; the app installing on quit is what "later" means.
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = true;

  function tryDownload(): void {
    if (status.state === 'downloading' || status.state === 'downloaded' || status.state === 'waiting-to-restart') return;
    const verdict = mayDownload(deps.work());
    if (!verdict.ok) return set('waiting-to-download', verdict.reason);
    set('downloading');
    updater.downloadUpdate().catch((error: unknown) => set('error', `download failed: ${messageOf(error)}`));
  }

  async function tryRestart(): Promise<void> {
    if (asking || declined || stopped) return;
    const before = mayRestart(deps.work());
    if (!before.ok) return set('waiting-to-restart', before.reason);
    asking = true;
    set('downloaded', 'asking the agent to restart');
    const agreed = await deps.askToRestart(status.version ?? 'new').catch(() => false);
    asking = false;
    if (!agreed) {
      declined = true;
      return set('downloaded', 'installs when the app quits');
    }
    // The dialog may have been open for minutes: an offer or a call may have come in since.
    const now = mayRestart(deps.work());
    if (!now.ok) return set('waiting-to-restart', now.reason);
    set('restarting');
    await deps.beforeRestart?.();
    // Not silent (the installer may show its progress), and start the new version afterwards.
    updater.quitAndInstall(false, true);
  }

  updater.on('update-available', (info) => {
    status = { ...status, version: info.version };
    tryDownload();
  });
  updater.on('update-not-available', (info) => {
    status = { ...status, version: info.version };
    set('up-to-date');
  });
  updater.on('update-downloaded', (info) => {
    status = { ...status, version: info.version };
    set('downloaded');
    void tryRestart();
  });
  updater.on('error', (error) => {
    // The feed being down is not the agent's problem: log, show in diagnostics, try again at the next check.
    if (status.state !== 'downloaded' && status.state !== 'waiting-to-restart') set('error', messageOf(error));
  });

  async function check(): Promise<UpdateStatus> {
    if (stopped) return status;
    // A downloaded update waits for its restart; checking again would only download it again.
    if (status.state === 'downloaded' || status.state === 'waiting-to-restart' || status.state === 'restarting') {
      declined = false;
      void tryRestart();
      return status;
    }
    set('checking');
    try {
      await updater.checkForUpdates();
    } catch (error) {
      set('error', messageOf(error));
    }
    return status;
  }

  const schedule = (ms: number) => {
    timer = deps.setTimer(() => {
      void check().finally(() => {
        if (!stopped) schedule(deps.checkEveryMs);
      });
    }, ms);
  };

  return {
    start() {
      stopped = false;
      schedule(deps.firstCheckAfterMs);
    },
    checkNow: check,
    workChanged() {
      if (status.state === 'waiting-to-download') tryDownload();
      else if (status.state === 'waiting-to-restart') void tryRestart();
    },
    status: () => status,
    stop() {
      stopped = true;
      if (timer !== null) deps.clearTimer(timer);
      timer = null;
    },
  };
}

/** An updater that is off (no feed configured): it says why, and does nothing. */
export function disabledUpdates(reason: string): UpdateController {
  const status: UpdateStatus = { state: 'off', version: null, detail: reason };
  return { start() {}, checkNow: async () => status, workChanged() {}, status: () => status, stop() {} };
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
