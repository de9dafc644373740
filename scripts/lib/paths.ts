import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where things are, relative to the project root (this file is scripts/lib/paths.ts). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RENDERER_SRC = join(ROOT, 'renderer');
export const RENDERER_OUT = join(ROOT, 'dist', 'renderer');
export const ELECTRON_OUT = join(ROOT, 'dist-electron');
export const ELECTRON_MAIN_OUT = join(ELECTRON_OUT, 'main.cjs');
export const ELECTRON_PRELOAD_OUT = join(ELECTRON_OUT, 'preload.cjs');
/** Sources the renderer bundle is built from: the renderer itself and the shared contract it imports. */
export const RENDERER_INPUTS = [RENDERER_SRC, join(ROOT, 'shared'), join(ROOT, 'vite.config.ts')];
export const ELECTRON_INPUTS = [join(ROOT, 'electron'), join(ROOT, 'host'), join(ROOT, 'shared'), join(ROOT, 'emulator')];
