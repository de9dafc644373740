import type { AppError } from '../../shared/result';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CallState } from '../../shared/call-state';

/** The Device of this window: `elsewhere` when another window owns it (this one shows the calls and acts through the host). */
export type Registration = 'idle' | 'loading' | 'registering' | 'registered' | 'unregistered' | 'error' | 'elsewhere';

export interface AudioDeviceOption {
  id: string;
  label: string;
}

export interface VoiceState {
  registration: Registration;
  /** Why the phone is unavailable or what went wrong with it (the Device, not a call). */
  problem: string | null;
  /** The calls the host runs (shared/call-state.ts), by id: the live ones and the last ended ones. */
  calls: Record<string, CallState>;
  /** A request about a call that failed before the host could record it on the call (the link was down…): shown on that call only. */
  /** A failed request about a call the host could not keep on the call, by call id (the UI words it). */
  requestErrors: Record<string, AppError>;
  /** Plain-words quality warnings of the Device's calls, by call id, then by SDK warning name. */
  warnings: Record<string, Record<string, string>>;
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
    calls: {},
    requestErrors: {},
    warnings: {},
    micLevel: 0,
    inputs: [],
    outputs: [],
    inputId: null,
    outputId: null,
    keypadOpen: false,
    autoAnswer: storedAutoAnswer(),
  }));
}

/** Applies a call the host pushed; an error kept for a call goes when the call ends. */
export function upsertCall(store: VoiceStore, call: CallState): void {
  store.setState((s) => {
    const calls = { ...s.calls, [call.id]: call };
    if (call.phase !== 'ended' || !(call.id in s.requestErrors)) return { calls };
    const { [call.id]: _gone, ...requestErrors } = s.requestErrors;
    return { calls, requestErrors };
  });
}

/** Replaces every call (after a reconnect or a new session). */
export function replaceCalls(store: VoiceStore, calls: CallState[]): void {
  const byId = Object.fromEntries(calls.map((c) => [c.id, c]));
  store.setState((s) => ({ calls: byId, requestErrors: Object.fromEntries(Object.entries(s.requestErrors).filter(([id]) => byId[id] && byId[id].phase !== 'ended')) }));
}

/** The call the panel shows: the newest live one, else the newest ended one (its outcome and wrap-up). */
export function currentCall(s: VoiceState): CallState | null {
  const all = Object.values(s.calls);
  const live = all.filter((c) => c.phase !== 'ended').sort((a, b) => b.startedAt - a.startedAt);
  if (live[0]) return live[0];
  return all.sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0))[0] ?? null;
}
