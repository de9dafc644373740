/**
 * The Voice SDK builds one AudioContext per page with its first Device
 * (`Device.audioContext`) and never suspends it. A running context renders
 * silence on the audio thread for the rest of the shift: in Chromium here,
 * about 1.2 % of a core in the page and 2 % in the audio service, with nothing
 * happening. The SDK uses the context only around calls (its ringing,
 * outgoing and disconnect sounds, DTMF tones and volume meters), so the
 * context rests while the Device has no call and wakes the moment one
 * appears. A sound the SDK starts on a resting context plays from its start
 * once the context wakes: a suspended context's clock stands still.
 */

/** Long enough for the SDK's disconnect sound (0.3 s) to finish before the context rests. */
export const REST_AFTER_MS = 2_000;

type AudioContextLike = Pick<AudioContext, 'state' | 'suspend' | 'resume'>;

export interface SdkAudioGate {
  /** A call (or a dial about to become one) needs the context: it wakes now. */
  callStarted(call: object): void;
  /** That call is over; with no other call left, the context rests shortly. */
  callEnded(call: object): void;
  /** Forgets every call (the Device is gone) and lets the context rest. */
  reset(): void;
}

/** `context` reads the SDK's context, which exists only once a Device was built. */
export function createSdkAudioGate(context: () => AudioContextLike | undefined): SdkAudioGate {
  const calls = new Set<object>();
  let restTimer: ReturnType<typeof setTimeout> | null = null;

  const cancelRest = () => {
    if (restTimer !== null) clearTimeout(restTimer);
    restTimer = null;
  };
  const restSoon = () => {
    cancelRest();
    restTimer = setTimeout(() => {
      restTimer = null;
      const audio = context();
      if (calls.size === 0 && audio?.state === 'running') void audio.suspend().catch(() => undefined);
    }, REST_AFTER_MS);
  };

  return {
    callStarted(call) {
      calls.add(call);
      cancelRest();
      const audio = context();
      // Whatever the state says: a suspend still in flight reads "running", and a resume queued behind it wins.
      if (audio && audio.state !== 'closed') void audio.resume().catch(() => undefined);
    },
    callEnded(call) {
      if (calls.delete(call) && calls.size === 0) restSoon();
    },
    reset() {
      calls.clear();
      restSoon();
    },
  };
}
