import { createRequire } from 'node:module';
import twilio from 'twilio';
import type * as TaskRouter from 'twilio-taskrouter';
import type { Worker as WorkerType, Reservation } from 'twilio-taskrouter';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../index';
import { adminHeaders } from '../test-support/admin';
import type { SpecViolation } from '../test-support/openapi-validator';
import { twilioClientFor } from '../test-support/twilio-client';
import { waitFor } from '../../test-support/wait-for';
import { workerSdkOptions } from './plugin';

/**
 * Test support for EventBridge's integration tests: a real emulator on
 * 127.0.0.1:0 and the real `twilio-taskrouter` Worker SDK pointed at it.
 */

// The SDK is a webpack CommonJS bundle whose named exports Node's ESM loader cannot see.
const { Worker } = createRequire(import.meta.url)('twilio-taskrouter') as typeof TaskRouter;

export interface Harness {
  emulator: RunningEmulator;
  /** The official REST client (account SID + auth token); every response is checked against Twilio's OpenAPI spec. */
  rest: twilio.Twilio;
  /** Responses of `rest` that broke the spec (tests expect none). */
  specViolations(): SpecViolation[];
  /** A token with a TaskRouter grant minted like twilio-node's TaskRouterGrant: no worker gives a workspace token. */
  grantToken(grant: { workerSid?: string; role?: string }, ttlSeconds?: number): string;
  /** A worker token minted the way a customer's backend would (twilio-node AccessToken + TaskRouterGrant). */
  token(workerSid: string, ttlSeconds?: number): string;
  /** Starts an SDK Worker; it is disconnected by `close()`. */
  connect(token: string, options?: { closeExistingSessions?: boolean; enableVersionCheck?: boolean }): WorkerType;
  /** Resolves once the worker emitted `ready` (again, if `after` ready events were already seen). */
  ready(worker: WorkerType): Promise<void>;
  /** Creates a task through the admin API, as the tests' "caller". */
  createTask(attributes?: Record<string, unknown>): Promise<string>;
  /** Moves every worker but `keep` to Offline, so routing is deterministic. */
  onlyAvailable(...keep: string[]): void;
  admin(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ traffic: 'off', ...options });
  const { ready, engine } = emulator;
  const workers = new Set<WorkerType>();
  const rest = twilioClientFor(ready, 'authToken');

  const harness: Harness = {
    emulator,
    rest: rest.client,
    specViolations: () => rest.http.violations,
    grantToken(grant, ttlSeconds = 3600) {
      const token = new twilio.jwt.AccessToken(ready.accountSid, ready.apiKeySid, ready.apiKeySecret, { identity: grant.workerSid ?? 'workspace-client', ttl: ttlSeconds });
      token.addGrant(new twilio.jwt.AccessToken.TaskRouterGrant({ workspaceSid: ready.workspaceSid, ...(grant.workerSid ? { workerSid: grant.workerSid } : {}), ...(grant.role ? { role: grant.role } : {}) }));
      return token.toJwt();
    },
    token: (workerSid, ttlSeconds = 3600) => harness.grantToken({ workerSid, role: 'worker' }, ttlSeconds),
    connect(token, connectOptions = {}) {
      const worker = new Worker(token, { ...workerSdkOptions(ready.url), logLevel: 'silent', ...connectOptions });
      // An SDK 'error' without a listener would throw; tests that care add their own.
      worker.on('error', () => undefined);
      workers.add(worker);
      return worker;
    },
    ready: (worker) => new Promise<void>((resolve) => worker.once('ready', () => resolve())),
    async createTask(attributes = { type: 'inbound', from: '+15005550006', queue: 'Support', name: 'Casey Caller' }) {
      const response = await harness.admin('/emulator/tasks', { attributes });
      if (response.status >= 300) throw new Error(`POST /emulator/tasks answered ${response.status}: ${JSON.stringify(response.body)}`);
      return (response.body as { sid: string }).sid;
    },
    onlyAvailable(...keep) {
      for (const { sid } of ready.workers) {
        if (keep.includes(sid)) continue;
        const moved = engine.updateWorker(sid, { ActivitySid: ready.activities.Offline });
        if (!moved.ok) throw new Error(moved.error.message);
      }
    },
    async admin(path, body, headers = {}) {
      const response = await fetch(`${ready.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...adminHeaders(ready), ...headers },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    async close() {
      for (const worker of workers) worker.disconnect();
      await emulator.close();
    },
  };
  return harness;
}

/** The next `reservationCreated` of a worker. */
export const nextReservation = (worker: WorkerType): Promise<Reservation> =>
  new Promise((resolve) => worker.once('reservationCreated', (reservation: Reservation) => resolve(reservation)));

/** Resolves when `emitter` emits `event`, or rejects after `timeoutMs` naming what never came. */
export function nextEvent<T = unknown>(emitter: { once(event: string, fn: (value: T) => void): unknown }, event: string, timeoutMs = 5_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no '${event}' within ${timeoutMs} ms`)), timeoutMs);
    emitter.once(event, (value: T) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

export { waitFor };
