import type { Call, Device } from '@twilio/voice-sdk';
import type { CallState } from '../../shared/call-state';
import type { AgentDesktopApi, CallReport, DeviceAction, DeviceCommand, VoiceToken } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { createSdkAudioGate } from './sdk-audio-gate';
import { installSignalingRedirect } from './signaling-redirect';
import { SOUND_ASSET_URLS } from './sound-assets';
import { replaceCalls, upsertCall, type VoiceStore } from './voice-store';
import { describeWarning } from './warnings';
import { t } from '../i18n/i18n';
import { errorText } from '../app/error-text';
import { describeVoiceError } from './voice-errors';

/** The calls TaskRouter places to the agent carry these (the emulator adds them; Twilio's own do not). */
const RESERVATION_PARAM = 'reservationSid';
/** Mic level updates per second pushed to the UI: the SDK reports ~every frame. */
const LEVEL_UPDATE_MS = 100;
/** The owning window renews its claim on the Device this often (the host's lease is 15 s). */
export const CLAIM_RENEW_MS = 5_000;

type VoiceApi = Pick<
  AgentDesktopApi,
  | 'getVoiceToken'
  | 'onVoiceTokenUpdated'
  | 'claimDevice'
  | 'releaseDevice'
  | 'reportCall'
  | 'listCalls'
  | 'callAction'
  | 'holdCall'
  | 'onCallUpdated'
  | 'onDeviceCommand'
  | 'onDeviceOwnerChanged'
  | 'onSessionReset'
>;

