import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Opens the UI in the system browser without putting the secret on a command
 * line (any local user can read another's process arguments): the URL goes
 * into a page only this user can read, in a private folder, and the browser
 * is pointed at that page, which forwards to the UI.
 */
export function writeLauncherPage(url: string, dir = mkdtempSync(join(tmpdir(), 'agent-desktop-'))): string {
  const file = join(dir, 'open.html');
  const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  writeFileSync(
    file,
    `<!doctype html><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${escaped}"><title>Agent Desktop</title><p>Opening Agent Desktop…</p>`,
    { mode: 0o600 },
  );
  return file;
}

/** The platform's "open this with the default app" command. */
export function openCommand(target: string, platform: NodeJS.Platform = process.platform): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [target] };
  // explorer.exe opens a file with its default app and needs none of cmd's `start ""` quoting.
  if (platform === 'win32') return { command: 'explorer.exe', args: [target] };
  return { command: 'xdg-open', args: [target] };
}

/** Opens `url` in the default browser; failures are reported, not thrown (the URL is printed anyway). */
export function openInBrowser(url: string, onError: (message: string) => void): void {
  const page = pathToFileURL(writeLauncherPage(url)).toString();
  const { command, args } = openCommand(page);
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', (error) => onError(`could not open the browser with ${command}: ${error.message}`));
    child.unref();
  } catch (error) {
    onError(`could not open the browser with ${command}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
