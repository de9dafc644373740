import { afterEach, describe, expect, it } from 'vitest';
import { spawnEmulator, type SpawnedEmulator } from '../../bench/support/spawn-emulator';
import { waitFor } from '../../emulator/test-support';
import { SECRET_NAME } from '../../host/config/settings';
import { createHost, memorySecretStore, memorySettingsStore, type Host } from '../../host/index';

/**
 * TaskRouter gone for a while (network down, laptop off the VPN): the host
 * keeps trying, says so, and never crashes — even when its short-lived worker
 * tokens are refreshed in the meantime. The emulator runs in its own process,
 * killed outright, as a network loss looks from here.
 */
describe('TaskRouter unreachable', () => {
  let emulator: SpawnedEmulator | undefined;
  let host: Host | undefined;
  const uncaught: unknown[] = [];
  const onUncaught = (e: unknown) => void uncaught.push(e);
  afterEach(async () => {
    process.off('uncaughtException', onUncaught);
    await host?.stop();
    await emulator?.stop().catch(() => undefined);
    host = emulator = undefined;
  });

  it('survives token refreshes while the server is down, and reports it offline', { timeout: 60_000 }, async () => {
    process.on('uncaughtException', onUncaught);
    emulator = await spawnEmulator();
    const { ready } = emulator;
    const logs: string[] = [];
    host = createHost({
      secrets: memorySecretStore({ [SECRET_NAME]: ready.apiKeySecret }),
      settings: memorySettingsStore({ mode: 'account', accountSid: ready.accountSid, apiKeySid: ready.apiKeySid, workspaceSid: ready.workspaceSid, workerSid: ready.workers[0]!.sid, transport: 'subscribe' }),
      overrides: { restBaseUrl: ready.url },
      // Refreshed every second (7-s tokens, renewed 6 s before they expire).
      tokenTtlSeconds: 7,
      logger: { info: (m) => logs.push(m), warn: () => undefined, error: () => undefined },
    });
    const states: string[] = [];
    host.on('connectionChanged', (c) => states.push(c.state));
    await host.start();
    await waitFor(() => states.at(-1) === 'subscribed', { description: 'subscribed' });

    process.kill(emulator.pid, 'SIGKILL');
    const refreshedBefore = logs.filter((l) => l === 'worker token refreshed').length;
    await waitFor(() => logs.filter((l) => l === 'worker token refreshed').length >= refreshedBefore + 10, { description: 'ten token refreshes while down', timeoutMs: 40_000 });
    await waitFor(() => states.at(-1) === 'offline', { description: 'reported offline' });
    expect(uncaught).toEqual([]);
  });
});