export interface VoiceControllerDeps {
  api: VoiceApi;
  store: VoiceStore;
  /** This window's name for the host (random per load). */
  windowId?: string;
  now?: () => number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

const randomId = (): string => (globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`).replace(/[^A-Za-z0-9-]/g, '').slice(0, 64).padEnd(8, '0');

/**
 * The phone of this window. The host decides which window owns the Voice SDK
 * Device (the first to claim it); only that window creates and registers one,
 * so a call never rings in two places. The owner reports what its Device does
 * to the host, which runs the call state machine (shared/call-state.ts) and
 * pushes every call to every window; the other windows show the same calls
 * and act through the host, which relays to the owner what only the Device
 * can do (answer, mute, digits). On a new session epoch (another mode,
 * account or worker) the Device is rebuilt with a fresh token and signaling
 * target. The SDK is imported here, lazily, and nowhere else.
 */
export class VoiceController {
  readonly windowId: string;
  private device: Device | null = null;
  /** The Device's calls, by the host's call id. */
  private readonly sdkCalls = new Map<string, Call>();
  /** Calls this window hung up itself (their disconnect is the agent's doing). */
  private readonly hungUpHere = new WeakSet<Call>();
  private unsubscribers: (() => void)[] = [];
  private renewTimer: unknown = null;
  private lastLevelAt = 0;
  private currentToken: string | null = null;
  private owner = false;
  /** Bumped by every (re)build and stop, so a build overtaken by another gives up. */
  private generation = 0;
  /** A rebuild asked for while a call was up on the old Device: done when that call ends. */
  private rebuildAfterCall = false;
  private readonly now: () => number;
  /** The SDK's Device class once loaded: its static `audioContext` is the page's one SDK context. */
  private sdkDeviceClass: { readonly audioContext?: AudioContext } | null = null;
  private readonly audioGate = createSdkAudioGate(() => this.sdkDeviceClass?.audioContext);

  constructor(private readonly deps: VoiceControllerDeps) {
    this.windowId = deps.windowId ?? randomId();
    this.now = deps.now ?? (() => Date.now());
  }

  private get set() {
    return this.deps.store.setState;
  }

  async start(): Promise<void> {
    const { api } = this.deps;
    this.unsubscribers = [
      api.onCallUpdated((call) => upsertCall(this.deps.store, call)),
      api.onDeviceCommand((command) => void this.onCommand(command)),
      api.onDeviceOwnerChanged(({ ownerWindowId }) => {
        // The owner let go (closed, crashed): this window may take the phone.
        if (ownerWindowId === null && !this.owner) void this.claim();
      }),
      api.onSessionReset(() => {
        void this.reloadCalls();
        if (this.owner) void this.rebuild();
        else void this.claim();
      }),
      api.onVoiceTokenUpdated((fresh: VoiceToken) => this.applyToken(fresh)),
    ];
    const every = this.deps.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
    this.renewTimer = every(() => void this.claim(), CLAIM_RENEW_MS);
    await this.reloadCalls();
    await this.claim();
  }

  stop(): void {
    this.generation++;
    this.unsubscribers.forEach((off) => off());
    this.unsubscribers = [];
    if (this.renewTimer !== null) (this.deps.clearInterval ?? ((h: unknown) => clearInterval(h as ReturnType<typeof setInterval>)))(this.renewTimer);
    this.renewTimer = null;
    if (this.owner) void this.deps.api.releaseDevice({ windowId: this.windowId });
    this.owner = false;
    this.destroyDevice();
  }

  /** Claims (or renews) the Device; builds it when this window just became the owner. */
  private async claim(): Promise<void> {
    const result = await this.deps.api.claimDevice({ windowId: this.windowId });
    if (!result.ok) return;
    const wasOwner = this.owner;
    this.owner = result.value.owner;
    if (this.owner && !wasOwner) await this.rebuild();
    if (!this.owner) {
      if (wasOwner) this.destroyDevice();
      this.set({ registration: 'elsewhere', problem: null });
    }
  }

  private async reloadCalls(): Promise<void> {
    const result = await this.deps.api.listCalls({});
    if (result.ok) replaceCalls(this.deps.store, result.value);
  }

  /** A new Device with a fresh token (and signaling target); waits for a live call on the old one to end first. */
  private async rebuild(): Promise<void> {
    if (this.sdkCalls.size > 0) {
      this.rebuildAfterCall = true;
      return;
    }
    this.rebuildAfterCall = false;
    const generation = ++this.generation;
    const current = () => generation === this.generation && this.owner;
    this.destroyDevice();
    this.set({ registration: 'loading', problem: null });
    const token = await this.deps.api.getVoiceToken({});
    if (!current()) return;
    if (!token.ok) {
      this.set({ registration: 'error', problem: errorText(token.error, t) });
      return;
    }
    // Demo mode: the SDK must open the emulator's signaling, and nothing may reach Twilio.
    installSignalingRedirect(token.value.signalingUrl);
    const { Device: DeviceClass, Call: CallClass } = await import('@twilio/voice-sdk');
    if (!current()) return;
    const demo = token.value.signalingUrl !== null;
    const options: Device.Options & { publishEvents?: boolean } = {
      // Bundled files, so nothing is fetched from sdk.twilio.com.
      sounds: SOUND_ASSET_URLS,
      codecPreferences: [CallClass.Codec.PCMU, CallClass.Codec.Opus],
      closeProtection: true,
      logLevel: 'warn',
      tokenRefreshMs: 30_000,
      // Insights reporting would send call data to Twilio; off in demo mode so nothing leaves the machine.
      ...(demo ? { publishEvents: false } : {}),
    };
    const device = new DeviceClass(token.value.token, options);
    this.sdkDeviceClass = DeviceClass;
    this.audioGate.reset();
    this.currentToken = token.value.token;
    this.device = device;
    device.on('registering', () => this.device === device && this.set({ registration: 'registering' }));
    device.on('registered', () => this.device === device && this.set({ registration: 'registered', problem: null }));
    device.on('unregistered', () => this.device === device && this.set({ registration: 'unregistered' }));
    device.on('error', (error: { message?: string; code?: number }) => this.device === device && this.set({ problem: describeVoiceError(error.code) }));
    device.on('tokenWillExpire', () => void this.refreshToken());
    device.on('incoming', (call: Call) => void this.onIncoming(call));
    device.audio?.on('deviceChange', () => this.readDevices());
    try {
      await device.register();
    } catch (error) {
      if (this.device === device) this.set({ registration: 'error', problem: describeVoiceError((error as { code?: number } | null)?.code) });
    }
    this.readDevices();
  }

  private destroyDevice(): void {
    // Without destroy a reload leaves a ghost registration ringing nowhere.
    this.device?.destroy();
    this.device = null;
    this.currentToken = null;
    this.sdkCalls.clear();
    this.audioGate.reset();
  }

  // ------------------------------------------------------------------ what the agent does (any window)

  /** Answer, decline, mute, digits: on this window's Device when it has the call, else through the host. Hang up always goes through the host (it may end the conference). */
  async act(callId: string, action: DeviceAction): Promise<void> {
    const local = this.sdkCalls.get(callId);
    if (local && action.kind !== 'hangUp') {
      this.runOnDevice(local, action);
      return;
    }
    await this.request(callId, () => this.deps.api.callAction({ callId, action }));
  }

  async hold(call: CallState, hold: boolean): Promise<void> {
    await this.request(call.id, () => this.deps.api.holdCall({ callId: call.id, hold }));
  }

  /** Runs a host request about one call; a failure the host could not record on the call is kept for that call. */
  async request<T>(callId: string, send: () => Promise<Result<T>>): Promise<Result<T>> {
    const result = await send();
    this.set((s) => {
      const { [callId]: _old, ...rest } = s.requestErrors;
      return { requestErrors: result.ok || s.calls[callId]?.error?.message === result.error.message ? rest : { ...rest, [callId]: result.error } };
    });
    return result;
  }

  async selectInput(id: string): Promise<void> {
    await this.device?.audio?.setInputDevice(id);
    this.set({ inputId: id });
  }

  async selectOutput(id: string): Promise<void> {
    await this.device?.audio?.speakerDevices.set(id);
    await this.device?.audio?.ringtoneDevices.set(id);
    this.set({ outputId: id });
  }

  // ------------------------------------------------------------------ the Device (owner only)

  private runOnDevice(call: Call, action: DeviceAction): void {
    switch (action.kind) {
      case 'answer':
        call.accept();
        break;
      case 'decline':
        call.reject();
        break;
      case 'hangUp':
        // Still ringing here: hanging up declines it.
        if (call.status() === 'pending') {
          call.reject();
          break;
        }
        this.hungUpHere.add(call);
        call.disconnect();
        break;
      case 'mute':
        call.mute(action.muted);
        break;
      case 'digits':
        call.sendDigits(action.digits);
        break;
    }
  }

  private async onCommand(command: DeviceCommand): Promise<void> {
    if (command.windowId !== this.windowId || !this.owner) return;
    if (command.command.kind === 'dial') return this.dial(command.callId, command.command.to);
    const call = this.sdkCalls.get(command.callId);
    if (call) this.runOnDevice(call, command.command);
  }

  private report(report: CallReport) {
    return this.deps.api.reportCall({ windowId: this.windowId, report });
  }

  /** An outgoing call the host asked for (an outbound call: the Device joins its conference through the TwiML app). */
  private async dial(callId: string, to: string): Promise<void> {
    if (!this.device) {
      await this.report({ kind: 'ended', callId, how: 'failed' });
      return;
    }
    const dialing = {};
    this.audioGate.callStarted(dialing);
    try {
      const call = await this.device.connect({ params: { To: to } });
      this.follow(call, Promise.resolve(callId));
    } catch (error) {
      const voiceCode = (error as { code?: unknown } | null)?.code;
      await this.report({ kind: 'error', callId, message: `The call could not be placed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500), ...(typeof voiceCode === 'number' ? { voiceCode } : {}) });
      await this.report({ kind: 'ended', callId, how: 'failed' });
    } finally {
      this.audioGate.callEnded(dialing);
    }
  }

  private async onIncoming(call: Call): Promise<void> {
    const callSid = call.parameters['CallSid'] ?? '';
    const named = call.customParameters.get(RESERVATION_PARAM) ?? null;
    const reported = this.report({ kind: 'incoming', callSid, from: call.parameters['From'] ?? null, reservationSid: named && /^WR[0-9a-fA-F]{32}$/.test(named) ? named : null });
    const callId = reported.then((r) => (r.ok ? r.value.callId : callSid));
    this.follow(call, callId);
    const result = await reported;
    // A call this desktop asked for connects by itself (a setting); anything else rings until the agent answers.
    if (result.ok && result.value.expected && this.deps.store.getState().autoAnswer && call.status() === 'pending') call.accept();
  }

  /** Reports the SDK's events for one call to the host. */
  private follow(call: Call, callIdReady: Promise<string>): void {
    const send = (make: (callId: string) => CallReport) => void callIdReady.then((callId) => this.report(make(callId)));
    this.audioGate.callStarted(call);
    void callIdReady.then((callId) => this.sdkCalls.set(callId, call));
    const ended = (how: 'canceled' | 'rejected' | 'agentHungUp' | 'remoteHungUp' | 'failed') => () => {
      this.audioGate.callEnded(call);
      void callIdReady.then((callId) => {
        if (this.sdkCalls.get(callId) === call) this.sdkCalls.delete(callId);
        this.set((s) => ({ micLevel: 0, keypadOpen: Object.keys(s.calls).some((id) => id !== callId && s.calls[id]?.phase !== 'ended') && s.keypadOpen }));
        void this.report({ kind: 'ended', callId, how });
        if (this.rebuildAfterCall && this.sdkCalls.size === 0) void this.rebuild();
      });
    };
    call.on('accept', () => send((callId) => ({ kind: 'accepted', callId, callSid: /^CA[0-9a-fA-F]{32}$/.test(call.parameters['CallSid'] ?? '') ? call.parameters['CallSid']! : null })));
    call.on('cancel', ended('canceled'));
    call.on('reject', ended('rejected'));
    call.on('disconnect', () => ended(this.hungUpHere.has(call) ? 'agentHungUp' : 'remoteHungUp')());
    call.on('error', (error: { message?: string; code?: number }) => send((callId) => ({ kind: 'error', callId, message: (error.message ?? describeVoiceError(error.code)).slice(0, 500), ...(error.code !== undefined ? { voiceCode: error.code } : {}) })));
    call.on('mute', (muted: boolean) => send((callId) => ({ kind: 'muted', callId, muted })));
    call.on('warning', (name: string) => this.warn(callIdReady, name, describeWarning(name)));
    call.on('warning-cleared', (name: string) => this.warn(callIdReady, name, null));
    call.on('volume', (input: number) => {
      const at = this.now();
      if (at - this.lastLevelAt < LEVEL_UPDATE_MS) return;
      this.lastLevelAt = at;
      this.set({ micLevel: input });
    });
  }

  /** Quality warnings are this window's (the Device's) and belong to one call. */
  private warn(callIdReady: Promise<string>, name: string, text: string | null): void {
    void callIdReady.then((callId) =>
      this.set((s) => {
        const current = { ...(s.warnings[callId] ?? {}) };
        if (text) current[name] = text;
        else delete current[name];
        return { warnings: { ...s.warnings, [callId]: current } };
      }),
    );
  }

  private async refreshToken(): Promise<void> {
    const token = await this.deps.api.getVoiceToken({});
    if (token.ok) this.applyToken(token.value);
    else this.set({ problem: t('voice.tokenNotRenewed', { error: errorText(token.error, t) }) });
  }

  private applyToken(token: VoiceToken): void {
    if (!this.device || token.token === this.currentToken) return;
    try {
      this.device.updateToken(token.token);
      this.currentToken = token.token;
    } catch {
      // updateToken throws after the Device was destroyed; a rebuild fetches a token anyway.
      this.set({ problem: t('voice.tokenNotApplied') });
    }
  }

  private readDevices(): void {
    const audio = this.device?.audio;
    if (!audio) return;
    const list = (map: Map<string, MediaDeviceInfo>) => [...map.values()].map((d, i) => ({ id: d.deviceId, label: d.label || t('voice.device', { number: i + 1 }) }));
    this.set({ inputs: list(audio.availableInputDevices), outputs: list(audio.availableOutputDevices) });
  }
}
