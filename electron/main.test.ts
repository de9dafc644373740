import { afterAll, describe, expect, it, vi } from 'vitest';
import { REQUEST_NAMES, ipcChannel } from '../shared/contract';
import { fakeHost } from '../host/browser-bridge/testing/fake-host';
import type * as HostModule from '../host/index';
import type { HostDeps } from '../host/index';
import type { Reservation } from '../shared/model';

/**
 * main.ts end to end with a fake `electron` and a fake host: what it wires,
 * in which order, and what each OS event does to the host.
 */
const host = Object.assign(fakeHost(), {
  started: false,
  stopped: false,
  start: vi.fn(async () => void (host.started = true)),
  stop: vi.fn(async () => void (host.stopped = true)),
  demo: () => ({ ready: true as const, url: 'http://127.0.0.1:4100' }) as never,
});
const created: HostDeps[] = [];

vi.mock('electron', () => import('./testing/electron-mock'));
vi.mock('../emulator/index', () => ({ startEmulator: vi.fn() }));
vi.mock('../host/index', async (importOriginal) => ({
  ...(await importOriginal<typeof HostModule>()),
  createHost: (deps: HostDeps) => {
    created.push(deps);
    return host;
  },
}));

const electron = await import('./testing/electron-mock');
const stdout: string[] = [];
const writeSpy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (stdout.push(String(chunk)), true));
process.env.AGENT_DESKTOP_MODE = 'demo';
process.env.AGENT_DESKTOP_REPORT_READY = '1';
const quit = vi.spyOn(electron.app, 'quit');
const lock = vi.spyOn(electron.app, 'requestSingleInstanceLock');
await import('./main');
afterAll(() => {
  writeSpy.mockRestore();
  delete process.env.AGENT_DESKTOP_REPORT_READY;
});

await vi.waitFor(() => expect(electron.BrowserWindow.created).toHaveLength(1), { timeout: 5000 });
const window = electron.BrowserWindow.created[0]!;

const pending = (sid: string): Reservation =>
  ({
    sid,
    status: 'pending',
    caller: { name: 'Grace Hopper', number: null },
    topic: null,
    task: { channel: 'voice', queueName: null },
  }) as unknown as Reservation;

describe('electron main', () => {
  it('registers the app scheme before ready and takes the single-instance lock', () => {
    expect(electron.protocol.privileged).toContainEqual(expect.objectContaining({ scheme: 'app' }));
    expect(lock).toHaveBeenCalledTimes(1);
  });

  it('creates the host with safeStorage secrets, file settings and the environment overrides, and starts it before the window', () => {
    expect(created).toHaveLength(1);
    expect(created[0]!.overrides).toMatchObject({ mode: 'demo' });
    expect(typeof created[0]!.secrets.set).toBe('function');
    expect(typeof created[0]!.startDemo).toBe('function');
    expect(host.start).toHaveBeenCalledTimes(1);
  });

  it('hardens the session, serves app:// and registers every IPC request', () => {
    const ses = electron.session.defaultSession;
    expect(ses.permissionRequestHandler).toBeTypeOf('function');
    expect(ses.permissionCheckHandler).toBeTypeOf('function');
    expect(ses.protocolHandlers.has('app')).toBe(true);
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(REQUEST_NAMES.map(ipcChannel).sort());
  });

  it('loads the app page in a hardened window and reports ready once loaded', async () => {
    expect((window.options.webPreferences as Record<string, unknown>).sandbox).toBe(true);
    expect(window.webContents.url).toBe('app://agent/index.html');
    window.webContents.emit('did-finish-load');
    const line = stdout.find((l) => l.startsWith('{"ready":true'));
    expect(JSON.parse(line!)).toEqual({ ready: true, mode: 'electron', ui: 'app://agent/index.html', emulator: { ready: true, url: 'http://127.0.0.1:4100' } });
  });

  it('announces a new offer: notification, tray, title', () => {
    host.pending = 1;
    host.emit('reservationUpdated', pending('WR1'));
    expect(electron.Notification.shown).toHaveLength(1);
    expect(window.title).toBe('(1) Agent Desktop');
    expect(electron.Tray.created[0]!.tooltip).toBe('Agent Desktop — 1 pending offer');
    window.hide();
    electron.Notification.shown[0]!.emit('click');
    expect(window.visible).toBe(true);
  });

  it('reconciles after sleep and focuses the window for a second instance', () => {
    electron.powerMonitor.emit('resume');
    expect(host.reconciles).toEqual(['resume']);
    window.hide();
    electron.app.emit('second-instance');
    expect(window.visible).toBe(true);
  });

  it('reloads the window when its renderer crashes', () => {
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(window.webContents.reloads).toBe(1);
  });

  it('hides to the tray on close, and stops the host before quitting', async () => {
    const closeEvent = { prevented: false, preventDefault: () => void (closeEvent.prevented = true) };
    window.emit('close', closeEvent);
    expect(closeEvent.prevented).toBe(true);
    expect(window.visible).toBe(false);

    electron.app.emit('before-quit');
    const quitEvent = { prevented: false, preventDefault: () => void (quitEvent.prevented = true) };
    electron.app.emit('will-quit', quitEvent);
    expect(quitEvent.prevented).toBe(true);
    await vi.waitFor(() => expect(quit).toHaveBeenCalled());
    expect(host.stop).toHaveBeenCalledTimes(1);
    expect(electron.Tray.created[0]!.destroyed).toBe(true);
  });
});
