import { randomBytes } from 'node:crypto';
import { startEmulator, type EmulatorReady } from '../index';

/**
 * The emulator as the desktop's embedded demo: demo traffic on a free loopback
 * port. The ONE place a launcher starts it (electron/main.ts, scripts/lib/browser-mode.ts,
 * and through them `npm start`, the Electron e2e suite and scripts/start.test.ts); each
 * passes this function to the host as `startDemo`, so host/ never imports emulator/.
 * Its result fits the host's `DemoEmulator` (host/types.ts) structurally.
 */
export interface EmbeddedDemo {
  ready: EmulatorReady;
  close(): Promise<void>;
}

/**
 * The embedded emulator's admin API (and its ready object, which holds the demo
 * credentials) is locked with a secret made for this launch: a web page that
 * reaches 127.0.0.1 cannot read or drive it. `ready.adminSecret` carries it to
 * whoever started the app (the ready line on stdout), nowhere else.
 */
export async function startEmbeddedDemo(): Promise<EmbeddedDemo> {
  const running = await startEmulator({ port: 0, host: '127.0.0.1', traffic: 'demo', adminSecret: randomBytes(32).toString('base64url') });
  return { ready: running.ready, close: () => running.close() };
}
