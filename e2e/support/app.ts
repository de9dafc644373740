import { expect, test, type Page } from '@playwright/test';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { SECRET_NAME } from '../../host/config/settings';
import { createHost, memorySecretStore, memorySettingsStore, type Host } from '../../host/index';
import { startBrowserBridge, type BrowserBridge } from '../../host/browser-bridge/index';
import { RENDERER_DIR } from './renderer-build';

/**
 * The real pieces composed in-process, as browser mode runs them: the
 * emulator on 127.0.0.1:0, the host in account mode pointed at it, and the
 * browser bridge serving the built renderer. Helpers wait for conditions;
 * nothing sleeps.
 */
export interface AppOptions {
  /** The workflow's reservation timeout (seconds). Short real timeouts test expiry without a manual clock. */
  reservationTimeoutSeconds?: number;
  transport?: 'subscribe' | 'poll';
  /** How many offers of one channel the worker may hold at once (default 4; at most 50); null leaves the emulator's own (1) untouched. */
  capacity?: number | null;
  /** Lifetime of the worker tokens the host mints (default: the host's, 3600 s). */
  tokenTtlSeconds?: number;
  /**
   * Keep the account in stored settings (as the Settings dialog saves it) instead of overrides, so a test can
   * switch the worker or mode the way an agent does; only the emulator's origin stays an override.
   */
  storedSettings?: boolean;
}

export interface EmulatorReservation {
  sid: string;
  taskSid: string;
  workerSid: string;
  status: string;
  dateCreated: number;
  timeoutSeconds: number;
  instruction: { name: string; params: Record<string, unknown> } | null;
}

export interface EmulatorWorker {
  sid: string;
  activitySid: string;
  activityName: string;
}

export interface RunningApp {
  emulator: RunningEmulator;
  host: Host;
  bridge: BrowserBridge;
  /** The page address with the bridge secret in its hash. */
  url: string;
  workerSid: string;
  activities: Record<string, string>;
  /** Calls the emulator's admin API: GET without a body, POST with a JSON one; answers the parsed JSON. */
  admin<T>(path: string, body?: unknown): Promise<T>;
  /** Creates a task through the emulator's admin API; answers its SID and when the call was made (epoch ms). */
  createTask(attributes: Record<string, unknown>): Promise<{ taskSid: string; requestedAt: number }>;
  state(): Promise<{ reservations: EmulatorReservation[]; workers: EmulatorWorker[]; now: number }>;
  reservationForTask(taskSid: string): Promise<EmulatorReservation>;
  worker(): Promise<EmulatorWorker>;
  close(): Promise<void>;
}

