import { globalAgent } from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestEmulator, waitFor, type TestEmulator } from '../../emulator/test-support';
import { SECRET_NAME } from '../../host/config/settings';
import { createHost, memorySecretStore, memorySettingsStore, type Host } from '../../host/index';

const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

/** Records every TCP connection opened from now on (this process only), with the request that opened it. */
function recordConnections() {
  const opened: { socket: net.Socket; request?: string }[] = [];
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const entry: { socket: net.Socket; request?: string } = { socket: this };
    this.once('connect', () => {
      const message = (this as unknown as { _httpMessage?: { method?: string; path?: string } })._httpMessage;
      entry.request = message ? `${message.method} ${message.path?.split('?')[0]}` : 'not HTTP';
    });
    opened.push(entry);
    return (connect as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof connect;
  return {
    opened,
    restore: () => void (net.Socket.prototype.connect = connect),
  };
}

/**
 * A stopped host leaves nothing running: no timer, no connection of its own
 * and no listener — after a session that subscribed, polled, refreshed tokens,
 * reconnected, switched worker and transport, and acted. The emulator runs on
 * a manual clock and the test drives it in-process, so every timer and
 * connection counted here is the host's.
 */
describe('a stopped host leaves nothing behind', () => {
  let emulator: TestEmulator | undefined;
  let host: Host | undefined;
  let recorder: ReturnType<typeof recordConnections> | undefined;
  afterEach(async () => {
    recorder?.restore();
    await host?.stop();
    await emulator?.close();
    host = emulator = recorder = undefined;
  });

  it('no timers, connections or listeners after stop(), however many connections it went through', { timeout: 60_000 }, async () => {
    emulator = await startTestEmulator({ workers: 2 });
    const { ready, running } = emulator;
    const timersBefore = timers();
    recorder = recordConnections();
    host = createHost({
      secrets: memorySecretStore({ [SECRET_NAME]: ready.apiKeySecret }),
      settings: memorySettingsStore({ mode: 'account', accountSid: ready.accountSid, apiKeySid: ready.apiKeySid, workspaceSid: ready.workspaceSid, workerSid: ready.workers[0]!.sid, transport: 'subscribe' }),
      overrides: { restBaseUrl: ready.url, pollIntervalMs: 200 },
    });
    let state = '';
    const unsubscribe = host.on('connectionChanged', (c) => (state = c.state));
    await host.start();
    await waitFor(() => state === 'subscribed', { description: 'subscribed' });

    const task = running.engine.createTask({ Attributes: JSON.stringify({ caller_name: 'Leak Test' }) });
    if (!task.ok) throw new Error('task not created');
    const reservation = await waitFor(() => running.engine.listReservations({ taskSid: task.value.sid })[0]);
    await waitFor(() => host!.pendingCount() === 1, { description: 'offer seen' });
    expect((await host.handlers.acceptReservation({ reservationSid: reservation.sid })).ok).toBe(true);
    expect((await host.handlers.completeReservation({ reservationSid: reservation.sid })).ok).toBe(true);
    await host.reconcile('resume');
    const account = { mode: 'account' as const, accountSid: ready.accountSid, apiKeySid: ready.apiKeySid, workspaceSid: ready.workspaceSid };
    await host.handlers.saveSettings({ ...account, workerSid: ready.workers[1]!.sid, transport: 'poll' });
    await waitFor(() => state === 'polling', { description: 'polling' });
    await host.handlers.saveSettings({ ...account, workerSid: ready.workers[0]!.sid, transport: 'subscribe' });
    await waitFor(() => state === 'subscribed', { description: 'subscribed again' });
    expect(host.listenerCount()).toBeGreaterThan(0);
    expect(timers()).toBeGreaterThan(timersBefore);
    expect(recorder.opened.length).toBeGreaterThan(5);

    await host.stop();
    unsubscribe();
    // Idle sockets in Node's shared pool are not the host's: the Worker SDK's own HTTP calls to a plain-http
    // EventBridge (the emulator) go through it, and it reuses them and closes them on the server's keep-alive
    // timeout. Over https (Twilio) the SDK uses its own agent without keep-alive.
    const pooled = () => new Set<unknown>(Object.values(globalAgent.freeSockets).flat());
    const leftOpen = () => recorder!.opened.filter((c) => !c.socket.destroyed && !pooled().has(c.socket)).map((c) => c.request ?? 'connecting');
    await waitFor(() => timers() <= timersBefore && leftOpen().length === 0, { description: 'no timer and no connection left', timeoutMs: 3_000 }).catch((e: Error) => {
      throw new Error(`${e.message}: ${timers()} timers (before: ${timersBefore}), open: ${JSON.stringify(leftOpen())}`);
    });
    expect(host.listenerCount()).toBe(0);
  });
});
