import { externalUrl } from '../shared/desk';

/** Electron's shell.openExternal, as far as this module uses it. */
export interface ShellLike {
  openExternal(url: string): Promise<void>;
}

/**
 * Opens a customer record in the system browser. The host has already parsed
 * the request, but the shell is where a hostile address would do harm
 * (file:, a custom scheme handler, javascript:), so the https-only check is
 * repeated here, on the URL the shell actually receives.
 */
export async function openExternalSafely(shell: ShellLike, url: string): Promise<void> {
  if (!externalUrl.safeParse(url).success) throw new Error('Only https:// addresses open from the desktop.');
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) throw new Error('Only https:// addresses open from the desktop.');
  await shell.openExternal(parsed.href);
}
