import { chromium, type Page } from 'playwright-core';
import { chromiumArgs, chromiumExecutable } from '../../e2e/support/chromium';
import { buildRenderer } from '../../e2e/support/renderer-build';
import { startVoiceApp } from '../../e2e/support/voice/voice-app';
import { voiceTransferSuite } from './voice-transfer';

const SAMPLES = 30;
/** The first calls warm up the whole path (SDK chunk, werift, JIT); measured but not counted. */
const WARMUP = 3;

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/**
 * Runs in the page (as source text: the bench compiles without DOM types).
 * `__keyAt` is when the accept shortcut went down; `__firstAudio()` resolves
 * when a peer connection created after it reports its first inbound audio
 * packet (getStats polled every 2 ms), both in epoch ms on the page's clock.
 */
/**
 * Records the page's RTCPeerConnections before any script runs. Source text,
 * not a function: tsx would wrap a function's inner class in a helper the page
 * does not have.
 */
const RECORD_PEER_CONNECTIONS = `(() => {
  const Original = window.RTCPeerConnection;
  window.__peerConnections = [];
  window.RTCPeerConnection = class extends Original {
    constructor(config) {
      super(config);
      window.__peerConnections.push(this);
    }
  };
})()`;

const PAGE_PROBES = `(() => {
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

async function oneCall(page: Page, app: Awaited<ReturnType<typeof startVoiceApp>>, n: number): Promise<number> {
  const caller = `Bench Caller ${n}`;
  const { taskSid } = await app.inboundCall('+14155550100', caller);
  await page.getByRole('article', { name: caller }).waitFor({ timeout: 10_000 });
  const firstAudio = page.evaluate('window.__firstAudio(10000)') as Promise<number>;
  await page.keyboard.press('Control+Shift+A');
  const audioAt = await firstAudio.catch(async (error: unknown) => {
    const region = await page.getByRole('region', { name: 'Call' }).innerText();
    throw new Error(`call ${n}: ${String(error)}; task ${await app.taskStatus(taskSid)}; call region: ${region.replace(/\s+/g, ' ')}`);
  });
  const keyAt = (await page.evaluate('window.__keyAt')) as number;
  // Leave the call and finish the task so the next offer finds the agent free.
  const callRegion = page.getByRole('region', { name: 'Call' });
  await callRegion.getByRole('button', { name: 'Hang up' }).click();
  await callRegion
    .getByText(/^Call ended · \d+:\d\d$/)
    .waitFor({ timeout: 10_000 })
    .catch(async (error: unknown) => {
      throw new Error(`call ${n} did not end: ${String(error)}; call region: ${(await callRegion.innerText()).replace(/\s+/g, ' ')}`);
    });
  const deadline = Date.now() + 10_000;
  while ((await app.taskStatus(taskSid)) !== 'wrapping') {
    if (Date.now() > deadline) throw new Error(`task ${taskSid} did not reach wrapping`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const completed = app.emulator.engine.updateTask(taskSid, { AssignmentStatus: 'completed' });
  if (!completed.ok) throw new Error(`could not complete ${taskSid}: ${completed.error.message}`);
  return audioAt - keyAt;
}

/**
 * Voice: the agent presses the accept shortcut on a ringing-in call → the
 * Conference instruction → the Device rings and auto-answers → the first
 * audio packet from the caller reaches the browser. All real: UI, host,
 * emulator, Voice SDK, werift, on loopback.
 */
export async function voiceSuite(): Promise<Record<string, number>> {
  buildRenderer();
  const app = await startVoiceApp();
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs() });
  try {
    const page = await browser.newPage();
    await page.addInitScript(RECORD_PEER_CONNECTIONS);
    await page.goto(app.url);
    await page.evaluate(PAGE_PROBES);
    await page.getByText('Phone: ready for calls').waitFor({ timeout: 20_000 });
    const samples: number[] = [];
    for (let i = 0; i < WARMUP + SAMPLES; i++) {
      const ms = await oneCall(page, app, i);
      if (i >= WARMUP) samples.push(ms);
    }
    samples.sort((a, b) => a - b);
    return {
      accept_to_audio_p50_ms: Math.round(percentile(samples, 50)),
      accept_to_audio_p99_ms: Math.round(percentile(samples, 99)),
      accept_to_audio_max_ms: Math.round(samples.at(-1)!),
      samples: samples.length,
    };
  } finally {
    await browser.close();
    await app.close();
  }
}

/** The voice suite: accept → first audio, then transfer time (bench/suites/voice-transfer.ts). */
export async function voiceSuites(): Promise<Record<string, number>> {
  return { ...(await voiceSuite()), ...(await voiceTransferSuite()) };
}
