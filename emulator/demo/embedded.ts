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

export async function startEmbeddedDemo(): Promise<EmbeddedDemo> {
  // Issue 8 ("the emulator's own door"): once startEmulator accepts `adminSecret`, generate a
  // per-launch secret here (node:crypto randomBytes(32).toString('base64url')), pass it as
  // `startEmulator({ ..., adminSecret })` and hand it back beside `ready` for the launcher
  // that needs the admin API. Nothing else has to change: every launcher comes through here.
  const running = await startEmulator({ port: 0, host: '127.0.0.1', traffic: 'demo' });
  return { ready: running.ready, close: () => running.close() };
}
