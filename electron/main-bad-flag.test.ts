import { afterAll, describe, expect, it, vi } from 'vitest';
import type * as HostModule from '../host/index';

/**
 * main.ts with a flag the host refuses (issue 8): before, `start()` threw inside
 * `whenReady().then(start)`: an unhandled rejection, no window, no tray, and the
 * single-instance lock held. Now the window shows, the error is offered with
 * Retry and Quit, and Quit quits and releases the lock.
 */
const createHost = vi.fn();
vi.mock('electron', () => import('./testing/electron-mock'));
vi.mock('../emulator/demo/embedded', () => ({ startEmbeddedDemo: vi.fn() }));
vi.mock('../host/index', async (importOriginal) => ({ ...(await importOriginal<typeof HostModule>()), createHost }));

const electron = await import('./testing/electron-mock');
const argv = process.argv;
process.argv = [...argv.slice(0, 2), '--mode', 'nonsense'];
const quit = vi.spyOn(electron.app, 'quit');
await import('./main');
afterAll(() => {
  process.argv = argv;
});

describe('electron main: a bad flag', () => {
  it('opens the window and the tray, then shows the error with Retry and Quit', async () => {
    await vi.waitFor(() => expect(electron.dialog.shown).toHaveLength(1));
    expect(electron.BrowserWindow.created).toHaveLength(1);
    expect(electron.Tray.created).toHaveLength(1);
    // The host's own message for the value, which names the setting (the flag and AGENT_DESKTOP_MODE share it).
    expect(electron.dialog.shown[0]!.options.detail).toMatch(/MODE: Invalid option/);
    expect(createHost).not.toHaveBeenCalled();
  });

  it('the page is told the app is still starting instead of finding no handler', async () => {
    const { ipcChannel } = await import('../shared/contract');
    const contents = electron.BrowserWindow.created[0]!.webContents;
    const answer = await electron.ipcMain.handlers.get(ipcChannel('getSnapshot'))!({ sender: contents, senderFrame: contents.mainFrame }, {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'not_configured' } });
  });

  it('Retry asks again (the flag is still wrong); Quit quits and releases the single-instance lock', async () => {
    electron.dialog.shown[0]!.answer(0);
    await vi.waitFor(() => expect(electron.dialog.shown).toHaveLength(2));
    electron.dialog.shown[1]!.answer(1);
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    electron.app.emit('before-quit');
    electron.app.emit('will-quit', { preventDefault: () => undefined });
    await vi.waitFor(() => expect(electron.app.lockReleases).toBe(1));
    expect(quit).toHaveBeenCalledTimes(2);
    expect(electron.Tray.created[0]!.destroyed).toBe(true);
  });
});
