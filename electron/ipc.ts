import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { EVENT_NAMES, REQUEST_NAMES, ipcChannel, type Handlers } from '../shared/contract';
import { err, type Result } from '../shared/result';
import { dispatchRequest } from '../host/browser-bridge/dispatch';
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

/** Registers a handler per request; returns a function that removes them all. */
export function registerIpcHandlers(handlers: Handlers, mainContents: () => WebContents | null, logger?: Logger): () => void {
  for (const name of REQUEST_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event, input: unknown) => {
      if (!isTrustedSender(event, mainContents)) {
        logger?.warn('ignored an IPC request from a foreign sender', { request: name, url: event.senderFrame?.url ?? null });
        return UNAUTHORIZED_SENDER;
      }
      return dispatchRequest(handlers, name, input);
    });
  }
  return () => {
    for (const name of REQUEST_NAMES) ipcMain.removeHandler(ipcChannel(name));
  };
}

/** Pushes every host event to our window (and only ours); returns a function that stops it. */
export function forwardHostEvents(host: Pick<Host, 'on'>, mainContents: () => WebContents | null): () => void {
  const unsubscribes = EVENT_NAMES.map((name) =>
    host.on(name, (payload: unknown) => {
      const contents = mainContents();
      if (contents && !contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(ipcChannel(name), payload);
    }),
  );
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}
