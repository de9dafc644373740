import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ROOT } from './lib/paths';

/**
 * electron-builder.yml, checked with electron-builder's own loader and schema
 * (the same code `npx electron-builder` runs first), since building installers
 * needs the Electron binary and cannot run here.
 */
const require = createRequire(import.meta.url);
// app-builder-lib has no public entry for these; they are what electron-builder's CLI calls.
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: object | null): Promise<Record<string, unknown>>;
  validateConfiguration(config: object, logger: object): Promise<void>;
};
const { DebugLogger } = require('builder-util/out/DebugLogger') as { DebugLogger: new (enabled: boolean) => object };

describe('packaging configuration', () => {
  it('passes electron-builder schema validation', async () => {
    const config = await getConfig(ROOT, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('is really validated: an unknown key is refused', async () => {
    const config = await getConfig(ROOT, null, null);
    await expect(validateConfiguration({ ...config, notAnOption: true }, new DebugLogger(false))).rejects.toThrow(/notAnOption/);
  });

  it('builds installers for Linux, Windows and macOS from the bundled app only', async () => {
    const config = (await getConfig(ROOT, null, null)) as {
      linux: { target: string[] };
      win: { target: string[] };
      mac: { target: string[] };
      files: (string | { filter: string[] })[];
      extraMetadata: { main: string };
    };
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    // The loader normalizes `files` into `{filter: [...]}` entries.
    const files = config.files.flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.filter));
    expect(files).toEqual(expect.arrayContaining(['dist-electron/**', 'dist/renderer/**', '!node_modules/**']));
    expect(config.extraMetadata.main).toBe('dist-electron/main.cjs');
  });
});
