import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestEmulator, waitFor, type TestEmulator } from '../../emulator/test-support';
import { SECRET_NAME } from '../../host/config/settings';
import { createHost, memorySecretStore, memorySettingsStore, type Host } from '../../host/index';
import type * as SubscriberModule from '../../host/watch/subscriber';

/**
 * The Worker SDK (2.1.x) gives up for good when its first reads after a
 * (re)connect fail ("Failed to initialize Worker"): its socket stays open and
 * never becomes ready. Here the first live connection is made to behave so
 * (its ready is never reported); the host must replace it instead of polling
 * for the rest of the shift.
 */
let swallowReady = 0;
vi.mock('../../host/watch/subscriber', async (importOriginal) => {
  const original = await importOriginal<typeof SubscriberModule>();
  return {
    ...original,
    startSubscriber: (options: Parameters<typeof original.startSubscriber>[0]) => {
      if (swallowReady <= 0) return original.startSubscriber(options);
      swallowReady--;
      return original.startSubscriber({ ...options, events: { ...options.events, onReady: () => undefined } });
    },
  };
});

describe('a live connection that never becomes ready', () => {
  let emulator: TestEmulator | undefined;
  let host: Host | undefined;
  afterEach(async () => {
    await host?.stop();
    await emulator?.close();
    host = emulator = undefined;
  });

  it('is replaced by a fresh one, and the host ends up subscribed, not polling', { timeout: 60_000 }, async () => {
    emulator = await startTestEmulator({ workers: 1, manualClock: false });
    const { ready } = emulator;
    swallowReady = 1;
    const warnings: string[] = [];
    host = createHost({
      secrets: memorySecretStore({ [SECRET_NAME]: ready.apiKeySecret }),
      settings: memorySettingsStore({ mode: 'account', accountSid: ready.accountSid, apiKeySid: ready.apiKeySid, workspaceSid: ready.workspaceSid, workerSid: ready.workers[0]!.sid, transport: 'subscribe' }),
      overrides: { restBaseUrl: ready.url, pollIntervalMs: 200 },
      logger: { info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined },
    });
    const states: string[] = [];
    host.on('connectionChanged', (c) => states.push(c.state));
    await host.start();
    await waitFor(() => states.at(-1) === 'subscribed', { description: `subscribed (states so far: ${states.join(', ')})`, timeoutMs: 30_000 });
    expect(swallowReady).toBe(0);
    expect(warnings).toContain('the live connection is not ready; opening a fresh one');
    // Nothing was subscribed before the replacement: the stuck connection never claimed to be live.
    expect(states.indexOf('subscribed')).toBe(states.length - 1);
  });
});
