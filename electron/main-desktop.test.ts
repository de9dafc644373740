import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ipcChannel } from '../shared/contract';
import { fakeHost } from '../host/transport/testing/fake-host';
import type * as HostModule from '../host/index';
import type { Reservation } from '../shared/model';
import type { CallState } from '../shared/call-state';

/**
 * main.ts with the mocked `electron` and a fake host: the desktop-only features
 * as the running app wires them — global shortcuts, notification buttons, the
 * tray menu, crash reporting, Help → Save Diagnostics — each ending in the
 * event the window receives, or the file the agent gets.
 */
const electron = await import('./testing/electron-mock');
const host = Object.assign(fakeHost(), {
  start: vi.fn(async () => undefined),
  stop: vi.fn(async () => undefined),
  demo: () => null,
});

vi.mock('electron', () => import('./testing/electron-mock'));
vi.mock('../emulator/demo/embedded', () => ({ startEmbeddedDemo: vi.fn() }));
vi.mock('../host/index', async (importOriginal) => ({ ...(await importOriginal<typeof HostModule>()), createHost: () => host }));

const userData = mkdtempSync(join(tmpdir(), 'agent-desktop-main-'));
process.env.AGENT_DESKTOP_USER_DATA_DIR = userData;
process.env.AGENT_DESKTOP_MODE = 'demo';
electron.app.paths.crashDumps = join(userData, 'Crashpad');
electron.app.paths.downloads = userData;
const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
await import('./main');
afterAll(() => {
  stderr.mockRestore();
  delete process.env.AGENT_DESKTOP_USER_DATA_DIR;
  rmSync(userData, { recursive: true, force: true });
});

await vi.waitFor(() => expect(host.start).toHaveBeenCalled());
const window = electron.BrowserWindow.created[0]!;
window.webContents.emit('did-finish-load');
const { globalShortcut, Notification } = electron;

const WR1 = `WR${'1'.repeat(32)}`;
const WR2 = `WR${'2'.repeat(32)}`;
const WA2 = `WA${'2'.repeat(32)}`;
const offer = (sid: string, expiresAt = Date.now() + 30_000): Reservation =>
  ({ sid, status: 'pending', expiresAt, caller: { name: 'Grace Hopper', number: null }, topic: null, task: { channel: 'voice', queueName: 'Support' } }) as unknown as Reservation;

