import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { buildRenderer } from '../../e2e/support/renderer-build';
import { mintVoiceToken, startSdkPageServer } from '../../e2e/support/voice/voice-harness';
import { installSignalingRedirect } from '../../renderer/voice/signaling-redirect';
import { launchTrackedBrowser } from '../support/browser-processes';
import { startStack, type Stack } from '../support/stack';
import { latencyFields } from '../support/stats';
import { voiceTransferSuite } from './voice-transfer';

/** Per path; 200 gives a real p99 (support/stats.ts). BENCH_VOICE_SAMPLES lowers it for a quick look (then the max is reported). */
const SAMPLES = Number(process.env.BENCH_VOICE_SAMPLES ?? 200);
/** The first calls of each path warm it up (SDK, werift, JIT); measured, not counted. */
const WARMUP = 3;
/** App and floor calls alternate in blocks, so both see the same machine over the run. */
const BLOCK = 20;

/**
 * Records the page's RTCPeerConnections before any script runs, and offers
 * `__firstAudio(deadlineMs)`: resolves (epoch ms, page clock) when a peer connection
 * created after the call began reports its first inbound audio packet (getStats every 2 ms).
 */
const AUDIO_PROBES = `(() => {
  const Original = window.RTCPeerConnection;
  window.__peerConnections = [];
  window.RTCPeerConnection = class extends Original {
    constructor(config) {
      super(config);
      window.__peerConnections.push(this);
    }
  };
  const now = () => performance.timeOrigin + performance.now();
  window.addEventListener('keydown', (e) => {
    if (e.ctrlKey && e.shiftKey && e.key.toLowerCase() === 'a') window.__keyAt = now();
  }, true);
  window.__firstAudio = (deadlineMs) => new Promise((resolve, reject) => {
    const before = window.__peerConnections.length;
    const until = now() + deadlineMs;
    const tick = async () => {
      const pcs = window.__peerConnections;
      if (pcs.length > before) {
        let received = 0;
        (await pcs[pcs.length - 1].getStats()).forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'audio') received += s.packetsReceived || 0; });
        if (received > 0) return resolve(now());
      }
      if (now() > until) return reject(new Error('no inbound audio'));
      setTimeout(tick, 2);
    };
    tick();
  });
})()`;

/** The floor's Device: the unmodified SDK bundle, answering every incoming call at once. */
const registerFloorDevice = (token: string, sounds: Record<string, string>) => `(async () => {
  const device = new Twilio.Device(${JSON.stringify(token)}, { sounds: ${JSON.stringify(sounds)}, publishEvents: false, closeProtection: false, logLevel: 'warn', codecPreferences: ['pcmu', 'opus'] });
  window.__device = device;
  device.on('incoming', (call) => { window.__call = call; call.accept(); });
  return new Promise((resolve, reject) => {
    device.on('registered', () => resolve(device.state));
    device.on('error', (e) => reject(new Error('Device error ' + (e.code ?? '') + ': ' + (e.message ?? ''))));
    setTimeout(() => reject(new Error('the Device did not register within 20 s (state ' + device.state + ')')), 20000);
    device.register().catch(reject);
  });
})()`;

/**
 * Accept key → first inbound audio packet, against its floor, in one Chromium. Processes:
 * the emulator (TaskRouter + voice signaling + werift media), the host + browser bridge,
 * Chromium (the app's page, and a bare page with the Voice SDK bundle) and the bench.
 *  - app: the agent presses Ctrl+Shift+A on a ringing-in call → host → Conference
 *    instruction → the emulator rings the app's Device → it auto-answers → audio;
 *  - floor: the bench sends the same Conference instruction for a second worker whose
 *    Device is a bare @twilio/voice-sdk in a plain page that answers at once → audio.
 * The floor is the signaling-and-media path alone; app minus floor is what the app adds.
 */
