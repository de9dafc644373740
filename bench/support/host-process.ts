/**
 * Child-process entry: one agent host as browser mode runs it (createHost in account
 * mode + the browser bridge serving the built renderer), pointed at an emulator that
 * runs in ANOTHER process, so this process's CPU and memory are the host's alone.
 * Started by spawn-host.ts with --expose-gc; talks over the IPC channel.
 */
import { createHost, memorySecretStore, memorySettingsStore } from '../../host/index';
import { startBrowserBridge } from '../../host/browser-bridge/index';
import { emulatorAccountOverrides } from './account-overrides';
import type { HostProcessConfig, HostProcessReply, HostProcessRequest } from './host-process-protocol';

const config = JSON.parse(process.env.BENCH_HOST_CONFIG ?? 'null') as HostProcessConfig | null;
if (!config || !process.send) {
  console.error('host-process: start it through bench/support/spawn-host.ts (it needs BENCH_HOST_CONFIG and an IPC channel)');
  process.exit(2);
}
const send = (message: HostProcessReply) => process.send!(message);
const { ready } = config;

const host = createHost({
  secrets: memorySecretStore(),
  settings: memorySettingsStore(config.settings ?? null),
  overrides: emulatorAccountOverrides(ready, config.workerSid, config.transport),
});
const wanted = config.transport === 'subscribe' ? 'subscribed' : 'polling';
const connected = new Promise<void>((resolve) => {
  const off = host.on('connectionChanged', (c) => {
    if (c.state !== wanted) return;
    off();
    resolve();
  });
});
await host.start();
await connected;
const bridge = await startBrowserBridge({ host, port: 0, rendererDir: config.rendererDir });
send({ type: 'ready', url: bridge.url });

process.on('message', (raw: HostProcessRequest) => {
  if (raw.type === 'measure') {
    if (raw.gc) {
      // Twice: the first pass can leave objects that only the second frees (weak references, finalizers).
      globalThis.gc?.();
      globalThis.gc?.();
    }
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    send({ type: 'measured', id: raw.id, cpuMs: (cpu.user + cpu.system) / 1000, heapUsedBytes: memory.heapUsed, rssBytes: memory.rss, gcExposed: typeof globalThis.gc === 'function' });
    return;
  }
  if (raw.type === 'stop') {
    void (async () => {
      await bridge.close();
      await host.stop();
      // The Worker SDK keeps timers alive after disconnect (see bench/run.ts).
      process.exit(0);
    })();
  }
});
