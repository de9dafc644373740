import type { Page } from '@playwright/test';
import type { RunningEmulator } from '../../../emulator/index';
import type { BrowserBridge } from '../../../host/browser-bridge/index';
import type { Host } from '../../../host/index';
import { startApp } from '../app';

/**
 * The app in browser mode with voice (startApp's composition): the emulator
 * (TaskRouter + voice) on 127.0.0.1:0, the host in account mode pointed at it,
 * and the browser bridge whose CSP, derived from the host's endpoints, lets the
 * page open the emulator's signaling WebSocket. Only the first worker is available, so every call is offered to it.
 */
export interface VoiceApp {
  emulator: RunningEmulator;
  host: Host;
  bridge: BrowserBridge;
  url: string;
  workerSid: string;
  identity: string;
  inboundCall(from: string, callerName: string): Promise<{ callSid: string; taskSid: string }>;
  hangUpCaller(callSid: string): Promise<void>;
  callView(callSid: string): Promise<CallView>;
  reservation(taskSid: string): Promise<{ sid: string; status: string; instruction: { callSid?: string | null } | null } | undefined>;
  taskStatus(taskSid: string): Promise<string | undefined>;
  close(): Promise<void>;
}

export interface CallView {
  sid: string;
  status: string;
  conferenceSid: string | null;
  /** What the call does now (emulator/voice/README.md): queue, play, bridge, conference... */
  activity: { kind: string; detail: string | null };
  hold: boolean;
  muted: boolean;
  media: { packetsReceived: number; packetsSent: number; audioLevel: number; dtmfReceived: string };
}

export async function startVoiceApp(options: { tokenTtlSeconds?: number } = {}): Promise<VoiceApp> {
  // The worker keeps the emulator's capacity (1); the page may reach only the emulator (derived from the host's endpoints).
  const app = await startApp({
    capacity: null,
    ...(options.tokenTtlSeconds ? { tokenTtlSeconds: options.tokenTtlSeconds } : {}),
  });
  const { emulator, workerSid, admin } = app;
  return {
    emulator,
    host: app.host,
    bridge: app.bridge,
    url: app.url,
    workerSid,
    identity: emulator.ready.workers[0]!.contactUri.replace(/^client:/, ''),
    inboundCall: (from, callerName) => admin('/emulator/inbound-call', { from, callerName }),
    hangUpCaller: async (callSid) => void (await admin(`/emulator/calls/${callSid}/hangup`, {})),
    callView: (callSid) => admin(`/emulator/calls/${callSid}`),
    async reservation(taskSid) {
      const r = emulator.engine.listReservations({ taskSid }).find((x) => x.workerSid === workerSid);
      return r ? { sid: r.sid, status: r.status, instruction: r.instruction ? { callSid: r.instruction.callSid } : null } : undefined;
    },
    taskStatus: async (taskSid) => emulator.engine.getTask(taskSid)?.assignmentStatus,
    close: () => app.close(),
  };
}

/**
 * Records every instance of a browser class the page creates, in order, in
 * `globalThis[list]`: the class is replaced by a subclass that notes each new
 * instance. Must run before the app loads.
 */
async function recordInstances(page: Page, className: 'RTCPeerConnection' | 'AudioContext', list: string): Promise<void> {
  await page.addInitScript(
    ({ className, list }) => {
      type AnyClass = new (options?: unknown) => object;
      const scope = globalThis as unknown as Record<string, unknown>;
      const Original = scope[className] as AnyClass;
      const made: object[] = [];
      scope[list] = made;
      scope[className] = class extends Original {
        constructor(options?: unknown) {
          super(options);
          made.push(this);
        }
      };
    },
    { className, list },
  );
}

/** Records every RTCPeerConnection the page creates (the Voice SDK's), so a test can read the browser's own getStats(). */
export const recordPeerConnections = (page: Page): Promise<void> => recordInstances(page, 'RTCPeerConnection', '__peerConnections');

/** Records every AudioContext the page creates, in order (the Voice SDK's comes first: the Device is built at start-up), so a test can read their states. */
export const recordAudioContexts = (page: Page): Promise<void> => recordInstances(page, 'AudioContext', '__audioContexts');

/** The states of the page's AudioContexts, in the order they were made. */
export async function audioContextStates(page: Page): Promise<string[]> {
  return page.evaluate(() => ((globalThis as unknown as { __audioContexts?: { state: string }[] }).__audioContexts ?? []).map((c) => c.state));
}

/** Audio RTP counters of the page's latest peer connection, from the browser's getStats(). */
export async function pageAudioStats(page: Page): Promise<{ packetsReceived: number; packetsSent: number }> {
  return page.evaluate(async () => {
    const pcs = (globalThis as unknown as { __peerConnections?: Array<{ getStats(): Promise<{ forEach(fn: (s: { type: string; kind?: string; packetsReceived?: number; packetsSent?: number }) => void): void }> }> }).__peerConnections ?? [];
    const pc = pcs.at(-1);
    if (!pc) return { packetsReceived: 0, packetsSent: 0 };
    let packetsReceived = 0;
    let packetsSent = 0;
    (await pc.getStats()).forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') packetsReceived += s.packetsReceived ?? 0;
      if (s.type === 'outbound-rtp' && s.kind === 'audio') packetsSent += s.packetsSent ?? 0;
    });
    return { packetsReceived, packetsSent };
  });
}
