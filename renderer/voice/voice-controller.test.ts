import { beforeEach, describe, expect, it, vi } from 'vitest';
import { newCall } from '../../shared/call-state';
import type { CallReport, DeviceCommand } from '../../shared/contract';
import { REST_AFTER_MS } from './sdk-audio-gate';
import { VoiceController } from './voice-controller';
import { createVoiceStore } from './voice-store';

// A stand-in for the SDK module: records what the controller asks of it.
type Listener = (...args: unknown[]) => void;
class FakeEmitter {
  listeners = new Map<string, Listener[]>();
  on(event: string, fn: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    for (const fn of this.listeners.get(event) ?? []) fn(...args);
  }
}
/** The page's one SDK AudioContext (the SDK's static `Device.audioContext`): what was asked of it, in order. */
const sdkContext = {
  state: 'running' as AudioContextState,
  asked: [] as string[],
  async suspend() {
    this.asked.push('suspend');
    this.state = 'suspended';
  },
  async resume() {
    this.asked.push('resume');
    this.state = 'running';
  },
};
const created: FakeDevice[] = [];
class FakeDevice extends FakeEmitter {
  static audioContext = sdkContext;
  tokens: string[];
  registered = false;
  destroyed = false;
  audio = undefined;
  connected: Record<string, string>[] = [];
  constructor(
    token: string,
    readonly options: Record<string, unknown>,
  ) {
    super();
    this.tokens = [token];
    created.push(this);
  }
  async register() {
    this.registered = true;
    this.emit('registered');
  }
  updateToken(token: string) {
    this.tokens.push(token);
  }
  destroy() {
    this.destroyed = true;
  }
  async connect(o: { params: Record<string, string> }) {
    this.connected.push(o.params);
    return new FakeCall({ CallSid: 'TJSxyz' }, new Map());
  }
}
class FakeCall extends FakeEmitter {
  accepted = false;
  digits = '';
  muted = false;
  constructor(
    readonly parameters: Record<string, string>,
    readonly customParameters: Map<string, string>,
  ) {
    super();
  }
  status() {
    return this.accepted ? 'open' : 'pending';
  }
  accept() {
    this.accepted = true;
    this.emit('accept');
  }
  reject() {
    this.emit('reject');
  }
  disconnect() {
    this.emit('disconnect');
  }
  mute(m: boolean) {
    this.muted = m;
    this.emit('mute', m);
  }
  sendDigits(d: string) {
    this.digits += d;
  }
}
vi.mock('@twilio/voice-sdk', () => ({ Device: FakeDevice, Call: { Codec: { PCMU: 'pcmu', Opus: 'opus' } } }));
vi.mock('./sound-assets', () => ({ SOUND_ASSET_URLS: { incoming: 'incoming.wav' } }));

