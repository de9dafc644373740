import { afterEach, describe, expect, it } from 'vitest';
import { startTestEmulator, waitFor, type TestEmulator } from '../../../emulator/test-support';
import { eventBridgeEndpoints } from '../../../host/config/connection';
import { mintWorkerToken } from '../../../host/tokens/mint';
import { startSubscriber } from '../../../host/watch/subscriber';

const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe('the Worker SDK subscriber', () => {
  let emulator: TestEmulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  it('leaves no timer behind once stopped (twilio-taskrouter keeps its token and heartbeat timers after disconnect)', async () => {
    emulator = await startTestEmulator({ workers: 1 });
    const { ready } = emulator;
    const before = timers();
    // Several generations, as token refreshes and reconciles make over a shift.
    for (let generation = 0; generation < 3; generation++) {
      const token = mintWorkerToken({ accountSid: ready.accountSid, apiKeySid: ready.apiKeySid, apiKeySecret: ready.apiKeySecret, workspaceSid: ready.workspaceSid, workerSid: ready.workers[0]!.sid, ttlSeconds: 3600, now: Date.now() });
      let up = false;
      const subscriber = startSubscriber({
        token: token.jwt,
        ...eventBridgeEndpoints(ready.url),
        events: { onReady: () => (up = true), onDisconnected: () => undefined, onReservation: () => undefined, onWorker: () => undefined, onTokenExpired: () => undefined, onError: () => undefined },
      });
      await waitFor(() => up, { description: 'the SDK is ready' });
      expect(timers()).toBeGreaterThan(before);
      subscriber.stop();
    }
    // The SDK's own short timers (none are expected here) may take a moment; its hour-long token timer must be gone.
    await waitFor(() => timers() <= before, { description: `no timers left (before ${before}, now ${timers()})`, timeoutMs: 3_000 });
  });
});
