import { startTestEmulator, waitFor, type TestEmulator } from '../../emulator/test-support';
import type { EventName, EventPayload } from '../../shared/contract';
import type { ConnectionState, Reservation } from '../../shared/model';
import { SECRET_NAME } from '../../host/config/settings';
import { createHost, memorySecretStore, memorySettingsStore, type Host, type HostOverrides, type Logger } from '../../host/index';

export interface HostHarness {
  emulator: TestEmulator;
  host: Host;
  workerSid: string;
  /** Every event the host pushed, in order. */
  events: { name: EventName; payload: unknown }[];
  reservationEvents(sid?: string): Reservation[];
  /** Creates a task through the admin API and waits until the emulator reserved it for our worker. */
  offer(attributes?: Record<string, unknown>): Promise<{ taskSid: string; reservationSid: string }>;
  /** Waits for the host to push a reservation update matching the predicate. */
  waitForReservation(predicate: (r: Reservation) => boolean, description: string, timeoutMs?: number): Promise<Reservation>;
  /** The last connection state pushed. */
  connection(): ConnectionState | null;
  waitForConnection(state: ConnectionState['state'], timeoutMs?: number): Promise<ConnectionState>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  transport: 'subscribe' | 'poll';
  pollIntervalMs?: number;
  tokenTtlSeconds?: number;
  reservationTimeoutSeconds?: number;
  manualClock?: boolean;
  workers?: number;
  logger?: Logger;
  /**
   * `demo` (default): demo mode forced by an override, as `npm start` runs it.
   * `account`: account mode for worker 0 from stored settings (only the REST origin is an override), so Settings can switch the worker.
   */
  mode?: 'demo' | 'account';
}

/** The host in demo mode against an in-process emulator (port 0, loopback, no demo traffic) that the test controls. */
export async function startHostHarness(options: HarnessOptions): Promise<HostHarness> {
  const emulator = await startTestEmulator({
    workers: options.workers ?? 1,
    manualClock: options.manualClock ?? true,
    ...(options.reservationTimeoutSeconds ? { reservationTimeoutSeconds: options.reservationTimeoutSeconds } : {}),
  });
  const { ready } = emulator;
  const account = options.mode === 'account';
  const overrides: HostOverrides = account
    ? { restBaseUrl: ready.url, pollIntervalMs: options.pollIntervalMs ?? 200 }
    : { mode: 'demo', transport: options.transport, pollIntervalMs: options.pollIntervalMs ?? 200 };
  const stored = account
    ? { mode: 'account', accountSid: ready.accountSid, apiKeySid: ready.apiKeySid, workspaceSid: ready.workspaceSid, workerSid: ready.workers[0]!.sid, transport: options.transport }
    : null;
  const host = createHost({
    secrets: memorySecretStore(account ? { [SECRET_NAME]: ready.apiKeySecret } : {}),
    settings: memorySettingsStore(stored),
    overrides,
    startDemo: async () => ({ ready: emulator.running.ready, close: async () => undefined }),
    ...(options.tokenTtlSeconds ? { tokenTtlSeconds: options.tokenTtlSeconds } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const events: HostHarness['events'] = [];
  const names: EventName[] = ['sessionReset', 'reservationUpdated', 'workerUpdated', 'activitiesUpdated', 'connectionChanged', 'settingsChanged'];
  for (const name of names) host.on(name, (payload: EventPayload<typeof name>) => events.push({ name, payload }));
  await host.start();
  const workerSid = emulator.ready.workers[0]!.sid;
  const reservationEvents = (sid?: string) =>
    events.filter((e) => e.name === 'reservationUpdated').map((e) => e.payload as Reservation).filter((r) => sid === undefined || r.sid === sid);

  const connection = () => (events.filter((e) => e.name === 'connectionChanged').at(-1)?.payload as ConnectionState | undefined) ?? null;
  // Start from the steady state of the chosen transport, so a test knows which source delivered what follows.
  await waitFor(() => connection()?.state === (options.transport === 'subscribe' ? 'subscribed' : 'polling'), { description: `host ${options.transport}`, timeoutMs: 10_000 });
  return {
    emulator,
    connection,
    waitForConnection: (state, timeoutMs = 10_000) =>
      waitFor(() => (connection()?.state === state ? connection() : null), { description: `connection state ${state} (now ${connection()?.state})`, timeoutMs }),
    host,
    workerSid,
    events,
    reservationEvents,
    async offer(attributes = { caller_name: 'Ada Lovelace', from: '+14155550100', reason: 'billing', call_sid: 'CA' + '0'.repeat(32) }) {
      const created = await emulator.admin.createTask({ attributes });
      if (created.status !== 201) throw new Error(`creating a task answered ${created.status}: ${JSON.stringify(created.body)}`);
      const taskSid = created.body.sid;
      const reservation = await waitFor(() => emulator.running.engine.listReservations({ taskSid }).find((r) => r.workerSid === workerSid), {
        description: `a reservation of ${taskSid} for ${workerSid}`,
      });
      return { taskSid, reservationSid: reservation.sid };
    },
    waitForReservation(predicate, description, timeoutMs = 5_000) {
      return waitFor(() => reservationEvents().find(predicate), { description, timeoutMs });
    },
    async close() {
      await host.stop();
      await emulator.close();
    },
  };
}
