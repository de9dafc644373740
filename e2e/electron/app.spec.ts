import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_NAMES, REQUEST_NAMES, eventListenerName } from '../../shared/contract';
import { buildElectron, buildRenderer } from '../../scripts/lib/build-steps';
import { electronBinary } from '../../scripts/lib/electron-binary';
import { isStale } from '../../scripts/lib/freshness';
import { ELECTRON_INPUTS, ELECTRON_MAIN_OUT, RENDERER_INPUTS, RENDERER_OUT } from '../../scripts/lib/paths';

/** The page's globals, typed here because this suite compiles without the DOM library. */
type PageGlobal = {
  location: { href: string };
  open(url: string): unknown;
  require?: unknown;
  process?: unknown;
  agentDesktop: {
    getSettings(input: object): Promise<{ ok: boolean; value: { mode: string } }>;
    getSnapshot(input: object): Promise<{ ok: boolean; value: { reservations: unknown[] } }>;
  };
};

/**
 * The packaged shape of the app, driven through Playwright's Electron support:
 * the built main and preload, the real host and the embedded demo emulator.
 * Runs whenever an Electron binary is installed; this machine cannot download
 * one, so here the suite is reported as skipped with the reason.
 */
const binary = electronBinary();
const hasElectronBinary = 'path' in binary;
test.skip(!hasElectronBinary, 'Electron binary not installed (node_modules/electron/path.txt missing): the _electron suite is skipped');

let app: ElectronApplication;
let page: Page;
let userData: string;

test.beforeAll(async () => {
  if (!('path' in binary)) return;
  if (isStale(RENDERER_OUT, RENDERER_INPUTS)) await buildRenderer();
  if (isStale(ELECTRON_MAIN_OUT, ELECTRON_INPUTS)) await buildElectron();
  userData = mkdtempSync(join(tmpdir(), 'agent-desktop-e2e-'));
  const rootArgs = typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [];
  app = await electron.launch({
    executablePath: binary.path,
    args: [...rootArgs, ELECTRON_MAIN_OUT],
    env: { ...process.env, AGENT_DESKTOP_USER_DATA_DIR: userData, AGENT_DESKTOP_MODE: 'demo' },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  // The window opens before the host starts (it shows "Connecting…"); once the demo emulator is up the
  // page reloads once to get a CSP that allows it. Live means both have happened.
  await expect(page.getByText('TaskRouter: Live')).toBeVisible({ timeout: 30_000 });
});

test.afterAll(async () => {
  await app?.close();
  if (userData) rmSync(userData, { recursive: true, force: true });
});

test('loads the renderer from the app origin with a strict CSP', async () => {
  expect(page.url()).toBe('app://agent/index.html');
  const csp = await page.evaluate(async () => (await fetch((globalThis as unknown as PageGlobal).location.href)).headers.get('content-security-policy'));
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  // Derived from the host's endpoints: the embedded emulator, and in demo mode nothing of Twilio's.
  expect(csp).toMatch(/connect-src 'self' http:\/\/127\.0\.0\.1:\d+ ws:\/\/127\.0\.0\.1:\d+;/);
  expect(csp).not.toContain('twilio.com');
});

test('the window is hardened', async () => {
  // getLastWebPreferences is Electron's own (untyped) accessor for the preferences a window was created with.
  const prefs = await app.evaluate(({ BrowserWindow }) =>
    (BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences(): object }).getLastWebPreferences(),
  );
  expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
  expect(await page.evaluate(() => [typeof (globalThis as unknown as PageGlobal).require, typeof (globalThis as unknown as PageGlobal).process])).toEqual([
    'undefined',
    'undefined',
  ]);
  expect(await page.evaluate(() => (globalThis as unknown as PageGlobal).open('https://example.com') === null)).toBe(true);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('exposes exactly the contract as window.agentDesktop', async () => {
  const keys = await page.evaluate(() => Object.keys((globalThis as unknown as PageGlobal).agentDesktop).sort());
  expect(keys).toEqual([...REQUEST_NAMES, ...EVENT_NAMES.map(eventListenerName)].sort());
});

test('the host answers over IPC in demo mode and pushes the first offer', async () => {
  const mode = await page.evaluate(async () => {
    return (await (globalThis as unknown as PageGlobal).agentDesktop.getSettings({})).value.mode;
  });
  expect(mode).toBe('demo');
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const snapshot = await (globalThis as unknown as PageGlobal).agentDesktop.getSnapshot({});
          return snapshot.ok ? snapshot.value.reservations.length : -1;
        }),
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
});