const RESERVATION = 'WR' + '1'.repeat(32);
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A host as the controller sees it: owner arbitration, reports, events it can push. */
function setup(options: { owner?: boolean; expected?: boolean; signalingUrl?: string | null } = {}) {
  const store = createVoiceStore();
  const listeners: Record<string, ((payload: never) => void)[]> = {};
  const on = (name: string) => (fn: (payload: never) => void) => {
    (listeners[name] ??= []).push(fn);
    return () => undefined;
  };
  const push = (name: string, payload: unknown) => listeners[name]?.forEach((fn) => fn(payload as never));
  let owner = options.owner ?? true;
  let tokenNo = 0;
  const signaling = { url: options.signalingUrl === undefined ? 'ws://127.0.0.1:4000/signal' : options.signalingUrl };
  const reports: CallReport[] = [];
  const api = {
    getVoiceToken: vi.fn(async () => ({ ok: true as const, value: { token: `tok-${++tokenNo}`, identity: 'alice', expiresAt: Date.now() + 60_000, signalingUrl: signaling.url } })),
    claimDevice: vi.fn(async () => ({ ok: true as const, value: { owner } })),
    releaseDevice: vi.fn(async () => ({ ok: true as const, value: { released: true } })),
    reportCall: vi.fn(async ({ report }: { report: CallReport }) => {
      reports.push(report);
      return { ok: true as const, value: { callId: report.kind === 'incoming' ? report.callSid : report.callId, expected: report.kind === 'incoming' && (options.expected ?? false) } };
    }),
    listCalls: vi.fn(async () => ({ ok: true as const, value: [] })),
    callAction: vi.fn(async () => ({ ok: true as const, value: newCall({ id: 'x', direction: 'inbound', phase: 'ringing', at: 0 }) })),
    holdCall: vi.fn(),
    onCallUpdated: on('callUpdated'),
    onDeviceCommand: on('deviceCommand'),
    onDeviceOwnerChanged: on('deviceOwnerChanged'),
    onSessionReset: on('sessionReset'),
    onVoiceTokenUpdated: on('voiceTokenUpdated'),
  };
  const controller = new VoiceController({ api: api as never, store, windowId: 'window-one', setInterval: () => 0, clearInterval: () => undefined });
  return { store, api, controller, push, reports, signaling, setOwner: (o: boolean) => (owner = o) };
}

const incoming = (sid: string, reservationSid: string | null = RESERVATION) => new FakeCall({ CallSid: sid, From: '+1555' }, new Map(reservationSid ? [['reservationSid', reservationSid]] : []));

