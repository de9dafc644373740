import { afterAll, describe, expect, it, vi } from 'vitest';
import { fakeHost } from '../host/transport/testing/fake-host';
import type * as HostModule from '../host/index';

/**
 * main.ts when the host fails to start (issue 8: "Electron start failures leave
 * a ghost"): the window is already there, the error is shown with Retry and
 * Quit, nothing is left as an unhandled rejection (vitest fails the run on one),
 * and Retry tries again.
 */
const electron = await import('./testing/electron-mock');
let failuresLeft = 1;
const host = Object.assign(fakeHost(), {
  windowsAtStart: [] as number[],
  start: vi.fn(async () => {
    host.windowsAtStart.push(electron.BrowserWindow.created.length);
    if (failuresLeft-- > 0) throw new Error('Could not decrypt the stored secret');
  }),
  stop: vi.fn(async () => undefined),
  demo: () => null,
});

vi.mock('electron', () => import('./testing/electron-mock'));
vi.mock('../emulator/demo/embedded', () => ({ startEmbeddedDemo: vi.fn() }));
vi.mock('../host/index', async (importOriginal) => ({ ...(await importOriginal<typeof HostModule>()), createHost: () => host }));

const stdout: string[] = [];
const writeSpy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (stdout.push(String(chunk)), true));
process.env.AGENT_DESKTOP_REPORT_READY = '1';
const quit = vi.spyOn(electron.app, 'quit');
const exit = vi.spyOn(electron.app, 'exit');
await import('./main');
afterAll(() => {
  writeSpy.mockRestore();
  delete process.env.AGENT_DESKTOP_REPORT_READY;
});

describe('electron main: a failed host start', () => {
  it('shows the window first, then the error with Retry and Quit over it', async () => {
    await vi.waitFor(() => expect(electron.dialog.shown).toHaveLength(1));
    expect(host.windowsAtStart).toEqual([1]);
    const [box] = electron.dialog.shown;
    expect(box!.parent).toBe(electron.BrowserWindow.created[0]);
    expect(box!.options).toMatchObject({ type: 'error', buttons: ['Retry', 'Quit'], cancelId: 1 });
    expect(box!.options.detail).toContain('Could not decrypt the stored secret');
    // What was half-started is released before asking; the app neither quits nor exits by itself.
    expect(host.stop).toHaveBeenCalledTimes(1);
    expect(quit).not.toHaveBeenCalled();
    expect(exit).not.toHaveBeenCalled();
  });

  it('still reports the window as ready, so `npm start` does not give up on it while the agent decides', async () => {
    electron.BrowserWindow.created[0]!.webContents.emit('did-finish-load');
    await vi.waitFor(() => expect(stdout.some((l) => l.startsWith('{"ready":true'))).toBe(true));
  });

  it('Retry starts the host again, and then it runs', async () => {
    electron.dialog.shown[0]!.answer(0);
    await vi.waitFor(() => expect(host.start).toHaveBeenCalledTimes(2));
    expect(electron.dialog.shown).toHaveLength(1);
    expect(quit).not.toHaveBeenCalled();
    expect(stdout.filter((l) => l.startsWith('{"ready":true'))).toHaveLength(1);
  });
});