export async function voiceSuite(): Promise<Record<string, number>> {
  buildRenderer();
  const stack = await startStack({ capacity: null, keepAvailable: [1] });
  const sdkPages = await startSdkPageServer();
  const chromium = await launchTrackedBrowser();
  try {
    const { ready } = stack.emulator;
    const app = await chromium.browser.newPage();
    await app.addInitScript(AUDIO_PROBES);
    await app.goto(stack.url);
    await app.getByText('Phone: ready for calls').waitFor({ timeout: 30_000 });

    const floorWorker = ready.workers[1]!;
    const floor = await (await chromium.browser.newContext()).newPage();
    // As source text: tsx compiles the function with esbuild's `__name` helper, which the page lacks.
    await floor.addInitScript(`globalThis.__name ??= (f) => f; (${installSignalingRedirect.toString()})(${JSON.stringify(`${ready.url.replace('http://', 'ws://')}/signal`)});`);
    await floor.addInitScript(AUDIO_PROBES);
    floor.on('crash', () => console.error('voice: the floor page crashed'));
    floor.on('close', () => console.error('voice: the floor page closed'));
    floor.on('console', (m) => m.type() === 'error' && console.error(`voice floor page: ${m.text()}`));
    await floor.goto(`${sdkPages.origin}/`);
    const identity = floorWorker.contactUri.replace(/^client:/, '');
    console.error('voice: registering the floor Device…');
    const state = await floor.evaluate(registerFloorDevice(mintVoiceToken(ready, identity), sdkPages.soundUrls()));
    console.error('voice: floor Device registered; calls begin');
    if (state !== 'registered') throw new Error(`the floor's Device is ${String(state)}, not registered`);

    const appSamples: number[] = [];
    const floorSamples: number[] = [];
    let n = 0;
    while (appSamples.length < SAMPLES || floorSamples.length < SAMPLES) {
      if (floorSamples.length < SAMPLES) {
        await only(stack, 1);
        for (let i = 0; i < BLOCK && floorSamples.length < SAMPLES; i++) {
          const ms = await floorCall(stack, floor, floorWorker.sid, n++);
          if (n > WARMUP * 2) floorSamples.push(ms);
        }
      }
      if (appSamples.length < SAMPLES) {
        await only(stack, 0);
        for (let i = 0; i < BLOCK && appSamples.length < SAMPLES; i++) {
          const ms = await appCall(stack, app, n++);
          if (n > WARMUP * 2) appSamples.push(ms);
        }
      }
    }
    return { ...latencyFields('accept_to_audio', appSamples, 'ms', 1), ...latencyFields('floor_to_audio', floorSamples, 'ms', 1) };
  } finally {
    await chromium.close();
    await sdkPages.close();
    await stack.close();
  }
}

/** Makes worker `index` (0: the app's, 1: the floor's) the only Available one, so calls go to it. */
async function only(stack: Stack, index: 0 | 1): Promise<void> {
  const { ready } = stack.emulator;
  const [mine, other] = index === 0 ? [ready.workers[0]!, ready.workers[1]!] : [ready.workers[1]!, ready.workers[0]!];
  await stack.workspace.workers(other.sid).update({ activitySid: ready.activities.Break! });
  await stack.workspace.workers(mine.sid).update({ activitySid: ready.activities.Available! });
}

async function ringIn(stack: Stack, caller: string): Promise<{ callSid: string; taskSid: string }> {
  return stack.admin('/emulator/inbound-call', { from: '+14155550100', callerName: caller });
}

/** After the agent's leg ended the task is wrapping; complete it so the next call finds the agent free. */
async function finish(stack: Stack, taskSid: string): Promise<void> {
  const task = stack.workspace.tasks(taskSid);
  const deadline = Date.now() + 10_000;
  while ((await task.fetch()).assignmentStatus !== 'wrapping') {
    if (Date.now() > deadline) throw new Error(`task ${taskSid} did not reach wrapping`);
    await sleep(10);
  }
  await task.update({ assignmentStatus: 'completed' });
}

async function appCall(stack: Stack, page: Page, n: number): Promise<number> {
  const caller = `Bench Caller ${n}`;
  const { taskSid } = await ringIn(stack, caller);
  await page.getByRole('article', { name: caller }).waitFor({ timeout: 10_000 });
  const firstAudio = page.evaluate('window.__firstAudio(10000)') as Promise<number>;
  await page.keyboard.press('Control+Shift+A');
  const audioAt = await firstAudio.catch(async (error: unknown) => {
    const region = await page.getByRole('region', { name: 'Call' }).innerText();
    throw new Error(`app call ${n}: ${String(error)}; call region: ${region.replace(/\s+/g, ' ')}`);
  });
  const keyAt = (await page.evaluate('window.__keyAt')) as number;
  const callRegion = page.getByRole('region', { name: 'Call' });
  await callRegion.getByRole('button', { name: 'Hang up' }).click();
  await callRegion
    .getByText(/^Call ended · \d+:\d\d$/)
    .waitFor({ timeout: 10_000 })
    .catch(async (error: unknown) => {
      throw new Error(`app call ${n} did not end: ${String(error)}; call region: ${(await callRegion.innerText()).replace(/\s+/g, ' ')}`);
    });
  await finish(stack, taskSid);
  return audioAt - keyAt;
}

async function floorCall(stack: Stack, page: Page, workerSid: string, n: number): Promise<number> {
  const { taskSid } = await ringIn(stack, `Floor Caller ${n}`);
  const reservation = await stack.reservationFor(taskSid, workerSid);
  const firstAudio = page.evaluate('window.__firstAudio(10000)') as Promise<number>;
  const startedAt = Date.now();
  await stack.workspace.workers(workerSid).reservations(reservation.sid).update({ instruction: 'conference' });
  const audioAt = await firstAudio.catch((error: unknown) => {
    throw new Error(`floor call ${n}: ${String(error)}`);
  });
  await page.evaluate('window.__call.disconnect()');
  await finish(stack, taskSid);
  return audioAt - startedAt;
}

/** The voice suite: accept → first audio, then transfer time (bench/suites/voice-transfer.ts). */
export async function voiceSuites(): Promise<Record<string, number>> {
  return { ...(await voiceSuite()), ...(await voiceTransferSuite()) };
}
