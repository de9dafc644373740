import type { Call, Device } from '@twilio/voice-sdk';
import type { AgentDesktopApi, VoiceToken } from '../../shared/contract';
import type { Reservation } from '../../shared/model';
import { installSignalingRedirect } from './signaling-redirect';
import { SOUND_ASSET_URLS } from './sound-assets';
import type { CallInfo, VoiceStore } from './voice-store';
import { describeWarning } from './warnings';
import type { ExpectedCalls } from './expected-calls';
import { describeVoiceError } from './voice-errors';
import { t } from '../i18n/i18n';
import { errorText } from '../app/error-text';

/** The calls TaskRouter places to the agent carry these (the emulator adds them; Twilio's own do not). */
const RESERVATION_PARAM = 'reservationSid';
/** How recently an offer must have been active for a ringing call to be shown as that offer's (display only, never to answer it). */
const RECENT_ACCEPT_MS = 60_000;
/** Mic level updates per second pushed to the UI: the SDK reports ~every frame. */
const LEVEL_UPDATE_MS = 100;

type VoiceApi = Pick<AgentDesktopApi, 'getVoiceToken' | 'holdCaller' | 'onVoiceTokenUpdated'>;

export interface VoiceControllerDeps {
  api: VoiceApi;
  store: VoiceStore;
  /** The agent's reservations, to match a ringing call with the offer it belongs to. */
  reservations: () => Reservation[];
  /** The calls this desktop asked for: auto-answer picks up only those. */
  expectedCalls: ExpectedCalls;
  now?: () => number;
}

/**
 * Owns the Voice SDK Device for the panel: fetches the short-lived token from
 * the host, points the SDK at the emulator in demo mode (before the SDK module
 * is evaluated), registers, keeps the token fresh, and turns Device and Call
 * events into the voice store. The SDK is imported here, lazily, and nowhere else.
 */
export class VoiceController {
  private device: Device | null = null;
  private call: Call | null = null;
  private unsubscribe: (() => void) | null = null;
  private lastLevelAt = 0;
  /** The token the Device holds: re-sending the same one would only make the SDK ask again at once. */
  private currentToken: string | null = null;
  /** Bumped by start and stop, so a start overtaken by a stop (or a newer start) gives up. */
  private generation = 0;
  private readonly now: () => number;

  constructor(private readonly deps: VoiceControllerDeps) {
    this.now = deps.now ?? (() => Date.now());
  }

  private get set() {
    return this.deps.store.setState;
  }

