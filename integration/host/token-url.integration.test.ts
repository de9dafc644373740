import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestEmulator, waitFor, type TestEmulator } from '../../emulator/test-support';
import type { ConnectionState, Reservation } from '../../shared/model';
import { createHost, memorySecretStore, memorySettingsStore, type Host } from '../../host/index';
import { mintWorkerToken } from '../../host/tokens/mint';

let emulator: TestEmulator | undefined;
let tokenServer: Server | undefined;
let host: Host | undefined;
afterEach(async () => {
  await host?.stop();
  await new Promise((resolve) => (tokenServer ? tokenServer.close(resolve) : resolve(undefined)));
  await emulator?.close();
  host = tokenServer = emulator = undefined;
});

/** The customer's backend: answers the documented JSON with a token it minted for the worker. */
async function startTokenServer(e: TestEmulator, workerSid: string): Promise<{ url: string; served: () => number }> {
  let served = 0;
  tokenServer = createServer((_req, res) => {
    served++;
    const { ready } = e;
    const token = mintWorkerToken({ accountSid: ready.accountSid, apiKeySid: ready.apiKeySid, apiKeySecret: ready.apiKeySecret, workspaceSid: ready.workspaceSid, workerSid, ttlSeconds: 3600, now: Date.now() });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ taskrouter: token.jwt }));
  });
  await new Promise<void>((resolve) => tokenServer!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(tokenServer!.address() as AddressInfo).port}/token`, served: () => served };
}

describe.each(['subscribe', 'poll'] as const)('token URL mode (%s)', (transport) => {
  it('watches and acts with only the worker token from the customer backend', async () => {
    emulator = await startTestEmulator({ workers: 1 });
    const workerSid = emulator.ready.workers[0]!.sid;
    const tokens = await startTokenServer(emulator, workerSid);
    const secrets = memorySecretStore({ 'twilio.secret': 'an-old-secret-1234' });
    host = createHost({ secrets, settings: memorySettingsStore(), overrides: { restBaseUrl: emulator.ready.url, pollIntervalMs: 200 } });
    const updates: Reservation[] = [];
    let connection: ConnectionState | null = null;
    host.on('reservationUpdated', (r) => updates.push(r));
    host.on('connectionChanged', (c) => (connection = c));
    await host.start();
    const saved = await host.handlers.saveSettings({ mode: 'tokenUrl', tokenUrl: tokens.url, transport });
    expect(saved).toMatchObject({ ok: true, value: { mode: 'tokenUrl', hasSecret: false, tokenUrl: tokens.url } });
    expect(await secrets.get('twilio.secret')).toBeNull();
    await waitFor(() => connection?.state === (transport === 'subscribe' ? 'subscribed' : 'polling'), { description: `token URL ${transport}`, timeoutMs: 10_000 });
    expect(tokens.served()).toBeGreaterThanOrEqual(1);

    const created = await emulator.admin.createTask({ attributes: { caller_name: 'Alan Turing' } });
    const taskSid = created.body.sid;
    const offer = await waitFor(() => updates.find((r) => r.taskSid === taskSid), { description: 'offer via token URL mode' });
    expect(offer).toMatchObject({ status: 'pending', caller: { name: 'Alan Turing' }, timeoutSeconds: 120 });
    const accepted = await host.handlers.acceptReservation({ reservationSid: offer.sid });
    expect(accepted).toMatchObject({ ok: true, value: { status: 'accepted' } });
    expect(emulator.running.engine.getReservation(offer.sid)?.status).toBe('accepted');
    const snapshot = await host.handlers.getSnapshot({});
    expect(snapshot.ok && snapshot.value.activities.length).toBeGreaterThan(0);
  });
});
