import twilio from 'twilio';
import { RENDERER_DIR } from '../../e2e/support/renderer-build';
import { spawnEmulator, type SpawnedEmulator } from './spawn-emulator';
import { spawnHost, type SpawnedHost } from './spawn-host';

/**
 * The app as the browser-suites measure it, in three processes besides the bench's own:
 * the emulator (spawned CLI), the agent host + browser bridge (spawned, account mode,
 * pointed at the emulator over loopback) and Chromium (the suite launches it). The bench
 * process only drives them, so a process's CPU and memory are its own.
 */
export interface StackOptions {
  /** The workflow's reservation timeout (s); long, so offers stay pending while measured. */
  reservationTimeoutSeconds?: number;
  /** How many offers the agent's worker may hold at once (null: the emulator's 1 per channel). */
  capacity?: number | null;
  transport?: 'subscribe' | 'poll';
  /** Workers the emulator seeds (the agent is the first; the others go Offline unless kept). */
  workers?: number;
  /** Indices of other workers left Available (the voice floor's Device is one). */
  keepAvailable?: number[];
  /** Stored host settings, e.g. { defaultInstruction: 'accept' }. */
  settings?: unknown;
}

export interface EmulatorReservation {
  sid: string;
  taskSid: string;
  workerSid: string;
  status: string;
  /** Epoch ms on the emulator's clock (the wall clock: the bench runs it at speed 1). */
  dateCreated: number;
}

export interface Stack {
  emulator: SpawnedEmulator;
  host: SpawnedHost;
  /** The page address with the bridge secret. */
  url: string;
  workerSid: string;
  /** twilio-node pointed at the emulator, with its API key (what a supervisor's backend would use). */
  rest: twilio.Twilio;
  workspace: ReturnType<twilio.Twilio['taskrouter']['v1']['workspaces']>;
  admin<T>(path: string, body?: unknown): Promise<T>;
  createTask(attributes: Record<string, unknown>): Promise<string>;
  reservations(): Promise<EmulatorReservation[]>;
  /** The agent's reservation for a task, once the emulator made it (bounded wait). */
  reservationFor(taskSid: string, workerSid?: string): Promise<EmulatorReservation>;
  close(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const workers = options.workers ?? 3;
  const emulator = await spawnEmulator({ args: ['--port', '0', '--traffic', 'off', '--reservation-timeout', String(options.reservationTimeoutSeconds ?? 600), '--workers', String(workers)] });
  const { ready } = emulator;
  try {
    const rest = twilio(ready.apiKeySid, ready.apiKeySecret, { accountSid: ready.accountSid });
    rest.taskrouter.baseUrl = ready.url;
    rest.api.baseUrl = ready.url;
    const workspace = rest.taskrouter.v1.workspaces(ready.workspaceSid);
    const workerSid = ready.workers[0]!.sid;
    const keep = new Set(options.keepAvailable ?? []);
    for (const [index, other] of ready.workers.entries()) {
      if (index === 0 || keep.has(index)) continue;
      await workspace.workers(other.sid).update({ activitySid: ready.activities.Offline! });
    }
    if (options.capacity !== null) await workspace.workers(workerSid).workerChannels('default').update({ capacity: options.capacity ?? 4 });

    const host = await spawnHost({
      ready,
      workerSid,
      transport: options.transport ?? 'subscribe',
      rendererDir: RENDERER_DIR,
      settings: options.settings ?? null,
    });

    const admin = async <T>(path: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${ready.url}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!response.ok) throw new Error(`emulator ${path}: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const reservations = async () => (await admin<{ reservations: EmulatorReservation[] }>('/emulator/state')).reservations;
    return {
      emulator,
      host,
      url: host.url,
      workerSid,
      rest,
      workspace,
      admin,
      createTask: async (attributes) => (await admin<{ sid: string }>('/emulator/tasks', { attributes })).sid,
      reservations,
      async reservationFor(taskSid, forWorker = workerSid) {
        const deadline = Date.now() + 10_000;
        while (Date.now() < deadline) {
          const found = (await reservations()).find((r) => r.taskSid === taskSid && r.workerSid === forWorker);
          if (found) return found;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        throw new Error(`no reservation of ${forWorker} for ${taskSid} within 10 s`);
      },
      async close() {
        await host.stop();
        await emulator.stop();
      },
    };
  } catch (error) {
    await emulator.stop();
    throw error;
  }
}
