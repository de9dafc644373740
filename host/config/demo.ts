import type { EmulatorReady } from '../../emulator/index';

export type { EmulatorReady };

/** A running demo emulator as the host needs it. */
export interface DemoEmulator {
  ready: EmulatorReady;
  close(): Promise<void>;
}

/** The default demo: the embedded emulator with demo traffic on a free loopback port, loaded only when demo mode is used. */
export async function startEmbeddedDemo(): Promise<DemoEmulator> {
  const { startEmulator } = await import('../../emulator/index');
  const running = await startEmulator({ port: 0, host: '127.0.0.1', traffic: 'demo' });
  return { ready: running.ready, close: () => running.close() };
}
