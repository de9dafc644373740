import type { VoiceStore } from './voice-store';

/**
 * Tells the host whether a call exists (ringing, connecting, open or
 * reconnecting), once per change: the desktop app never restarts for an update
 * during one. Returns the function that stops it, reporting "no call" if one
 * was reported (the call region is going away with its calls).
 */
export function reportCallState(voice: VoiceStore, report: (inCall: boolean) => void): () => void {
  let last: boolean | null = null;
  const check = () => {
    const inCall = voice.getState().call !== null;
    if (inCall === last) return;
    last = inCall;
    report(inCall);
  };
  check();
  const unsubscribe = voice.subscribe(check);
  return () => {
    unsubscribe();
    if (last) report(false);
  };
}
