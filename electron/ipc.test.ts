import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { EVENT_NAMES, REQUEST_NAMES, ipcChannel } from '../shared/contract';
import { fakeHost, type FakeHost } from '../host/transport/testing/fake-host';
import type { Logger } from '../host/types';

vi.mock('electron', () => import('./testing/electron-mock'));
const { ipcMain, FakeWebContents } = await import('./testing/electron-mock');
const { registerIpcHandlers, forwardHostEvents, HOST_NOT_STARTED } = await import('./ipc');

const WR = `WR${'b'.repeat(32)}`;

let host: FakeHost;
let ours: InstanceType<typeof FakeWebContents>;
let dispose: () => void;
const mainContents = () => ours as unknown as WebContents;

const invoke = (name: string, event: unknown, input: unknown) => {
  const handler = ipcMain.handlers.get(ipcChannel(name as never));
  if (!handler) throw new Error(`no handler for ${name}`);
  return handler(event, input) as Promise<{ ok: boolean; error?: { code: string } }>;
};
const fromOurWindow = () => ({ sender: ours, senderFrame: ours.mainFrame });

beforeEach(() => {
  dispose?.();
  host = fakeHost();
  ours = new FakeWebContents('app://agent/index.html');
  dispose = registerIpcHandlers(host.handlers, mainContents);
});

describe('registerIpcHandlers', () => {
  it('registers exactly one handler per contract request', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(REQUEST_NAMES.map(ipcChannel).sort());
  });

  it('serves our own window with the parsed input', async () => {
    await expect(invoke('acceptReservation', fromOurWindow(), { reservationSid: WR })).resolves.toEqual({
      ok: true,
      value: { echo: { reservationSid: WR } },
    });
    expect(host.calls).toEqual([{ method: 'acceptReservation', input: { reservationSid: WR } }]);
  });

  it('refuses foreign senders with unauthorized, before the host sees anything', async () => {
    const stranger = new FakeWebContents('app://agent/index.html');
    const subframe = { url: 'app://agent/index.html' };
    const foreign = [
      { sender: stranger, senderFrame: stranger.mainFrame }, // another window or webview
      { sender: ours, senderFrame: subframe }, // an iframe inside our page
      { sender: ours, senderFrame: null }, // a frame that has gone away
    ];
    for (const event of foreign) {
      const result = await invoke('getSettings', event, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    for (const url of ['https://evil.example/', 'app://agent.evil/index.html', 'file:///tmp/index.html']) {
      ours.url = url; // our window, navigated away from the app
      expect(await invoke('getSettings', fromOurWindow(), {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(host.calls).toEqual([]);
  });

  it('answers malformed input with invalid_input and never calls the host', async () => {
    for (const input of [{ reservationSid: 'nope' }, null, 'text', { reservationSid: WR, extra: true }]) {
      expect(await invoke('acceptReservation', fromOurWindow(), input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(host.calls).toEqual([]);
  });

  it('removes every handler when disposed', () => {
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    dispose = registerIpcHandlers(host.handlers, mainContents);
  });

  it('answers "still starting" until the host exists, then serves it', async () => {
    dispose();
    let current: FakeHost['handlers'] | null = null;
    dispose = registerIpcHandlers(() => current, mainContents);
    await expect(invoke('getSettings', fromOurWindow(), {})).resolves.toEqual(HOST_NOT_STARTED);
    current = host.handlers;
    await expect(invoke('getSettings', fromOurWindow(), {})).resolves.toEqual({ ok: true, value: { echo: {} } });
  });
});

const recordingLogger = () => {
  const errors: { msg: string; data?: Record<string, unknown> }[] = [];
  const logger: Logger = { info: () => undefined, warn: () => undefined, error: (msg, data) => void errors.push({ msg, ...(data ? { data } : {}) }) };
  return { logger, errors };
};

describe('forwardHostEvents', () => {
  it('pushes every event to our page on its channel, and stops when disposed', () => {
    const stop = forwardHostEvents(host, mainContents, recordingLogger().logger);
    expect(EVENT_NAMES.every((event) => host.listenerCount(event) === 1)).toBe(true);
    const connection = { state: 'subscribed' as const, since: 5, detail: null, lastGap: null };
    host.emit('connectionChanged', connection);
    expect(ours.sent).toEqual([{ channel: ipcChannel('connectionChanged'), payload: connection }]);
    stop();
    expect(host.listenerCount()).toBe(0);
  });

  it('drops an event outside the contract and logs which field, as browser mode does', () => {
    const { logger, errors } = recordingLogger();
    const stop = forwardHostEvents(host, mainContents, logger);
    host.emit('connectionChanged', { state: 'exploded', since: 5, detail: null, lastGap: null } as never);
    host.emit('reservationUpdated', { sid: 42 } as never);
    expect(ours.sent).toEqual([]);
    expect(errors).toEqual([
      { msg: 'dropped an event outside the contract', data: expect.objectContaining({ name: 'connectionChanged', kind: 'event', path: 'state' }) },
      { msg: 'dropped an event outside the contract', data: expect.objectContaining({ name: 'reservationUpdated', kind: 'event', path: 'sid' }) },
    ]);
    stop();
  });

  it('sends nothing to a window that left the app origin or was destroyed', () => {
    const stop = forwardHostEvents(host, mainContents, recordingLogger().logger);
    ours.url = 'https://evil.example/';
    host.emit('activitiesUpdated', []);
    ours.url = 'app://agent/index.html';
    ours.destroyed = true;
    host.emit('activitiesUpdated', []);
    expect(ours.sent).toEqual([]);
    stop();
  });
});
