import { dialog, type BrowserWindow } from 'electron';
import { desktopT } from './i18n';

/**
 * A failed start (a bad flag, `host.start()` rejecting) must never leave a
 * ghost: no window, an unhandled rejection, and the single-instance lock held
 * so that the next launch does nothing. The agent sees the error and chooses.
 */

export type StartChoice = 'retry' | 'quit';

/**
 * Runs `attempt` until it succeeds (true) or the agent chooses Quit (false).
 * Never rejects: a failing attempt, or a failing question, becomes a choice.
 * `recover` runs after each failure, before asking (release what the attempt
 * may have left half-started).
 */
export async function startWithRetry(options: {
  attempt: () => Promise<void>;
  ask: (message: string) => Promise<StartChoice>;
  recover?: () => Promise<void>;
  onError?: (message: string) => void;
}): Promise<boolean> {
  for (;;) {
    try {
      await options.attempt();
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      options.onError?.(message);
      await options.recover?.().catch(() => undefined);
      const choice = await options.ask(message).catch((): StartChoice => 'quit');
      if (choice === 'quit') return false;
    }
  }
}

/**
 * Asks with a native dialog, attached to the window when there is one: it
 * works even when the page could not load, and needs no contract request.
 */
export async function askAfterStartFailure(window: BrowserWindow | null, message: string): Promise<StartChoice> {
  const options = {
    type: 'error' as const,
    title: desktopT('desktop.startFailed.title'),
    message: desktopT('desktop.startFailed.message'),
    detail: desktopT('desktop.startFailed.detail', { error: message }),
    buttons: [desktopT('desktop.startFailed.retry'), desktopT('desktop.startFailed.quit')],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  };
  const { response } = window && !window.isDestroyed() ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
  return response === 0 ? 'retry' : 'quit';
}
