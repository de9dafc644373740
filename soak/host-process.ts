/**
 * The agent host as the soak runs it: its own process (so its heap, timers and
 * sockets are its own), in account mode against the soak's emulator, behind
 * the browser bridge that serves the built renderer. Started with
 * `node --expose-gc --import tsx soak/host-process.ts` through fork(); it
 * takes commands over the IPC channel and answers each with its id.
 */
import { startBrowserBridge } from '../host/browser-bridge/index';
import { SECRET_NAME } from '../host/config/settings';
import { createHost, memorySecretStore, memorySettingsStore } from '../host/index';
import type { EmulatorReadyInfo } from '../emulator/test-support/emulator-ready';
import { RENDERER_OUT } from '../scripts/lib/paths';
import type { HostCommand, HostReply, HostStats } from './protocol';

const config = JSON.parse(process.env.SOAK_HOST_CONFIG ?? 'null') as { ready: EmulatorReadyInfo; workerSid: string; tokenTtlSeconds: number } | null;
if (!config || !process.send) {
  console.error('soak host: start me with fork() and SOAK_HOST_CONFIG');
  process.exit(2);
}
const { ready } = config;

const host = createHost({
  secrets: memorySecretStore({ [SECRET_NAME]: ready.apiKeySecret }),
  // Stored settings, as the Settings dialog saves them, so the soak can switch the worker like an agent.
  settings: memorySettingsStore({ mode: 'account', accountSid: ready.accountSid, apiKeySid: ready.apiKeySid, workspaceSid: ready.workspaceSid, workerSid: config.workerSid, transport: 'subscribe' }),
  overrides: { restBaseUrl: ready.url },
  tokenTtlSeconds: config.tokenTtlSeconds,
  logger: { info: () => undefined, warn: () => undefined, error: (msg, data) => console.error('soak host error:', msg, JSON.stringify(data ?? {})) },
});
await host.start();
const bridge = await startBrowserBridge({ host, port: 0, rendererDir: RENDERER_OUT });

function stats(): HostStats {
  (globalThis as { gc?: () => void }).gc?.();
  const resources: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) resources[kind] = (resources[kind] ?? 0) + 1;
  return { heapUsed: process.memoryUsage().heapUsed, rss: process.memoryUsage().rss, resources, pendingCount: host.pendingCount() };
}

process.on('message', (message: HostCommand) => {
  void (async (): Promise<HostReply> => {
    switch (message.cmd) {
      case 'reconcile':
        await host.reconcile(message.reason);
        return { id: message.id, ok: true };
      case 'switchWorker': {
        const saved = await host.handlers.saveSettings({ mode: 'account', accountSid: ready.accountSid, apiKeySid: ready.apiKeySid, workspaceSid: ready.workspaceSid, workerSid: message.workerSid });
        return { id: message.id, ok: saved.ok };
      }
      case 'snapshot': {
        const snapshot = await host.handlers.getSnapshot({});
        return { id: message.id, ok: snapshot.ok, snapshot: snapshot.ok ? snapshot.value : undefined };
      }
      case 'stats':
        return { id: message.id, ok: true, stats: stats() };
      case 'stop':
        await bridge.close();
        await host.stop();
        return { id: message.id, ok: true, stats: stats() };
    }
  })().then((reply) => process.send!(reply));
});

// The soak that started us is gone (it finished, failed or was killed): so are we, rather than reconnecting forever.
process.on('disconnect', () => process.exit(0));

process.send({ id: 0, ok: true, url: bridge.url } satisfies HostReply);