  async start(): Promise<void> {
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    this.set({ registration: 'loading', problem: null });
    const token = await this.deps.api.getVoiceToken({});
    if (!current()) return;
    if (!token.ok) {
      this.set({ registration: 'error', problem: token.error.message });
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
    this.currentToken = token.value.token;
    this.device = device;
    device.on('registering', () => this.set({ registration: 'registering' }));
    device.on('registered', () => this.set({ registration: 'registered', problem: null }));
    device.on('unregistered', () => this.set({ registration: 'unregistered' }));
    device.on('error', (error: { code?: number }) => this.set({ problem: describeVoiceError(error.code) }));
    device.on('tokenWillExpire', () => void this.refreshToken());
    device.on('incoming', (call: Call) => this.onIncoming(call));
    device.audio?.on('deviceChange', () => this.readDevices());
    this.unsubscribe = this.deps.api.onVoiceTokenUpdated((fresh: VoiceToken) => this.applyToken(fresh));
    try {
      await device.register();
    } catch (error) {
      this.set({ registration: 'error', problem: describeVoiceError((error as { code?: number } | null)?.code) });
    }
    this.readDevices();
  }

  stop(): void {
    this.generation++;
    this.unsubscribe?.();
    this.unsubscribe = null;
    // Without destroy a reload leaves a ghost registration ringing nowhere.
    this.device?.destroy();
    this.device = null;
    this.call = null;
  }

  answer(): void {
    this.call?.accept();
  }

  decline(): void {
    this.call?.reject();
  }

  hangUp(): void {
    this.call?.disconnect();
  }

  toggleMute(): void {
    if (!this.call) return;
    this.call.mute(!this.call.isMuted());
  }

  async toggleHold(): Promise<string | null> {
    const info = this.deps.store.getState().call;
    if (!info || info.state !== 'open') return null;
    if (!info.reservationSid) return t('voice.holdNeedsReservation');
    const result = await this.deps.api.holdCaller({ reservationSid: info.reservationSid, hold: !info.held });
    if (!result.ok) return errorText(result.error, t);
    this.patchCall({ held: result.value.hold });
    return null;
  }

  sendDigit(digit: string): void {
    if (/^[0-9*#]$/.test(digit)) this.call?.sendDigits(digit);
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
      // updateToken throws after the Device was destroyed; a new start() will fetch a token anyway.
      this.set({ problem: t('voice.tokenNotApplied') });
    }
  }

  private readDevices(): void {
    const audio = this.device?.audio;
    if (!audio) return;
    const list = (map: Map<string, MediaDeviceInfo>) => [...map.values()].map((d, i) => ({ id: d.deviceId, label: d.label || t('voice.device', { number: i + 1 }) }));
    this.set({ inputs: list(audio.availableInputDevices), outputs: list(audio.availableOutputDevices) });
  }

  private patchCall(patch: Partial<CallInfo>): void {
    const current = this.deps.store.getState().call;
    if (current) this.set({ call: { ...current, ...patch } });
  }

  /** The offer a ringing call belongs to: named by the call, else the voice offer the agent is handling now. */
  private reservationFor(call: Call): Reservation | undefined {
    const named = call.customParameters.get(RESERVATION_PARAM);
    const reservations = this.deps.reservations();
    if (named) return reservations.find((r) => r.sid === named);
    const recent = this.now() - RECENT_ACCEPT_MS;
    return reservations.find((r) => r.task.channel === 'voice' && (r.status === 'pending' || r.status === 'accepted') && r.updatedAt >= recent);
  }

  private onIncoming(call: Call): void {
    const reservation = this.reservationFor(call);
    const caller = reservation?.caller.name ?? reservation?.caller.number ?? call.parameters['From'] ?? t('caller.unknown');
    this.call = call;
    this.set({
      lastOutcome: null,
      call: { callSid: call.parameters['CallSid'] ?? '', caller, reservationSid: reservation?.sid ?? null, state: 'ringing', startedAt: null, muted: false, held: false, warnings: {} },
    });
    const ended = (outcome: string | null) => () => {
      if (this.call !== call) return;
      this.call = null;
      this.set({ call: null, lastOutcome: outcome, micLevel: 0, keypadOpen: false });
    };
    call.on('accept', () => this.patchCall({ state: 'open', startedAt: this.now() }));
    call.on('cancel', ended(t('voice.outcome.canceled')));
    call.on('reject', ended(t('voice.outcome.declined')));
    call.on('disconnect', ended(t('voice.outcome.ended')));
    call.on('error', (error: { code?: number }) => this.set({ problem: describeVoiceError(error.code) }));
    call.on('reconnecting', () => this.patchCall({ state: 'reconnecting' }));
    call.on('reconnected', () => this.patchCall({ state: 'open' }));
    call.on('mute', (muted: boolean) => this.patchCall({ muted }));
    call.on('warning', (name: string) => {
      const current = this.deps.store.getState().call;
      if (current) this.patchCall({ warnings: { ...current.warnings, [name]: describeWarning(name) } });
    });
    call.on('warning-cleared', (name: string) => {
      const current = this.deps.store.getState().call;
      if (!current) return;
      const { [name]: _cleared, ...rest } = current.warnings;
      this.patchCall({ warnings: rest });
    });
    call.on('volume', (input: number) => {
      const at = this.now();
      if (at - this.lastLevelAt < LEVEL_UPDATE_MS) return;
      this.lastLevelAt = at;
      this.set({ micLevel: input });
    });
    // A call this desktop asked for connects by itself (a setting); anything else rings until the agent answers.
    const asked = this.deps.expectedCalls.claim(call.customParameters.get(RESERVATION_PARAM) ?? null);
    if (this.deps.store.getState().autoAnswer && asked) call.accept();
  }
}
