import { dialog, type BrowserWindow } from 'electron';
import { desktopT } from '../i18n';
import type { UpdateStatus } from './update-controller';

/** Asks whether to restart now for a downloaded update (asked only when nothing is in progress). */
export async function askToRestart(window: BrowserWindow | null, version: string): Promise<boolean> {
  const options = {
    type: 'info' as const,
    title: desktopT('desktop.update.readyTitle'),
    message: desktopT('desktop.update.readyMessage', { version }),
    detail: desktopT('desktop.update.readyDetail'),
    buttons: [desktopT('desktop.update.restartNow'), desktopT('desktop.update.later')],
    defaultId: 0,
    cancelId: 1,
  };
  const { response } = window && !window.isDestroyed() ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  return response === 0;
}

/** A sentence for Help → Check for Updates. */
export function describeUpdateStatus(status: UpdateStatus, running: string): string {
  const version = status.version ?? desktopT('desktop.update.newVersion');
  switch (status.state) {
    case 'off':
      return desktopT('desktop.update.off', { detail: status.detail ?? desktopT('desktop.update.noFeed') });
    case 'up-to-date':
      return desktopT('desktop.update.upToDate', { version: running });
    case 'waiting-to-download':
      return desktopT('desktop.update.waiting', { version });
    case 'downloading':
      return desktopT('desktop.update.downloading', { version });
    case 'downloaded':
    case 'waiting-to-restart':
      return desktopT('desktop.update.downloaded', { version });
    case 'restarting':
      return desktopT('desktop.update.restarting', { version });
    case 'error':
      return desktopT('desktop.update.failed', { detail: status.detail ?? desktopT('desktop.update.unknownError') });
    default:
      return desktopT('desktop.update.checking');
  }
}
