import { expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { hasElectronBinary, launchApp, SKIP_REASON, type LaunchedApp } from './launch';

/**
 * The desktop-only features in the real app (built main and preload, real host,
 * embedded demo emulator with demo traffic), where an Electron binary exists:
 *
 * - global shortcuts: turned on and off in Settings, registered with and given
 *   back to the OS (checked with Electron's own globalShortcut.isRegistered), and
 *   a key another holder already has shown as taken. Pressing a key in another
 *   application cannot be synthesized from here (the OS delivers it); the
 *   press → action path is covered by electron/main-desktop.test.ts.
 * - a notification's Accept button and the tray's "Accept next offer": the OS
 *   click is synthesized by emitting Electron's own `action` event on the
 *   notification and calling the menu item's click, then the offer must be
 *   accepted in the emulator through the real window.
 * - Help → Save Diagnostics… (the save dialog answered by the test): the zip
 *   holds the expected files and no emulator secret or JWT.
 * - updates (Linux/AppImage only): a feed served by this test on 127.0.0.1;
 *   Help → Check for Updates… finds and downloads the new version, and the app
 *   does not restart without the agent's consent.
 */
test.skip(!hasElectronBinary, SKIP_REASON);

const installer = Buffer.from('#!/bin/sh\necho new version\n'.repeat(1_000));
const served: string[] = [];
let feed: Server;
let scratch: string;
let launched: LaunchedApp;
let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  if (!hasElectronBinary) return;
  scratch = mkdtempSync(join(tmpdir(), 'agent-desktop-e2e-desktop-'));
  const sha512 = createHash('sha512').update(installer).digest('base64');
  const yml = `version: 99.0.0\nfiles:\n  - url: Agent-Desktop-99.0.0.AppImage\n    sha512: ${sha512}\n    size: ${installer.length}\npath: Agent-Desktop-99.0.0.AppImage\nsha512: ${sha512}\nreleaseDate: '2026-11-30T10:00:00.000Z'\n`;
  feed = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    served.push(path);
    if (/^\/latest(-linux|-mac)?\.yml$/.test(path)) return void response.writeHead(200).end(yml);
    if (path === '/Agent-Desktop-99.0.0.AppImage') return void response.writeHead(200).end(installer);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  const address = feed.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const appImage = join(scratch, 'Agent-Desktop-0.1.0.AppImage');
  writeFileSync(appImage, 'old');
  launched = await launchApp({ AGENT_DESKTOP_UPDATE_URL: `http://127.0.0.1:${port}/`, APPIMAGE: appImage, XDG_CACHE_HOME: join(scratch, 'cache') });
  ({ app, page } = launched);
  // Native dialogs cannot be clicked from here: answer them in the main process. Message boxes say "Later" / OK.
  await app.evaluate(({ dialog }) => {
    const record = globalThis as unknown as { messages: string[] };
    record.messages = [];
    dialog.showMessageBox = (async (...args: unknown[]) => {
      const options = (args.length > 1 ? args[1] : args[0]) as { message: string; cancelId?: number };
      record.messages.push(options.message);
      return { response: options.cancelId ?? 0, checkboxChecked: false };
    }) as typeof dialog.showMessageBox;
  });
});

