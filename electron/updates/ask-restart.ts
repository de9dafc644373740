import { dialog, type BrowserWindow } from 'electron';
import type { UpdateStatus } from './update-controller';

/** Asks whether to restart now for a downloaded update (asked only when nothing is in progress). */
export async function askToRestart(window: BrowserWindow | null, version: string): Promise<boolean> {
  const options = {
    type: 'info' as const,
    title: 'Update ready',
    message: `Agent Desktop ${version} is ready to install.`,
    detail: 'Restart now to install it? Nothing is in progress. If you choose Later, it installs when you quit the app.',
    buttons: ['Restart Now', 'Later'],
    defaultId: 0,
    cancelId: 1,
  };
  const { response } = window && !window.isDestroyed() ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  return response === 0;
}

/** A sentence for Help → Check for Updates. */
export function describeUpdateStatus(status: UpdateStatus, running: string): string {
  const version = status.version ?? 'a new version';
  switch (status.state) {
    case 'off':
      return `Updates are off: ${status.detail ?? 'no feed is configured'}.`;
    case 'up-to-date':
      return `Agent Desktop ${running} is up to date.`;
    case 'waiting-to-download':
      return `Version ${version} is available; it downloads once the call has ended.`;
    case 'downloading':
      return `Downloading version ${version}…`;
    case 'downloaded':
    case 'waiting-to-restart':
      return `Version ${version} is downloaded. The app restarts to install it only when no call, offer or task is in progress, and asks first; otherwise it installs when you quit.`;
    case 'restarting':
      return `Restarting to install version ${version}…`;
    case 'error':
      return `The update check failed: ${status.detail ?? 'unknown error'}.`;
    default:
      return 'Checking for updates…';
  }
}
