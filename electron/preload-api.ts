import { EVENT_NAMES, REQUEST_NAMES, eventListenerName, ipcChannel, type AgentDesktopApi } from '../shared/contract';

/** The slice of ipcRenderer the preload uses; injected so tests can run it without Electron. */
export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (...args: unknown[]) => void): unknown;
}

/**
 * Builds `window.agentDesktop` from the contract's names: one function per
 * request and one `onX(listener) → unsubscribe` per event. Nothing else: no raw
 * ipcRenderer, no generic send/on(channel), so the page can reach exactly the
 * contract. The IPC event object is never handed to the page (its `sender` is
 * ipcRenderer itself).
 */
export function createAgentDesktopApi(ipc: PreloadIpc): AgentDesktopApi {
  const api: Record<string, unknown> = {};
  for (const name of REQUEST_NAMES) {
    api[name] = (input: unknown) => ipc.invoke(ipcChannel(name), input);
  }
  for (const name of EVENT_NAMES) {
    api[eventListenerName(name)] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${eventListenerName(name)} needs a function`);
      const relay = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(ipcChannel(name), relay);
      return () => void ipc.removeListener(ipcChannel(name), relay as (...args: unknown[]) => void);
    };
  }
  return Object.freeze(api) as AgentDesktopApi;
}
