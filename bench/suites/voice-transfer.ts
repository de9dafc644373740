import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, chromiumExecutable } from '../../e2e/support/chromium';
import { buildRenderer } from '../../e2e/support/renderer-build';
import { startTeam, type Team, type TeamAgent } from '../../e2e/support/voice/team-app';
import { latencyFields } from '../support/stats';

const SAMPLES = 30;
/** The first transfers warm up the path (SDK chunk, werift, JIT); measured but not counted. */
const WARMUP = 3;
/** What counts as the caller's voice at Bob: the emulator's caller plays a speech-like tone well above this. */
const AUDIBLE = 0.01;

/** Records the page's RTCPeerConnections (source text: tsx would wrap a function's class in a helper the page lacks). */
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

/**
 * `__keyAt`: when Bob pressed the accept shortcut. `__callerAudible(deadline)`: resolves when a peer
 * connection created after the call reports inbound audio louder than AUDIBLE (the caller, off hold),
 * getStats polled every 5 ms; both in epoch ms on the page's clock.
 */
const PAGE_PROBES = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  window.addEventListener('keydown', (e) => {
    if (e.ctrlKey && e.shiftKey && e.key.toLowerCase() === 'a') window.__keyAt = now();
  }, true);
  window.__callerAudible = (deadlineMs) => new Promise((resolve, reject) => {
    const before = window.__peerConnections.length;
    const until = now() + deadlineMs;
    const tick = async () => {
      const pcs = window.__peerConnections;
      if (pcs.length > before) {
        let level = 0;
        (await pcs[pcs.length - 1].getStats()).forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'audio') level = Math.max(level, s.audioLevel || 0); });
        if (level > ${AUDIBLE}) return resolve(now());
      }
      if (now() > until) return reject(new Error('the caller was never heard'));
      setTimeout(tick, 5);
    };
    tick();
  });
})()`;

async function openAgent(browser: Browser, agent: TeamAgent): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(RECORD_PEER_CONNECTIONS);
  await page.goto(agent.url);
  await page.evaluate(PAGE_PROBES);
  await page.getByText('Phone: ready for calls').waitFor({ timeout: 20_000 });
  return page;
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** One cold transfer Alice → Bob; returns Bob's accept → the caller audible in Bob's browser, in ms. */
async function oneTransfer(team: Team, alice: TeamAgent, bob: TeamAgent, alicePage: Page, bobPage: Page, n: number): Promise<number> {
  const caller = `Transfer Caller ${n}`;
  const { callSid, taskSid } = await team.inboundCall('+14155550160', caller);
  await alicePage.getByRole('article', { name: caller }).waitFor({ timeout: 10_000 });
  await alicePage.keyboard.press('Control+Shift+A');
  let callId = '';
  await until('Alice on the call', async () => {
    const calls = await alice.host.handlers.listCalls({});
    const live = calls.ok ? calls.value.find((c) => c.taskSid === taskSid && c.phase === 'live' && c.conferenceSid && c.customerCallSid) : undefined;
    callId = live?.id ?? '';
    return Boolean(live);
  });
  const transfer = await alice.host.handlers.startTransfer({ callId, target: { type: 'worker', sid: bob.workerSid }, mode: 'cold' });
  if (!transfer.ok) throw new Error(`transfer ${n}: ${transfer.error.message}`);
  await bobPage.getByRole('article', { name: caller }).waitFor({ timeout: 10_000 });
  const audible = bobPage.evaluate('window.__callerAudible(10000)') as Promise<number>;
  await bobPage.keyboard.press('Control+Shift+A');
  const heardAt = await audible.catch(async (error: unknown) => {
    throw new Error(`transfer ${n}: ${String(error)}; caller ${JSON.stringify(await (await fetch(`${team.emulator.ready.url}/emulator/calls/${callSid}`)).json())}`);
  });
  const keyAt = (await bobPage.evaluate('window.__keyAt')) as number;
  // Bob ends the call (the conference ends with him, the last agent); both tasks are finished for the next run.
  const bobCalls = await bob.host.handlers.listCalls({});
  const bobCall = bobCalls.ok ? bobCalls.value.find((c) => c.phase !== 'ended') : undefined;
  if (bobCall) await bob.host.handlers.callAction({ callId: bobCall.id, action: { kind: 'hangUp' } });
  await until('the caller gone', async () => (await team.callView(callSid)).status === 'completed');
  for (const r of [...team.reservationsOf(alice), ...team.reservationsOf(bob)]) {
    const status = team.taskStatus(r.taskSid);
    if (status === 'assigned' || status === 'wrapping') team.emulator.engine.updateTask(r.taskSid, { AssignmentStatus: status === 'assigned' ? 'wrapping' : 'completed' });
    if (team.taskStatus(r.taskSid) === 'wrapping') team.emulator.engine.updateTask(r.taskSid, { AssignmentStatus: 'completed' });
  }
  await until('both agents free', async () => !(await alicePage.getByText('On a call with').count()) && !(await bobPage.getByText('On a call with').count()));
  return heardAt - keyAt;
}

/**
 * Transfer time: Alice has a caller and transfers them (cold) to Bob; Bob
 * presses the accept shortcut → the Call instruction → Bob's Device rings and
 * answers by itself → the TwiML joins Bob to the conference → Bob's host takes
 * the caller off hold → the caller's voice is audible in Bob's browser. Two
 * real UIs, two hosts, the emulator, the Voice SDK and werift, on loopback.
 */
export async function voiceTransferSuite(): Promise<Record<string, number>> {
  buildRenderer();
  const team = await startTeam(2);
  const [alice, bob] = team.agents as [TeamAgent, TeamAgent];
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs() });
  try {
    const alicePage = await openAgent(browser, alice);
    const bobPage = await openAgent(browser, bob);
    const samples: number[] = [];
    for (let i = 0; i < WARMUP + SAMPLES; i++) {
      const ms = await oneTransfer(team, alice, bob, alicePage, bobPage, i);
      if (i >= WARMUP) samples.push(ms);
    }
    // 30 samples: a p50 and the max (bench/support/stats.ts names a p99 only from 200).
    return latencyFields('transfer_accept_to_caller_audio', samples, 'ms', 0);
  } finally {
    await browser.close();
    await team.close();
  }
}
