import { expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { EVENT_NAMES, REQUEST_NAMES, eventListenerName } from '../../shared/contract';
import { hasElectronBinary, launchApp, SKIP_REASON, type LaunchedApp } from './launch';

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
test.skip(!hasElectronBinary, SKIP_REASON);

let launched: LaunchedApp;
let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  if (!hasElectronBinary) return;
  launched = await launchApp();
  ({ app, page } = launched);
});

test.afterAll(async () => {
  await launched?.close();
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
