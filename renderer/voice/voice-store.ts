import { createStore, type StoreApi } from 'zustand/vanilla';

export type Registration = 'idle' | 'loading' | 'registering' | 'registered' | 'unregistered' | 'error';

export interface CallInfo {
  /** The SDK's CallSid of the agent's leg. */
  callSid: string;
  /** Who is on the other end, as well as we know. */
  caller: string;
  reservationSid: string | null;
  state: 'ringing' | 'connecting' | 'open' | 'reconnecting';
  /** When the call connected (local clock), for the timer. */
  startedAt: number | null;
  muted: boolean;
  held: boolean;
  /** Plain-words quality warnings currently raised, by SDK warning name. */
  warnings: Record<string, string>;
}

export interface AudioDeviceOption {
  id: string;
  label: string;
}

export interface VoiceState {
  registration: Registration;
  /** Why voice is unavailable or what went wrong last, for the agent. */
  problem: string | null;
  call: CallInfo | null;
  /** The last ended call's outcome, e.g. "The caller hung up before you answered." */
  lastOutcome: string | null;
  micLevel: number;
  inputs: AudioDeviceOption[];
  outputs: AudioDeviceOption[];
  inputId: string | null;
  outputId: string | null;
  keypadOpen: boolean;
  autoAnswer: boolean;
}

export type VoiceStore = StoreApi<VoiceState>;

const AUTO_ANSWER_KEY = 'agent-desktop:voice:autoAnswer';

function storedAutoAnswer(): boolean {
  try {
    return globalThis.localStorage?.getItem(AUTO_ANSWER_KEY) !== 'false';
  } catch {
    return true;
  }
}

export function saveAutoAnswer(value: boolean): void {
  try {
    globalThis.localStorage?.setItem(AUTO_ANSWER_KEY, String(value));
  } catch {
    // Storage can be unavailable (private mode); the setting then lasts for the session.
  }
}

export function createVoiceStore(): VoiceStore {
  return createStore<VoiceState>(() => ({
    registration: 'idle',
    problem: null,
    call: null,
    lastOutcome: null,
    micLevel: 0,
    inputs: [],
    outputs: [],
    inputId: null,
    outputId: null,
    keypadOpen: false,
    autoAnswer: storedAutoAnswer(),
  }));
}
