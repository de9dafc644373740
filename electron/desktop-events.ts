import type { WebContents } from 'electron';
import { checkEvent } from '../shared/contract-check';
import { ipcChannel, type EventPayload } from '../shared/contract';
import type { Logger } from '../host/types';
import { isAppUrl } from './app-origin';

/** The contract events the main process itself pushes (the host pushes the others, through ipc.ts). */
export type DesktopEventName = 'desktopCommand' | 'globalShortcutsChanged';

export type SendDesktopEvent = <N extends DesktopEventName>(name: N, payload: EventPayload<N>) => boolean;

/**
 * Pushes one of the main process's own events to our window: checked against
 * the contract like every host event, and only to our page once it has loaded
 * (a page still loading has not subscribed yet). Answers whether it was delivered.
 */
export function desktopEventSender(mainContents: () => WebContents | null, logger: Logger): SendDesktopEvent {
  return (name, payload) => {
    const checked = checkEvent(name, payload);
    if (!checked.ok) {
      logger.error('dropped an event outside the contract', { ...checked.violation });
      return false;
    }
    const contents = mainContents();
    if (!contents || contents.isDestroyed() || contents.isLoading() || !isAppUrl(contents.getURL())) return false;
    contents.send(ipcChannel(name), checked.payload);
    return true;
  };
}
