import { afterAll, describe, expect, it, vi } from 'vitest';
import { REQUEST_NAMES, ipcChannel } from '../shared/contract';
import { fakeHost } from '../host/transport/testing/fake-host';
import type * as HostModule from '../host/index';
import type { HostDeps } from '../host/index';
import type { Reservation } from '../shared/model';

/**
 * main.ts end to end with a fake `electron` and a fake host: what it wires,
 * in which order, and what each OS event does to the host.
 */
const electron = await import('./testing/electron-mock');
const host = Object.assign(fakeHost(), {
  started: false,
  stopped: false,
  /** How many windows existed when the host was asked to start. */
  windowsAtStart: -1,
  start: vi.fn(async () => {
    host.windowsAtStart = electron.BrowserWindow.created.length;
    host.started = true;
  }),
  stop: vi.fn(async () => void (host.stopped = true)),
  demo: () => ({ ready: true as const, url: 'http://127.0.0.1:4100' }) as never,
});
const created: HostDeps[] = [];

vi.mock('electron', () => import('./testing/electron-mock'));
vi.mock('../emulator/demo/embedded', () => ({ startEmbeddedDemo: vi.fn() }));
vi.mock('../host/index', async (importOriginal) => ({
  ...(await importOriginal<typeof HostModule>()),
  createHost: (deps: HostDeps) => {
    created.push(deps);
    return host;
  },
}));

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

  it('opens the window first, then creates the host with safeStorage secrets, file settings, the overrides and the injected demo, and starts it', async () => {
    await vi.waitFor(() => expect(host.start).toHaveBeenCalledTimes(1));
    expect(host.windowsAtStart).toBe(1);
    expect(created).toHaveLength(1);
    expect(created[0]!.overrides).toMatchObject({ mode: 'demo' });
    expect(typeof created[0]!.secrets.set).toBe('function');
    const { startEmbeddedDemo } = await import('../emulator/demo/embedded');
    expect(created[0]!.startDemo).toBe(startEmbeddedDemo);
    expect(created[0]!.checkOutputs).toBe(true); // a development build checks every answer against the contract
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
    await vi.waitFor(() => expect(stdout.some((l) => l.startsWith('{"ready":true'))).toBe(true));
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

  it("derives the page's connect-src from the host's endpoints, and reloads the page when they widen", async () => {
    const serve = electron.session.defaultSession.protocolHandlers.get('app') as (request: Request) => Promise<Response>;
    // Account mode against an emulator run by hand (AGENT_DESKTOP_REST_URL): its REST origin and voice signaling.
    host.currentEndpoints = { rest: 'http://127.0.0.1:3000', eventBridge: 'http://127.0.0.1:3000/eventbridge/v1/wschannels', eventBridgeWs: 'ws://127.0.0.1:3000/eventbridge/v1/wschannels', voiceSignaling: 'ws://127.0.0.1:3000/signal' };
    const csp = (await serve(new Request('app://agent/index.html'))).headers.get('content-security-policy');
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:3000 ws://127.0.0.1:3000;");
    const reloadsBefore = window.webContents.reloads;
    host.emit('connectionChanged', { state: 'subscribed', since: 1, detail: null, lastGap: null });
    expect(window.webContents.reloads).toBe(reloadsBefore);
    // The agent switches to an account at Twilio in Settings: the open page could not reach it.
    host.currentEndpoints = { rest: 'https://taskrouter.twilio.com', eventBridge: null, eventBridgeWs: null, voiceSignaling: 'wss://voice-js.twilio.com/signal' };
    host.emit('connectionChanged', { state: 'connecting', since: 2, detail: null, lastGap: null });
    expect(window.webContents.reloads).toBe(reloadsBefore + 1);
    expect((await serve(new Request('app://agent/index.html'))).headers.get('content-security-policy')).toContain('wss://*.twilio.com');
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
    expect(electron.app.lockReleases).toBe(1);
  });
});
