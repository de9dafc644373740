import { describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, REQUEST_NAMES, eventListenerName, ipcChannel } from '../shared/contract';

vi.mock('electron', () => import('./testing/electron-mock'));
const { contextBridge, ipcRenderer } = await import('./testing/electron-mock');
await import('./preload');

const WR = `WR${'c'.repeat(32)}`;
const exposed = () => contextBridge.exposed.get('agentDesktop') as Record<string, (...args: unknown[]) => unknown>;

describe('preload', () => {
  it('exposes one object, agentDesktop, and nothing else', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['agentDesktop']);
  });

  it('has exactly the contract names: one function per request, one onX per event', () => {
    const expected = [...REQUEST_NAMES, ...EVENT_NAMES.map(eventListenerName)].sort();
    expect(Object.keys(exposed()).sort()).toEqual(expected);
    for (const value of Object.values(exposed())) expect(typeof value).toBe('function');
    for (const generic of ['invoke', 'send', 'on', 'once', 'ipcRenderer', 'sendSync', 'removeListener']) expect(exposed()).not.toHaveProperty(generic);
  });

  it('calls each request on its own channel with the input', async () => {
    await exposed().acceptReservation!({ reservationSid: WR });
    expect(ipcRenderer.invoked.at(-1)).toEqual({ channel: ipcChannel('acceptReservation'), args: [{ reservationSid: WR }] });
  });

  it('delivers event payloads (never the IPC event) until unsubscribed', () => {
    const received: unknown[] = [];
    const unsubscribe = exposed().onReservationUpdated!((payload: unknown) => received.push(payload)) as () => void;
    const ipcEvent = { sender: ipcRenderer };
    ipcRenderer.emit(ipcChannel('reservationUpdated'), ipcEvent, { sid: WR });
    unsubscribe();
    ipcRenderer.emit(ipcChannel('reservationUpdated'), ipcEvent, { sid: 'after' });
    expect(received).toEqual([{ sid: WR }]);
    expect(ipcRenderer.listenerCount(ipcChannel('reservationUpdated'))).toBe(0);
  });

  it('cannot be modified by the page', () => {
    expect(Object.isFrozen(exposed())).toBe(true);
  });
});
