import { expect, type Browser, type Page } from '@playwright/test';
import { startEmulator, type RunningEmulator } from '../../../emulator/index';
import { startBrowserBridge, type BrowserBridge } from '../../../host/browser-bridge/index';
import { createHost, memorySecretStore, memorySettingsStore, type Host } from '../../../host/index';
import { RENDERER_DIR } from '../renderer-build';
import { recordPeerConnections, type CallView } from './voice-app';

/**
 * Several agents on one emulator, each as browser mode runs them: their own
 * host (account mode, pointed at the emulator) and browser bridge, and their
 * own page with the real Voice SDK. Workers beyond the team are Offline, so
 * offers go only where a test sends them. Helpers wait for conditions.
 */
export interface TeamAgent {
  name: string;
  workerSid: string;
  identity: string;
  host: Host;
  bridge: BrowserBridge;
  url: string;
  page: Page | null;
}

export interface Team {
  emulator: RunningEmulator;
  agents: TeamAgent[];
  /** Opens the agent's UI in a browser context of its own and waits for its phone. */
  open(agent: TeamAgent, browser: Browser): Promise<Page>;
  /** A caller's call waiting for an agent; `queue` routes it (Sales reaches Alice alone among the team). */
  inboundCall(from: string, callerName: string, queue?: string): Promise<{ callSid: string; taskSid: string }>;
  hangUpCaller(callSid: string): Promise<void>;
  callView(callSid: string): Promise<CallView & { to: string; from: string }>;
  /** The agent's reservation of a task (engine state), with the call its instruction placed. */
  reservationOf(agent: TeamAgent, taskSid: string): { sid: string; status: string; callSid: string | null } | undefined;
  /** The agent's reservations, newest first. */
  reservationsOf(agent: TeamAgent): { sid: string; taskSid: string; status: string; callSid: string | null }[];
  taskStatus(taskSid: string): string | undefined;
  taskAttributes(taskSid: string): Record<string, unknown>;
  close(): Promise<void>;
}

export const callRegion = (page: Page) => page.getByRole('region', { name: 'Call' });

export async function startTeam(size = 2): Promise<Team> {
  const emulator = await startEmulator({ traffic: 'off', reservationTimeoutSeconds: 120 });
  const { ready } = emulator;
  for (const other of ready.workers.slice(size)) mustSucceed(emulator.engine.updateWorker(other.sid, { ActivitySid: ready.activities.Offline }));
  const agents: TeamAgent[] = [];
  for (const worker of ready.workers.slice(0, size)) {
    const host = createHost({
      secrets: memorySecretStore({}),
      settings: memorySettingsStore(null),
      overrides: { mode: 'account', accountSid: ready.accountSid, apiKeySid: ready.apiKeySid, secret: ready.apiKeySecret, workspaceSid: ready.workspaceSid, workerSid: worker.sid, transport: 'subscribe', restBaseUrl: ready.url },
    });
    await host.start();
    const bridge = await startBrowserBridge({ host, port: 0, rendererDir: RENDERER_DIR });
    agents.push({ name: worker.friendlyName, workerSid: worker.sid, identity: worker.contactUri.replace(/^client:/, ''), host, bridge, url: bridge.url, page: null });
  }
  const admin = async <T>(path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${ready.url}${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`emulator ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const reservationsOf = (agent: TeamAgent) =>
    emulator.engine
      .listReservations({})
      .filter((r) => r.workerSid === agent.workerSid)
      .sort((a, b) => b.dateCreated - a.dateCreated)
      .map((r) => ({ sid: r.sid, taskSid: r.taskSid, status: r.status, callSid: r.instruction?.callSid ?? null }));
  return {
    emulator,
    agents,
    async open(agent, browser) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await recordPeerConnections(page);
      await page.goto(agent.url);
      await expect(page.getByRole('button', { name: /^Activity: (?!unknown)/ })).toBeVisible();
      await expect(callRegion(page).getByRole('status').filter({ hasText: 'Phone:' })).toHaveText('Phone: ready for calls', { timeout: 15_000 });
      agent.page = page;
      return page;
    },
    inboundCall: (from, callerName, queue = 'Sales') => admin('/emulator/inbound-call', { from, callerName, attributes: { queue } }),
    hangUpCaller: async (callSid) => void (await admin(`/emulator/calls/${callSid}/hangup`, {})),
    callView: (callSid) => admin(`/emulator/calls/${callSid}`),
    reservationOf: (agent, taskSid) => reservationsOf(agent).find((r) => r.taskSid === taskSid),
    reservationsOf,
    taskStatus: (taskSid) => emulator.engine.getTask(taskSid)?.assignmentStatus,
    taskAttributes: (taskSid) => JSON.parse(emulator.engine.getTask(taskSid)?.attributes ?? '{}') as Record<string, unknown>,
    async close() {
      for (const agent of agents) await agent.page?.context().close();
      for (const agent of agents) {
        await agent.bridge.close();
        await agent.host.stop();
      }
      await emulator.close();
    },
  };
}

function mustSucceed(result: { ok: boolean; error?: unknown }): void {
  if (!result.ok) throw new Error(`emulator setup failed: ${JSON.stringify(result.error)}`);
}

/** Inbound audio level (0–1) of the page's latest peer connection: what the agent hears, from the browser's own stats. */
export async function pageAudioLevel(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const pcs = (globalThis as unknown as { __peerConnections?: Array<{ getStats(): Promise<{ forEach(fn: (s: { type: string; kind?: string; audioLevel?: number }) => void): void }> }> }).__peerConnections ?? [];
    const pc = pcs.at(-1);
    if (!pc) return 0;
    let level = 0;
    (await pc.getStats()).forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') level = Math.max(level, s.audioLevel ?? 0);
    });
    return level;
  });
}
