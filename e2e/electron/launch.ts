import { _electron as electron, expect, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildElectron, buildRenderer } from '../../scripts/lib/build-steps';
import { electronBinary } from '../../scripts/lib/electron-binary';
import { isStale } from '../../scripts/lib/freshness';
import { ELECTRON_INPUTS, ELECTRON_MAIN_OUT, RENDERER_INPUTS, RENDERER_OUT } from '../../scripts/lib/paths';

/** The Electron binary, or why the `_electron` suites are skipped (this machine cannot download one). */
export const binary = electronBinary();
export const hasElectronBinary = 'path' in binary;
export const SKIP_REASON = 'Electron binary not installed (node_modules/electron/path.txt missing): the _electron suite is skipped';

export interface LaunchedApp {
  app: ElectronApplication;
  page: Page;
  userData: string;
  /** The demo emulator's ready object from the app's ready line (its URL and credentials). */
  emulator: { url: string; apiKeySecret: string };
  close(): Promise<void>;
}

/**
 * Builds what is stale, then starts the built app (main and preload, the real host, the embedded demo
 * emulator) in a fresh profile, and waits until the page is live.
 */
export async function launchApp(env: Record<string, string> = {}): Promise<LaunchedApp> {
  if (!('path' in binary)) throw new Error(binary.missing);
  if (isStale(RENDERER_OUT, RENDERER_INPUTS)) await buildRenderer();
  if (isStale(ELECTRON_MAIN_OUT, ELECTRON_INPUTS)) await buildElectron();
  const userData = mkdtempSync(join(tmpdir(), 'agent-desktop-e2e-'));
  const rootArgs = typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [];
  const app = await electron.launch({
    executablePath: binary.path,
    args: [...rootArgs, ELECTRON_MAIN_OUT],
    env: { ...process.env, AGENT_DESKTOP_USER_DATA_DIR: userData, AGENT_DESKTOP_MODE: 'demo', AGENT_DESKTOP_REPORT_READY: '1', ...env } as Record<string, string>,
  });
  // The ready line (stdout) carries the demo emulator's URL and credentials.
  const readyLine = new Promise<string>((resolve) => {
    let buffered = '';
    app.process().stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split('\n').find((l) => l.startsWith('{"ready":true'));
      if (line) resolve(line);
    });
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  // The window opens before the host starts; once the demo emulator is up the page reloads once for its CSP.
  await expect(page.getByText('TaskRouter: Live')).toBeVisible({ timeout: 30_000 });
  const ready = JSON.parse(await readyLine) as { emulator: { url: string; apiKeySecret: string } };
  return {
    app,
    page,
    userData,
    emulator: ready.emulator,
    async close() {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    },
  };
}