export async function startApp(options: AppOptions = {}): Promise<RunningApp> {
  const emulator = await startEmulator({ traffic: 'off', reservationTimeoutSeconds: options.reservationTimeoutSeconds ?? 120 });
  const { ready } = emulator;
  const workerSid = ready.workers[0]!.sid;
  // Every task goes to our worker: the others are offline, and ours may hold several offers at once.
  for (const other of ready.workers.slice(1)) mustSucceed(emulator.engine.updateWorker(other.sid, { ActivitySid: ready.activities.Offline }));
  const capacity = options.capacity === undefined ? 4 : options.capacity;
  if (capacity !== null) mustSucceed(emulator.engine.updateWorkerChannel(workerSid, 'default', { Capacity: String(capacity) }));
  const account = { mode: 'account' as const, accountSid: ready.accountSid, apiKeySid: ready.apiKeySid, workspaceSid: ready.workspaceSid, workerSid, transport: options.transport ?? 'subscribe' };
  const host = createHost({
    secrets: memorySecretStore(options.storedSettings ? { [SECRET_NAME]: ready.apiKeySecret } : {}),
    settings: memorySettingsStore(options.storedSettings ? account : null),
    overrides: options.storedSettings ? { restBaseUrl: ready.url } : { ...account, secret: ready.apiKeySecret, restBaseUrl: ready.url },
    ...(options.tokenTtlSeconds ? { tokenTtlSeconds: options.tokenTtlSeconds } : {}),
  });
  await host.start();
  // No connect-src is given: the bridge derives it from host.endpoints(), so the page may reach this
  // emulator (REST origin, its voice signaling) and nothing else, exactly as AGENT_DESKTOP_REST_URL configures it.
  const bridge = await startBrowserBridge({ host, port: 0, rendererDir: RENDERER_DIR });

  const admin = async <T>(path: string, body?: unknown): Promise<T> => {
    // An emulator started with an admin secret wants it on every /emulator/* request.
    const secret: Record<string, string> = ready.adminSecret ? { authorization: `Bearer ${ready.adminSecret}` } : {};
    const response = await fetch(`${ready.url}${path}`, body === undefined ? { headers: secret } : { method: 'POST', headers: { ...secret, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`emulator ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const state = () => admin<{ reservations: EmulatorReservation[]; workers: EmulatorWorker[]; now: number }>('/emulator/state');

  const app: RunningApp = {
    emulator,
    host,
    bridge,
    url: bridge.url,
    workerSid,
    activities: ready.activities,
    admin,
    async createTask(attributes) {
      const requestedAt = Date.now();
      const task = await admin<{ sid: string }>('/emulator/tasks', { attributes });
      return { taskSid: task.sid, requestedAt };
    },
    state,
    async reservationForTask(taskSid) {
      let found: EmulatorReservation | undefined;
      await expect
        .poll(async () => {
          found = (await state()).reservations.find((r) => r.taskSid === taskSid && r.workerSid === workerSid);
          return found !== undefined;
        })
        .toBe(true);
      return found!;
    },
    async worker() {
      return (await state()).workers.find((w) => w.sid === workerSid)!;
    },
    async close() {
      // Each step is bounded so one stuck shutdown names itself instead of eating the test's timeout.
      await boundedStep('browser bridge close', bridge.close());
      await boundedStep('host stop', host.stop());
      await boundedStep('emulator close', emulator.close());
    },
  };
  return app;
}

const STEP_LIMIT_MS = 10_000;

async function boundedStep(name: string, step: Promise<unknown>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<'stuck'>((resolve) => (timer = setTimeout(() => resolve('stuck'), STEP_LIMIT_MS)));
  const outcome = await Promise.race([step.then(() => 'done' as const), limit]);
  clearTimeout(timer);
  if (outcome === 'stuck') console.warn(`e2e app: "${name}" did not finish within ${STEP_LIMIT_MS} ms; continuing`);
}

function mustSucceed(result: { ok: boolean; error?: unknown }): void {
  if (!result.ok) throw new Error(`emulator setup failed: ${JSON.stringify(result.error)}`);
}

/** A caller as the demo would send one: what the card reads from the task attributes. */
/**
 * Registers a fresh app per test (beforeEach) and its shutdown (afterEach), and
 * returns a handle that forwards to the current test's app.
 */
export function useApp(options: AppOptions = {}): RunningApp {
  let current: RunningApp | undefined;
  test.beforeEach(async () => {
    current = await startApp(options);
  });
  test.afterEach(async ({ page }) => {
    // Close the page first: its open connections (the Voice SDK's signaling socket) would hold the emulator's shutdown.
    await page.close();
    await current?.close();
    current = undefined;
  });
  return new Proxy({} as RunningApp, {
    get: (_target, key) => {
      if (!current) throw new Error('the e2e app runs only inside a test (between beforeEach and afterEach)');
      const value: unknown = Reflect.get(current, key);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
}

export const callerAttributes = (name: string, extra: Record<string, unknown> = {}) => ({
  caller_name: name,
  from: '+14155550123',
  to: '+14155550100',
  reason: 'Billing question',
  ...extra,
});

/** Opens the UI and waits until it has loaded the host's snapshot (the activity is known). */
export async function openInbox(page: Page, app: RunningApp): Promise<void> {
  await page.goto(app.url);
  await expect(page.getByRole('region', { name: 'Reservations' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Activity: (?!unknown)/ })).toBeVisible();
}

/** The card of one caller (its accessible name is the caller's name). */
export const card = (page: Page, callerName: string) => page.getByRole('region', { name: 'Reservations' }).getByRole('article', { name: callerName });
