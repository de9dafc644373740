import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');

/** Builds the renderer with Vite (the same bundle browser mode and Electron serve). */
export function buildRenderer(): string {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) throw new Error('vite build did not produce dist/renderer/index.html');
  return RENDERER_DIR;
}
