import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { startCallbacks } from './callbacks/index';
import { DemoTraffic } from './demo/traffic';
import { CallbackUrlPolicy } from './domain/callback-urls';
import { SimClock } from './domain/clock';
import { Engine } from './domain/engine';
import { IdFactory } from './domain/ids';
import { makeSeedPlan, MAX_WORKERS } from './domain/seed';
import { AnswerGates } from './http/answer-gate';
import { buildServer } from './http/server';
import { HostAllowList, hostRefusal } from './http/host-allow-list';
import { dispatchUpgrade, refuseUpgrade, type UpgradeHandler } from './http/upgrade';
import { plugins } from './plugins';

/**
 * The emulator's programmatic entry: `startEmulator()` builds the engine and
 * the HTTP server, runs every plugin, listens on loopback and answers the
 * EmulatorReady object (the same JSON the CLI prints).
 */

export interface EmulatorOptions {
  /** Default 0 (any free port); the CLI defaults to 3000. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 'off' here; the CLI defaults to 'demo'. */
  traffic?: 'off' | 'demo';
  /** The workflow's TaskReservationTimeout, seconds (1..86,400). Default 120. */
  reservationTimeoutSeconds?: number;
  /** How many workers (1..1000). Default 3. */
  workers?: number;
  /** 1 = real time; 60 makes a minute pass in a second. */
  clockSpeed?: number;
  /** Time moves only through POST /emulator/clock {advanceMs}. */
  manualClock?: boolean;
  /** Fastify request logging to stderr. */
  logger?: boolean;
  /** Reproducible SIDs and demo traffic (not for secrets you care about). */
  seed?: number;
  /**
   * Host names (`name` for any port, `name:port`) this emulator answers besides its own
   * loopback address and port; every other Host header is refused (DNS rebinding).
   */
  allowedHosts?: string[];
  /**
   * When set, every /emulator/* admin route (and /emulator/ready) requires
   * `Authorization: Bearer <adminSecret>`. The embedded emulator should set one per launch.
   */
  adminSecret?: string;
  /**
   * Hosts (`name` or `name:port`) that assignment and event callback URLs may point at
   * besides this machine (127.0.0.1, [::1], localhost). Other URLs are refused when saved.
   */
  callbackHosts?: string[];
}

export interface EmulatorReady {
  ready: true;
  url: string;
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
  workspaceSid: string;
  workflowSid: string;
  workers: { sid: string; friendlyName: string; contactUri: string }[];
  /** Activity friendly name → WA sid. */
  activities: Record<string, string>;
  /** Present when the admin API is locked: send `Authorization: Bearer <adminSecret>` to /emulator/*. */
  adminSecret?: string;
}

export interface RunningEmulator {
  ready: EmulatorReady;
  url: string;
  engine: Engine;
  clock: SimClock;
  app: FastifyInstance;
  traffic: DemoTraffic;
  close(): Promise<void>;
}

export interface EmulatorPluginContext {
  app: FastifyInstance;
  engine: Engine;
  clock: SimClock;
  ready: EmulatorReady;
  server: Server;
  /** Each request's answer gate: what a write causes is pushed only after its answer (see http/answer-gate.ts). */
  answers: AnswerGates;
  /** Registers a WebSocket endpoint; an upgrade no handler claims is answered 404 (see http/upgrade.ts). */
  onUpgrade(handler: UpgradeHandler): void;
}

export type EmulatorPlugin = (ctx: EmulatorPluginContext) => Promise<void> | void;
export type { UpgradeHandler } from './http/upgrade';
export type { AnswerGates } from './http/answer-gate';

export type { Engine } from './domain/engine';
export type { SimClock } from './domain/clock';
export type * from './domain/types';

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const ids = new IdFactory(options.seed);
  const clock = new SimClock({ manual: options.manualClock ?? false, speed: options.clockSpeed ?? 1 });
  const accountSid = ids.sid('AC');
  const reservationTimeoutSeconds = clampInt(options.reservationTimeoutSeconds ?? 120, 1, 86_400);
  const plan = makeSeedPlan(ids, { accountSid, workers: clampInt(options.workers ?? 3, 1, MAX_WORKERS), reservationTimeoutSeconds });
  const callbackUrls = new CallbackUrlPolicy(options.callbackHosts ?? []);
  const engine = new Engine({ clock, ids, accountSid, callbackUrls });
  engine.load(plan);

  const ready: EmulatorReady = {
    ready: true,
    url: '',
    accountSid,
    authToken: ids.hex(32),
    apiKeySid: ids.sid('SK'),
    apiKeySecret: ids.hex(32),
    workspaceSid: plan.workspace.sid,
    workflowSid: plan.workflows[0]!.sid,
    workers: plan.workers.map((w) => ({ sid: w.sid, friendlyName: w.friendlyName, contactUri: String((JSON.parse(w.attributes) as { contact_uri: string }).contact_uri) })),
    activities: Object.fromEntries(plan.activities.map((a) => [a.friendlyName, a.sid])),
    ...(options.adminSecret !== undefined ? { adminSecret: options.adminSecret } : {}),
  };
  if (options.adminSecret !== undefined && !/^[\x21-\x7e]{16,256}$/.test(options.adminSecret)) throw new Error('emulator: adminSecret must be 16 to 256 printable ASCII characters');
  const hosts = new HostAllowList(options.allowedHosts ?? []);

  const traffic = new DemoTraffic({ engine, clock, ids, agentSid: ready.workers[0]!.sid, workflowSid: ready.workflowSid });
  const answers = new AnswerGates();
  let afterReset = () => {};
  const reset = () => {
    engine.load(plan);
    afterReset();
  };
  const app = await buildServer({ engine, clock, ready, traffic, logger: options.logger ?? false, reset, answers, hosts, adminSecret: options.adminSecret });
  const callbacks = startCallbacks({ app, engine, ready, policy: callbackUrls });
  afterReset = () => callbacks.reset();
  const server = app.server;
  const upgradeHandlers: UpgradeHandler[] = [];
  server.on('upgrade', (request, socket, head) => {
    if (hosts.allows(request.headers.host)) return dispatchUpgrade(upgradeHandlers, request, socket, head);
    const refusal = hostRefusal(request.headers.host, hosts);
    refuseUpgrade(socket, refusal.status, refusal.code, 'Forbidden', refusal.message);
  });
  const onUpgrade = (handler: UpgradeHandler) => void upgradeHandlers.push(handler);
  for (const plugin of plugins) await plugin({ app, engine, clock, ready, server, answers, onUpgrade });

  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('emulator: the server has no TCP address');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  ready.url = `http://${host}:${address.port}`;
  hosts.listening(ready.url);
  if (options.traffic === 'demo') traffic.start();

  let closed = false;
  return {
    ready,
    url: ready.url,
    engine,
    clock,
    app,
    traffic,
    async close() {
      if (closed) return;
      closed = true;
      traffic.stop();
      callbacks.close();
      clock.clearAll();
      await app.close();
    },
  };
}

function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return min;
  return Math.max(min, Math.min(max, Math.floor(value)));
}
