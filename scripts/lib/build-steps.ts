import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { ELECTRON_MAIN_OUT, ELECTRON_OUT, ELECTRON_PRELOAD_OUT, ROOT } from './paths';

/** The renderer, with the project's vite.config.ts, to dist/renderer. */
export async function buildRenderer(): Promise<void> {
  await viteBuild({ configFile: join(ROOT, 'vite.config.ts'), root: join(ROOT, 'renderer'), logLevel: 'warn' });
}

/**
 * The Electron main process and preload, each bundled into one CommonJS file
 * (the package is "type": "module", hence .cjs). Main bundles the host and the
 * demo emulator so a packaged app needs no node_modules; the preload must be
 * self-contained because a sandboxed preload cannot require npm modules.
 */
export async function buildElectron(): Promise<void> {
  await mkdir(ELECTRON_OUT, { recursive: true });
  const common = {
    bundle: true,
    format: 'cjs' as const,
    platform: 'node' as const,
    target: 'node22',
    sourcemap: true,
    logLevel: 'warning' as const,
    // Optional native speed-ups of ws; it works without them.
    external: ['electron', 'bufferutil', 'utf-8-validate'],
  };
  await Promise.all([
    esbuild({ ...common, entryPoints: [join(ROOT, 'electron', 'main.ts')], outfile: ELECTRON_MAIN_OUT }),
    esbuild({ ...common, entryPoints: [join(ROOT, 'electron', 'preload.ts')], outfile: ELECTRON_PRELOAD_OUT }),
  ]);
  await copyFile(join(ROOT, 'electron', 'assets', 'icon.png'), join(ELECTRON_OUT, 'icon.png'));
}