test.afterAll(async () => {
  await launched?.close();
  await new Promise((resolve) => (feed ? feed.close(resolve) : resolve(undefined)));
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const isRegistered = (accelerator: string) => app.evaluate(({ globalShortcut }, a) => globalShortcut.isRegistered(a), accelerator);

test('global shortcuts: off by default, registered when turned on in Settings, a taken key reported, all given back when turned off', async () => {
  expect(await isRegistered('Ctrl+Alt+Shift+A')).toBe(false);
  // Whether this desktop reports a taken key at all: X11, Windows and macOS refuse a second registration; the
  // Wayland GlobalShortcuts portal accepts every one (and asks the user instead), so it reports no conflict.
  const reportsConflicts = await app.evaluate(({ globalShortcut }) => {
    globalShortcut.register('Ctrl+Alt+Shift+F11', () => undefined);
    const again = globalShortcut.register('Ctrl+Alt+Shift+F11', () => undefined);
    globalShortcut.unregister('Ctrl+Alt+Shift+F11');
    return !again;
  });
  // Another holder of Ctrl+Alt+Shift+M (this process, which the OS layer refuses the same way as another application).
  if (reportsConflicts) await app.evaluate(({ globalShortcut }) => globalShortcut.register('Ctrl+Alt+Shift+M', () => undefined));
  else test.info().annotations.push({ type: 'note', description: 'this desktop registers global shortcuts through a portal that reports no conflicts' });
  await page.getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('group', { name: 'Global shortcuts' });
  await section.getByRole('checkbox', { name: /while other applications have focus/ }).check();
  await expect.poll(() => isRegistered('Ctrl+Alt+Shift+A')).toBe(true);
  expect(await isRegistered('Ctrl+Alt+Shift+1')).toBe(true);
  if (reportsConflicts) {
    await expect(section.getByRole('alert')).toContainText('Another application already uses these keys');
    await app.evaluate(({ globalShortcut }) => globalShortcut.unregister('Ctrl+Alt+Shift+M'));
  }
  await section.getByRole('checkbox', { name: /while other applications have focus/ }).uncheck();
  await expect.poll(() => isRegistered('Ctrl+Alt+Shift+A')).toBe(false);
  expect(await isRegistered('Ctrl+Alt+Shift+1')).toBe(false);
  await page.keyboard.press('Escape');
});

test("a notification's Accept button accepts that offer through the window", async () => {
  // Keep the notifications the app shows from now on, as the OS would.
  await app.evaluate(({ Notification }) => {
    const record = globalThis as unknown as { notifications: Electron.Notification[] };
    record.notifications = [];
    const show = Notification.prototype.show;
    Notification.prototype.show = function (this: Electron.Notification) {
      record.notifications.push(this);
      return show.call(this);
    };
  });
  await expect
    .poll(() => app.evaluate(() => (globalThis as unknown as { notifications: Electron.Notification[] }).notifications.some((n) => n.title.startsWith('New '))), { timeout: 30_000 })
    .toBe(true);
  // The agent presses Accept on the latest offer's notification (macOS/Windows show the button; Electron emits
  // `action` with its index; on Linux the OS shows no button, so this is the only way the event comes here).
  const body = await app.evaluate(() => {
    const notification = (globalThis as unknown as { notifications: Electron.Notification[] }).notifications.filter((n) => n.title.startsWith('New ')).at(-1)!;
    notification.emit('action', { actionIndex: 0, selectionIndex: -1, preventDefault: () => undefined }, 0, -1);
    return notification.body;
  });
  const caller = body.split(' in ')[0]!.split(' — ')[0]!;
  await expect.poll(() => acceptedCallers(page), { timeout: 15_000 }).toContain(caller);
});

test('the tray accepts the next offer', async () => {
  await app.evaluate(({ Tray }) => {
    const record = globalThis as unknown as { trayMenu: Electron.Menu | null };
    record.trayMenu = null;
    const set = Tray.prototype.setContextMenu;
    Tray.prototype.setContextMenu = function (this: Electron.Tray, menu: Electron.Menu | null) {
      record.trayMenu = menu;
      return set.call(this, menu);
    };
  });
  // The menu is rebuilt when the next offer changes (demo traffic brings one within seconds).
  const label = await expect
    .poll(() => app.evaluate(() => (globalThis as unknown as { trayMenu: Electron.Menu | null }).trayMenu?.getMenuItemById('accept-next')?.enabled ?? false), { timeout: 30_000 })
    .toBe(true)
    .then(() => app.evaluate(() => (globalThis as unknown as { trayMenu: Electron.Menu }).trayMenu.getMenuItemById('accept-next')!.label));
  const caller = label.replace('Accept next offer: ', '').replace(/ \([^)]*\)$/, '');
  await app.evaluate(() => {
    const item = (globalThis as unknown as { trayMenu: Electron.Menu }).trayMenu.getMenuItemById('accept-next')!;
    item.click();
  });
  await expect.poll(() => acceptedCallers(page), { timeout: 15_000 }).toContain(caller);
});

test('Help → Save Diagnostics… writes a zip without secrets', async () => {
  const target = join(scratch, 'diagnostics.zip');
  await app.evaluate(({ dialog, Menu }, filePath) => {
    dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as typeof dialog.showSaveDialog;
    Menu.getApplicationMenu()!.getMenuItemById('save-diagnostics')!.click();
  }, target);
  await expect.poll(() => existsSync(target), { timeout: 15_000 }).toBe(true);
  const files = Object.fromEntries(Object.entries(unzipSync(readFileSync(target))).map(([name, bytes]) => [name, strFromU8(bytes)]));
  expect(Object.keys(files).sort()).toEqual(['README.txt', 'connection.json', 'crash-dumps.json', 'logs.jsonl', 'settings.json', 'versions.json']);
  expect(JSON.parse(files['versions.json']!)).toMatchObject({ electron: expect.any(String), chrome: expect.any(String) });
  for (const [name, text] of Object.entries(files)) {
    expect(text.includes(launched.emulator.apiKeySecret), `the demo's API key secret in ${name}`).toBe(false);
    expect(text, `a JWT in ${name}`).not.toMatch(/eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/);
  }
});

test('Help → Check for Updates… finds and downloads the new version from the feed, and does not restart on its own', async () => {
  test.skip(process.platform !== 'linux', 'the AppImage updater is the one that runs unsigned; NSIS and Squirrel.Mac need a signed, packaged app');
  await app.evaluate(({ Menu }) => Menu.getApplicationMenu()!.getMenuItemById('check-for-updates')!.click());
  await expect.poll(() => served.filter((p) => p.endsWith('.yml')).length, { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(() => served.includes('/Agent-Desktop-99.0.0.AppImage'), { timeout: 30_000 }).toBe(true);
  await expect
    .poll(() => app.evaluate(() => (globalThis as unknown as { messages: string[] }).messages.join('\n')), { timeout: 15_000 })
    .toMatch(/99\.0\.0/);
  // Whatever was asked was answered "Later": the app is still this one, and still live.
  await expect(page.getByText('TaskRouter: Live')).toBeVisible();
  expect(app.process().exitCode).toBeNull();
});

/** Callers of the reservations the host reports accepted. */
async function acceptedCallers(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const api = (globalThis as unknown as { agentDesktop: { getSnapshot(i: object): Promise<{ ok: boolean; value: { reservations: { status: string; caller: { name: string | null; number: string | null } }[] } }> } }).agentDesktop;
    const snapshot = await api.getSnapshot({});
    return snapshot.ok ? snapshot.value.reservations.filter((r) => r.status === 'accepted').map((r) => r.caller.name ?? r.caller.number ?? 'A customer') : [];
  });
}
