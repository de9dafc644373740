import type { AgentDesktopApi } from '../../shared/contract';

/**
 * Whether the renderer can reach its host (the Electron main process or the browser bridge).
 * `refused`: the bridge refuses this page's secret (the app was restarted with a new one); final,
 * nothing retries, and the page must be reopened from the address the app printed.
 */
export type HostStatus = 'connecting' | 'connected' | 'disconnected' | 'refused';

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
