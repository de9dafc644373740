import type { AgentDesktopApi } from '../../shared/contract';
import type { HostLink } from './host-link';
import { bridgeUrl, takeBridgeSecret } from './secret';
import { createWsClient } from './ws-client';

export type { HostLink, HostStatus } from './host-link';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in browser mode. */
    agentDesktop?: AgentDesktopApi;
  }
}

/** Wraps the preload's API: IPC to the main process is always up while the window lives. */
function electronLink(api: AgentDesktopApi): HostLink {
  return { api, inElectron: true, status: () => 'connected', onStatus: () => () => undefined, close: () => undefined };
}

/** The contract client: the Electron preload when present, else the browser bridge's WebSocket. */
export function connectToHost(): HostLink | null {
  if (window.agentDesktop) return electronLink(window.agentDesktop);
  const secret = takeBridgeSecret();
  if (!secret) return null;
  return createWsClient({ url: bridgeUrl(secret) });
}
