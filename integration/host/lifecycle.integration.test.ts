import { afterEach, describe, expect, it } from 'vitest';
import { startTestEmulator, waitFor, type TestEmulator } from '../../emulator/test-support';
import type { ConnectionState } from '../../shared/model';
import { createHost, memorySecretStore, memorySettingsStore, type Host } from '../../host/index';

let emulator: TestEmulator | undefined;
let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  await emulator?.close();
  host = emulator = undefined;
});

describe('host lifecycle and settings', () => {
  it('closes a demo emulator that finished starting after the host was stopped', async () => {
    let release: () => void = () => undefined;
    let closed = 0;
    host = createHost({
      secrets: memorySecretStore(),
      settings: memorySettingsStore(),
      startDemo: () =>
        new Promise((resolve) => {
          release = () => resolve({ ready: { url: 'http://127.0.0.1:9' } as never, close: async () => void closed++ });
        }),
    });
    const starting = host.start();
    await host.stop();
    release();
    await starting;
    expect(closed).toBe(1);
    expect(host.demo()).toBeNull();
  });

  it('account mode waits for its secret, never echoes it, and connects once it is saved', async () => {
    emulator = await startTestEmulator({ workers: 1 });
    const { ready } = emulator;
    const secrets = memorySecretStore();
    const settings = memorySettingsStore({ mode: 'account', accountSid: ready.accountSid, apiKeySid: ready.apiKeySid, workspaceSid: ready.workspaceSid, workerSid: ready.workers[0]!.sid });
    host = createHost({ secrets, settings, overrides: { restBaseUrl: ready.url } });
    const pushed: unknown[] = [];
    let connection: ConnectionState | null = null;
    for (const name of ['reservationUpdated', 'workerUpdated', 'activitiesUpdated', 'connectionChanged', 'settingsChanged'] as const) host.on(name, (p: unknown) => pushed.push(p));
    host.on('connectionChanged', (c) => (connection = c));
    await host.start();
    expect(connection).toMatchObject({ state: 'unconfigured', detail: expect.stringMatching(/API key secret/) });
    expect(await host.handlers.acceptReservation({ reservationSid: 'WR' + '0'.repeat(32) })).toMatchObject({ ok: false, error: { code: 'not_configured' } });

    const answers: unknown[] = [];
    answers.push(
      await host.handlers.saveSettings({ mode: 'account', accountSid: ready.accountSid, apiKeySid: ready.apiKeySid, secret: ready.apiKeySecret, workspaceSid: ready.workspaceSid, workerSid: ready.workers[0]!.sid }),
    );
    await waitFor(() => connection?.state === 'subscribed', { description: 'connected with the saved secret', timeoutMs: 10_000 });
    answers.push(await host.handlers.getSettings({}), await host.handlers.getSnapshot({}));
    expect(answers[0]).toMatchObject({ ok: true, value: { hasSecret: true, mode: 'account' } });
    expect(await secrets.get('twilio.secret')).toBe(ready.apiKeySecret);
    expect(JSON.stringify(await settings.load())).not.toContain(ready.apiKeySecret);
    expect(JSON.stringify([answers, pushed])).not.toContain(ready.apiKeySecret);
  });
});