describe('VoiceController', () => {
  beforeEach(() => {
    created.length = 0;
  });

  it('as the owner, registers a Device with local sounds and Insights off, signaling redirected to the emulator; releases it on stop', async () => {
    const { store, api, controller } = setup();
    await controller.start();
    const device = created[0]!;
    expect(device.options).toMatchObject({ publishEvents: false, sounds: { incoming: 'incoming.wav' } });
    expect(store.getState().registration).toBe('registered');
    expect((globalThis as unknown as Record<string, unknown>)['__voiceSignalingTarget']).toBe('ws://127.0.0.1:4000/signal');
    controller.stop();
    expect(device.destroyed).toBe(true);
    expect(api.releaseDevice).toHaveBeenCalledWith({ windowId: 'window-one' });
  });

  it('a second window builds no Device (it would ring too); it takes over when the owner lets go', async () => {
    const { store, controller, push, setOwner } = setup({ owner: false });
    await controller.start();
    expect(created).toHaveLength(0);
    expect(store.getState().registration).toBe('elsewhere');
    setOwner(true);
    push('deviceOwnerChanged', { ownerWindowId: null });
    await flush();
    await flush();
    expect(created).toHaveLength(1);
    expect(store.getState().registration).toBe('registered');
  });

  it('rebuilds the Device with a fresh token and signaling target on a new session epoch (switching mode and back no longer breaks voice)', async () => {
    const { controller, push, signaling } = setup();
    await controller.start();
    const first = created[0]!;
    // The embedded emulator restarted on another port: the old Device would keep dialing the dead one (31005).
    signaling.url = 'ws://127.0.0.1:5000/signal';
    push('sessionReset', { epoch: 2, reason: 'identity' });
    await flush();
    await flush();
    expect(first.destroyed).toBe(true);
    expect(created).toHaveLength(2);
    expect(created[1]!.tokens).toEqual(['tok-2']);
    expect((globalThis as unknown as Record<string, unknown>)['__voiceSignalingTarget']).toBe('ws://127.0.0.1:5000/signal');
  });

  it('reports the Device\'s events to the host and answers by itself only a call the host says this desktop asked for', async () => {
    const { controller, reports } = setup({ expected: true });
    await controller.start();
    const call = incoming('CA' + '2'.repeat(32));
    created[0]!.emit('incoming', call);
    await flush();
    expect(call.accepted).toBe(true);
    expect(reports.map((r) => r.kind)).toEqual(['incoming', 'accepted']);
    expect(reports[0]).toMatchObject({ kind: 'incoming', reservationSid: RESERVATION });
    call.emit('disconnect');
    await flush();
    expect(reports.at(-1)).toMatchObject({ kind: 'ended', how: 'remoteHungUp' });
  });

  it('lets an unasked call ring, and with auto-answer off even an asked one', async () => {
    const stranger = setup({ expected: false });
    await stranger.controller.start();
    const call = incoming('CA' + '3'.repeat(32), null);
    created[0]!.emit('incoming', call);
    await flush();
    expect(call.accepted).toBe(false);

    created.length = 0;
    const off = setup({ expected: true });
    off.store.setState({ autoAnswer: false });
    await off.controller.start();
    const asked = incoming('CA' + '4'.repeat(32));
    created[0]!.emit('incoming', asked);
    await flush();
    expect(asked.accepted).toBe(false);
  });

  it('runs the host\'s commands for this window only, and dials an outbound call into its conference', async () => {
    const { controller, push, reports } = setup();
    await controller.start();
    const call = incoming('CA' + '5'.repeat(32));
    created[0]!.emit('incoming', call);
    await flush();
    const command = (windowId: string, c: DeviceCommand['command'], callId = 'CA' + '5'.repeat(32)) => push('deviceCommand', { windowId, callId, command: c });
    command('window-two', { kind: 'answer' });
    await flush();
    expect(call.accepted).toBe(false);
    command('window-one', { kind: 'answer' });
    command('window-one', { kind: 'digits', digits: '12#' });
    command('window-one', { kind: 'hangUp' });
    await flush();
    expect(call.accepted).toBe(true);
    expect(call.digits).toBe('12#');
    await flush();
    expect(reports.at(-1)).toMatchObject({ kind: 'ended', how: 'agentHungUp' });

    command('window-one', { kind: 'dial', to: 'conference:WT1' }, 'out-1');
    await flush();
    expect(created[0]!.connected).toEqual([{ To: 'conference:WT1' }]);
  });

  it('lets the SDK\'s AudioContext rest between calls and wakes it for a ringing call and for a dial', async () => {
    vi.useFakeTimers();
    try {
      sdkContext.asked.length = 0;
      sdkContext.state = 'running';
      const { controller, push } = setup();
      await controller.start();
      await vi.advanceTimersByTimeAsync(REST_AFTER_MS);
      expect(sdkContext.state).toBe('suspended');

      const call = incoming('CA' + '7'.repeat(32));
      created[0]!.emit('incoming', call);
      expect(sdkContext.state).toBe('running');
      await vi.advanceTimersByTimeAsync(REST_AFTER_MS * 3);
      expect(sdkContext.state).toBe('running');
      call.emit('disconnect');
      await vi.advanceTimersByTimeAsync(REST_AFTER_MS);
      expect(sdkContext.state).toBe('suspended');

      push('deviceCommand', { windowId: 'window-one', callId: 'out-2', command: { kind: 'dial', to: 'conference:WT2' } });
      await vi.advanceTimersByTimeAsync(0);
      expect(sdkContext.asked.at(-1)).toBe('resume');
      expect(created[0]!.connected).toEqual([{ To: 'conference:WT2' }]);
      await vi.advanceTimersByTimeAsync(REST_AFTER_MS * 3);
      expect(sdkContext.state).toBe('running');
      controller.stop();
      await vi.advanceTimersByTimeAsync(REST_AFTER_MS);
      expect(sdkContext.state).toBe('suspended');
    } finally {
      vi.useRealTimers();
    }
  });

  it('a window without the Device acts through the host', async () => {
    const { controller, api } = setup({ owner: false });
    await controller.start();
    await controller.act('CA' + '6'.repeat(32), { kind: 'answer' });
    expect(api.callAction).toHaveBeenCalledWith({ callId: 'CA' + '6'.repeat(32), action: { kind: 'answer' } });
  });
});
