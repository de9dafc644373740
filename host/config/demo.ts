/**
 * What the host needs from an emulator in demo mode: the emulator's own ready
 * object (CORE's `EmulatorReady`, restated structurally so host/ does not load
 * the emulator unless demo mode is used).
 */
export interface EmulatorReady {
  ready: true;
  url: string;
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
  workspaceSid: string;
  workflowSid: string;
  workers: { sid: string; friendlyName: string; contactUri: string }[];
  activities: Record<string, string>;
}

export interface DemoEmulator {
  ready: EmulatorReady;
  close(): Promise<void>;
}

/** The default demo: the embedded emulator with demo traffic on a free loopback port. Loaded lazily. */
export async function startEmbeddedDemo(): Promise<DemoEmulator> {
  // A variable specifier keeps host/ compiling while the emulator is built in parallel.
  const specifier = '../../emulator/index';
  const emulator = (await import(specifier)) as {
    startEmulator(options: { port: number; host: string; traffic: 'demo' }): Promise<{ ready: EmulatorReady; close(): Promise<void> }>;
  };
  const running = await emulator.startEmulator({ port: 0, host: '127.0.0.1', traffic: 'demo' });
  return { ready: running.ready, close: () => running.close() };
}
