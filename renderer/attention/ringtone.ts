/**
 * A ringtone generated with Web Audio (no file to ship): two short tones
 * repeating. `urgent` rings faster and louder for the last seconds of an offer.
 * The output device is chosen with AudioContext.setSinkId where the browser
 * supports it (Chromium 110+, Electron). Between rings the context is
 * suspended: a running AudioContext renders silence on the audio thread (and
 * keeps the audio service busy) for the rest of the shift.
 */
export interface Ringtone {
  /** Starts ringing, or changes the urgency of the ring already playing. */
  ring(urgent: boolean): void;
  stop(): void;
  setDevice(deviceId: string): Promise<void>;
  readonly ringing: boolean;
}

type SinkCapableContext = AudioContext & { setSinkId?: (id: string) => Promise<void> };

/** Long enough for the last beep (0.34 s) to finish before the context is suspended. */
export const SUSPEND_AFTER_MS = 500;

export function createRingtone(createContext: () => AudioContext = () => new AudioContext()): Ringtone {
  let context: SinkCapableContext | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  let suspendTimer: ReturnType<typeof setTimeout> | null = null;
  let currentUrgent = false;
  let deviceId = '';

  const ctx = (): SinkCapableContext => {
    context ??= createContext() as SinkCapableContext;
    if (deviceId && context.setSinkId) void context.setSinkId(deviceId).catch(() => undefined);
    return context;
  };

  const beep = (urgent: boolean) => {
    const audio = ctx();
    if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
    const gain = audio.createGain();
    gain.connect(audio.destination);
    const peak = urgent ? 0.35 : 0.15;
    const start = audio.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.18, 660],
    ] as const) {
      const osc = audio.createOscillator();
      osc.frequency.value = frequency;
      osc.connect(gain);
      osc.start(start + offset);
      osc.stop(start + offset + 0.15);
    }
    gain.gain.setValueAtTime(peak, start);
    gain.gain.linearRampToValueAtTime(0, start + 0.34);
  };

  return {
    get ringing() {
      return timer !== null;
    },
    ring(urgent) {
      if (suspendTimer !== null) clearTimeout(suspendTimer);
      suspendTimer = null;
      if (timer !== null && urgent === currentUrgent) return;
      if (timer !== null) clearInterval(timer);
      currentUrgent = urgent;
      try {
        beep(urgent);
      } catch {
        // Audio can be unavailable (no device, autoplay policy); the visual countdown still shows.
      }
      timer = setInterval(() => {
        try {
          beep(urgent);
        } catch {
          /* see above */
        }
      }, urgent ? 700 : 2_000);
    },
    stop() {
      if (timer === null) return;
      clearInterval(timer);
      timer = null;
      suspendTimer = setTimeout(() => {
        suspendTimer = null;
        if (context?.state === 'running') void context.suspend().catch(() => undefined);
      }, SUSPEND_AFTER_MS);
    },
    async setDevice(id) {
      deviceId = id;
      if (context?.setSinkId) await context.setSinkId(id).catch(() => undefined);
    },
  };
}

/** The audio outputs for the ringtone device picker (labels appear once the microphone is allowed). */
export async function listOutputDevices(): Promise<Array<{ deviceId: string; label: string }>> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.filter((d) => d.kind === 'audiooutput').map((d, i) => ({ deviceId: d.deviceId, label: d.label || `Speaker ${i + 1}` }));
}
