import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { eventBridgeEndpoints } from '../../host/config/connection';
import { createHost, memorySecretStore, memorySettingsStore, type Host } from '../../host/index';
import { mintWorkerToken } from '../../host/tokens/mint';
import type { Reservation } from '../../shared/model';
import { latencyFields } from '../support/stats';

const SUBSCRIBE_SAMPLES = 200;
/** First offers warm up the JIT and connections; they are not counted. */
const WARMUP = 30;
/** Enough for a real p99 (see support/stats.ts); each takes about one poll interval. */
const POLL_SAMPLES = 200;
const POLL_INTERVAL_MS = 200;
const DEADLINE_MS = 10_000;


/** Resolves when `test` holds for a pushed reservation; rejects after a deadline (never hangs the bench). */
function nextReservation(host: Host, test: (r: Reservation) => boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('the host did not see the reservation in time'));
    }, DEADLINE_MS);
    const off = host.on('reservationUpdated', (r) => {
      if (!test(r)) return;
      const at = performance.now();
      clearTimeout(timer);
      off();
      resolve(at);
    });
  });
}

async function startHost(emulator: RunningEmulator, transport: 'subscribe' | 'poll'): Promise<Host> {
  const host = createHost({
    secrets: memorySecretStore(),
    settings: memorySettingsStore(),
    overrides: { mode: 'demo', transport, pollIntervalMs: POLL_INTERVAL_MS },
    startDemo: async () => ({ ready: emulator.ready, close: async () => undefined }),
  });
  const wanted = transport === 'subscribe' ? 'subscribed' : 'polling';
  const connected = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host never reached ${wanted}`)), DEADLINE_MS);
    const off = host.on('connectionChanged', (c) => {
      if (c.state !== wanted) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
  await host.start();
  await connected;
  return host;
}

/** A bare `ws` client on the same EventBridge socket as the host's SDK: the physical floor. */
async function floorClient(emulator: RunningEmulator, workerSid: string, onCreated: (taskSid: string, at: number) => void): Promise<WebSocket> {
  const { ready } = emulator;
  const token = mintWorkerToken({ accountSid: ready.accountSid, apiKeySid: ready.apiKeySid, apiKeySecret: ready.apiKeySecret, workspaceSid: ready.workspaceSid, workerSid, ttlSeconds: 3600, now: Date.now() });
  const socket = new WebSocket(`${eventBridgeEndpoints(ready.url).wsServer}?token=${token.jwt}&closeExistingSessions=false&clientVersion=bench`);
  socket.on('message', (data) => {
    const at = performance.now();
    const text = data.toString();
    if (!text.includes('reservation.created')) return;
    const frame = JSON.parse(text) as { event_type: string; payload: { task?: { sid?: string }; task_sid?: string } };
    if (frame.event_type === 'reservation.created') onCreated(frame.payload.task?.sid ?? frame.payload.task_sid ?? '', at);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return socket;
}

/**
 * Offer-to-host latency in subscribe and poll mode, accept-to-emulator
 * latency, and the WebSocket floor. ONE process on purpose: the emulator,
 * the host and the floor client share its event loop, so the clock starts
 * exactly when the engine creates the task (engine calls are synchronous)
 * and every figure pays the same scheduling; the cost is that they also
 * compete for that one loop. The cross-process figures are the fleet's.
 */
export async function hostSuite(): Promise<Record<string, number>> {
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', traffic: 'off', manualClock: true, workers: 1 });
  const { engine, ready } = emulator;
  const workerSid = ready.workers[0]!.sid;
  const createTask = (n: number) => {
    const created = engine.createTask({ Attributes: JSON.stringify({ from: '+15005550006', caller_name: 'Bench', n }), WorkflowSid: ready.workflowSid });
    if (!created.ok) throw new Error(`createTask failed: ${created.error.message}`);
    return created.value.sid;
  };
  const reservationOf = (taskSid: string) => engine.listReservations({ taskSid }).find((r) => r.workerSid === workerSid)!;

  try {
    // Subscribe mode + the floor + accept.
    const host = await startHost(emulator, 'subscribe');
    const floorTimes = new Map<string, number>();
    const socket = await floorClient(emulator, workerSid, (taskSid, at) => floorTimes.set(taskSid, at));
    const subscribe: number[] = [];
    const floor: number[] = [];
    const accept: number[] = [];
    let acceptedAt = 0;
    const offAccepted = engine.onEvent((e) => {
      if (e.type === 'reservation.accepted') acceptedAt = performance.now();
    });
    for (let i = 0; i < WARMUP + SUBSCRIBE_SAMPLES; i++) {
      const counted = i >= WARMUP;
      let taskSid = '';
      const seen = nextReservation(host, (r) => r.taskSid === taskSid && r.status === 'pending');
      const start = performance.now();
      taskSid = createTask(i);
      const hostAt = await seen;
      const floorAt = floorTimes.get(taskSid);
      if (counted) subscribe.push(hostAt - start);
      if (counted && floorAt !== undefined) floor.push(floorAt - start);
      const reservationSid = reservationOf(taskSid).sid;
      const acceptStart = performance.now();
      const result = await host.handlers.acceptReservation({ reservationSid });
      if (!result.ok) throw new Error(`accept failed: ${result.error.message}`);
      if (counted) accept.push(acceptedAt - acceptStart);
      const completed = nextReservation(host, (r) => r.sid === reservationSid && r.status === 'completed');
      engine.updateReservation(reservationSid, { ReservationStatus: 'completed' });
      await completed;
    }
    offAccepted();
    socket.close();
    await host.stop();

    // Poll mode.
    const poller = await startHost(emulator, 'poll');
    const poll: number[] = [];
    for (let i = 0; i < POLL_SAMPLES; i++) {
      // Offers arrive at any moment of the poll cycle, not right after a poll answered.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * POLL_INTERVAL_MS));
      let taskSid = '';
      const seen = nextReservation(poller, (r) => r.taskSid === taskSid && r.status === 'pending');
      const start = performance.now();
      taskSid = createTask(WARMUP + SUBSCRIBE_SAMPLES + i);
      poll.push((await seen) - start);
      const reservationSid = reservationOf(taskSid).sid;
      const completed = nextReservation(poller, (r) => r.sid === reservationSid && r.status === 'completed');
      engine.updateReservation(reservationSid, { ReservationStatus: 'accepted' });
      engine.updateReservation(reservationSid, { ReservationStatus: 'completed' });
      await completed;
    }
    await poller.stop();

    return {
      ...latencyFields('subscribe_reservation_to_host', subscribe),
      ...latencyFields('ws_floor', floor),
      ...latencyFields('poll_reservation_to_host', poll),
      poll_interval_ms: POLL_INTERVAL_MS,
      ...latencyFields('accept_to_emulator', accept),
    };
  } finally {
    await emulator.close();
  }
}
