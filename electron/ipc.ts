import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { REQUEST_NAMES, ipcChannel, type Handlers } from '../shared/contract';
import { err, type Result } from '../shared/result';
import { deliverHostEvents, dispatchRequest } from '../host/transport/index';
import type { Host, Logger } from '../host/types';
import { isAppUrl } from './app-origin';

/**
 * The ONLY file that touches ipcMain. One handler per contract request, each
 * checking who is asking before the host sees anything.
 */

/**
 * A message is ours only when it comes from our main window's top frame showing
 * our own page. An iframe or a page navigated elsewhere (both are blocked by
 * window.ts, but a check costs nothing) could otherwise drive the host.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, mainContents: () => WebContents | null): boolean {
  const ours = mainContents();
  if (!ours || event.sender !== ours) return false;
  const frame = event.senderFrame;
  if (!frame || frame !== ours.mainFrame) return false;
  return isAppUrl(frame.url);
}

export const UNAUTHORIZED_SENDER: Result<never> = err('unauthorized', 'This request did not come from the agent desktop window and was ignored.');

export const HOST_NOT_STARTED: Result<never> = err('not_configured', 'The app is still starting. Try again in a moment.');

/**
 * Registers a handler per request; returns a function that removes them all.
 * `handlers` may be a function: the window opens before the host exists, and
 * until it does every request answers HOST_NOT_STARTED.
 */
export function registerIpcHandlers(handlers: Handlers | (() => Handlers | null), mainContents: () => WebContents | null, logger?: Logger): () => void {
  const current = typeof handlers === 'function' ? handlers : () => handlers;
  for (const name of REQUEST_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event, input: unknown) => {
      if (!isTrustedSender(event, mainContents)) {
        logger?.warn('ignored an IPC request from a foreign sender', { request: name, url: event.senderFrame?.url ?? null });
        return UNAUTHORIZED_SENDER;
      }
      const now = current();
      return now ? dispatchRequest(now, name, input) : HOST_NOT_STARTED;
    });
  }
  return () => {
    for (const name of REQUEST_NAMES) ipcMain.removeHandler(ipcChannel(name));
  };
}

/**
 * Pushes every host event to our window (and only ours), each checked against
 * the contract by the shared transport exactly as in browser mode; returns a
 * function that stops it.
 */
export function forwardHostEvents(host: Pick<Host, 'on'>, mainContents: () => WebContents | null, logger: Logger): () => void {
  return deliverHostEvents(
    host,
    (name, payload) => {
      const contents = mainContents();
      if (contents && !contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(ipcChannel(name), payload);
    },
    logger,
  );
}
