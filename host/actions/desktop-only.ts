import type { RequestName } from '../../shared/contract';
import { err, type Result } from '../../shared/result';

/**
 * Requests only the desktop app can answer (global shortcuts, the call state the
 * updater waits on). The runtime-agnostic host answers them `unsupported`, which
 * is what browser mode shows; Electron's main process replaces these handlers
 * with its own (electron/desktop-handlers.ts).
 */
export const DESKTOP_ONLY_REQUESTS = ['getGlobalShortcuts', 'saveGlobalShortcuts', 'suspendGlobalShortcuts', 'reportLocale'] as const satisfies readonly RequestName[];
export type DesktopOnlyRequest = (typeof DESKTOP_ONLY_REQUESTS)[number];

export const NEEDS_DESKTOP_APP =
  'Global shortcuts need the desktop app: a browser tab only hears keys while it has focus. Install the desktop app to use keys from other applications.';

export function desktopOnlyImplementations(): Record<DesktopOnlyRequest, () => Promise<Result<never>>> {
  const unsupported = async () => err('unsupported', NEEDS_DESKTOP_APP);
  return Object.fromEntries(DESKTOP_ONLY_REQUESTS.map((name) => [name, unsupported])) as Record<DesktopOnlyRequest, () => Promise<Result<never>>>;
}
