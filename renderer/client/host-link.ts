import type { AgentDesktopApi } from '../../shared/contract';

/** Whether the renderer can reach its host (the Electron main process or the browser bridge). */
export type HostStatus = 'connecting' | 'connected' | 'disconnected';

/** The contract API plus the state of the link that carries it. */
export interface HostLink {
  api: AgentDesktopApi;
  /** True when running inside Electron (the main process then owns OS notifications). */
  inElectron: boolean;
  status(): HostStatus;
  /** Called on every change of the link; a reconnect means events may have been missed. */
  onStatus(listener: (status: HostStatus) => void): () => void;
  close(): void;
}