const invoke = (name: string, input: unknown) => {
  const handler = electron.ipcMain.handlers.get(ipcChannel(name as never))!;
  return handler({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, input) as Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
};
/** The desktop commands the window received since the last call. */
let seen = 0;
const commands = () => {
  const sent = window.webContents.sent.slice(seen);
  seen = window.webContents.sent.length;
  return sent.filter((m) => m.channel === ipcChannel('desktopCommand')).map((m) => m.payload);
};
const items = (template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
const click = (item: MenuItemConstructorOptions | undefined) => (item!.click as () => void)();

describe('the desktop app', () => {
  it('starts the crash reporter with the dumps kept on this computer', () => {
    expect(electron.crashReporter.started).toMatchObject({ uploadToServer: false, productName: 'Agent Desktop' });
    expect(electron.crashReporter.started).not.toHaveProperty('submitURL');
  });

  it('has global shortcuts off until the agent turns them on; then each runs its window action from any application', async () => {
    expect(globalShortcut.registered.size).toBe(0);
    expect(await invoke('getGlobalShortcuts', {})).toMatchObject({ ok: true, value: { enabled: false } });
    const saved = await invoke('saveGlobalShortcuts', { enabled: true });
    expect(saved).toMatchObject({ ok: true, value: { enabled: true, status: { accept: 'registered' } } });
    expect(globalShortcut.registered.size).toBe(6);
    expect(window.webContents.sent.some((m) => m.channel === ipcChannel('globalShortcutsChanged'))).toBe(true);
    commands();

    window.hide();
    globalShortcut.press('Ctrl+Alt+Shift+A');
    globalShortcut.press('Ctrl+Alt+Shift+M');
    expect(commands()).toEqual([
      { command: 'shortcut', action: 'accept' },
      { command: 'shortcut', action: 'mute' },
    ]);
    // Accepting or muting leaves the agent where they are.
    expect(window.visible).toBe(false);
    // The activity menu is in the window: it comes forward.
    globalShortcut.press('Ctrl+Alt+Shift+S');
    expect(commands()).toEqual([{ command: 'shortcut', action: 'activityMenu' }]);
    expect(window.visible).toBe(true);
  });

  it('hangs up on the second press, after telling the agent (in a notification) to press again', async () => {
    const call = { id: 'call-1', phase: 'live' } as unknown as CallState;
    host.emit('callUpdated', call);
    Notification.shown.splice(0);
    globalShortcut.press('Ctrl+Alt+Shift+1');
    expect(commands()).toEqual([]);
    expect(Notification.shown.map((n) => n.options)).toEqual([expect.objectContaining({ title: 'Hang up?', body: expect.stringContaining('Press Ctrl+Alt+Shift+1 again'), silent: true })]);
    globalShortcut.press('Ctrl+Alt+Shift+1');
    expect(commands()).toEqual([{ command: 'shortcut', action: 'hangUp' }]);
    // The host's call supervisor says when the call ends (also when its window went away).
    host.emit('callUpdated', { ...call, phase: 'ended' });
    Notification.shown.splice(0);
    globalShortcut.press('Ctrl+Alt+Shift+1');
    expect(Notification.shown).toEqual([]);
    globalShortcut.press('Ctrl+Alt+Shift+1');
    commands();
  });

  it('while the page is still loading, brings the window forward instead of losing the action', () => {
    window.hide();
    window.webContents.loading = true;
    globalShortcut.press('Ctrl+Alt+Shift+X');
    expect(commands()).toEqual([]);
    expect(window.visible).toBe(true);
    window.webContents.loading = false;
  });

  it("runs a notification's Accept and Reject in the window, and a click shows the offer's card", () => {
    Notification.shown.splice(0);
    host.pending = 2;
    host.emit('reservationUpdated', offer(WR1));
    host.emit('reservationUpdated', offer(WR2));
    const [first, second] = Notification.shown;
    first!.pressAction(0);
    second!.pressAction(1);
    expect(commands()).toEqual([
      { command: 'accept', reservationSid: WR1 },
      { command: 'reject', reservationSid: WR2 },
    ]);
    window.hide();
    first!.emit('click');
    expect(commands()).toEqual([{ command: 'showReservation', reservationSid: WR1 }]);
    expect(window.visible).toBe(true);
  });

  it('accepts the next offer and changes the activity from the tray menu', () => {
    host.emit('activitiesUpdated', [
      { sid: `WA${'1'.repeat(32)}`, friendlyName: 'Available', available: true },
      { sid: WA2, friendlyName: 'Break', available: false },
    ]);
    host.emit('reservationUpdated', offer(WR2, Date.now() + 5_000));
    const menu = (electron.Tray.created[0]!.contextMenu as { template: MenuItemConstructorOptions[] }).template;
    const acceptNext = items(menu).find((item) => item.id === 'accept-next');
    expect(acceptNext?.label).toBe('Accept next offer: Grace Hopper (Support)');
    click(acceptNext);
    click(items(menu).find((item) => item.id === `activity:${WA2}`));
    expect(commands()).toEqual([
      { command: 'accept', reservationSid: WR2 },
      { command: 'setActivity', activitySid: WA2 },
    ]);
  });

  it('saves a diagnostics zip from Help → Save Diagnostics…, where the agent chose', async () => {
    host.setHandler('getSnapshot', async () => {
      throw new Error('the host is in a bad way');
    });
    const menu = (electron.Menu.applied as { template: MenuItemConstructorOptions[] }).template;
    click(items(menu).find((item) => item.id === 'save-diagnostics'));
    await vi.waitFor(() => expect(electron.dialog.saves).toHaveLength(1));
    expect(electron.dialog.saves[0]!.options.defaultPath).toMatch(/agent-desktop-diagnostics-.*\.zip$/);
    const target = join(userData, 'diagnostics.zip');
    electron.dialog.saves[0]!.answer(target);
    await vi.waitFor(() => expect(existsSync(target), JSON.stringify(electron.dialog.shown.map((d) => d.options))).toBe(true));
    const files = unzipSync(readFileSync(target));
    expect(Object.keys(files)).toContain('logs.jsonl');
    const settings = JSON.parse(strFromU8(files['settings.json']!)) as { desktop: { globalShortcuts: { enabled: boolean }; updates: { state: string }; crashReporting: { uploadTo: null } } };
    expect(settings.desktop).toMatchObject({ globalShortcuts: { enabled: true }, updates: { state: 'off' }, crashReporting: { uploadTo: null } });
    // A host that cannot answer is recorded in the bundle rather than preventing it.
    expect(JSON.parse(strFromU8(files['connection.json']!))).toEqual({ error: 'the host is in a bad way' });
  });

  it('gives every global shortcut back to the OS when the app quits', async () => {
    expect(globalShortcut.registered.size).toBe(6);
    electron.app.emit('before-quit');
    electron.app.emit('will-quit', { preventDefault: () => undefined });
    await vi.waitFor(() => expect(host.stop).toHaveBeenCalled());
    expect(globalShortcut.registered.size).toBe(0);
  });
});
