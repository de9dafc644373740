import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths';

/**
 * The Electron binary the `electron` npm package downloaded at install time
 * (its path is in node_modules/electron/path.txt), or why there is none.
 */
export function electronBinary(root = ROOT): { path: string } | { missing: string } {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  // Electron 45+ downloads its binary on first use, not at `npm install` (README: "The Electron binary").
  if (!existsSync(pathFile)) return { missing: 'Electron binary not installed (node_modules/electron/path.txt missing; `npx install-electron --no` downloads it)' };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const path = join(root, 'node_modules', 'electron', 'dist', relative);
  if (!existsSync(path)) return { missing: `Electron binary not found at ${path}` };
  return { path };
}

/** Whether a window can be shown at all: Linux needs an X11 or Wayland display. */
export function displayAvailable(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}
