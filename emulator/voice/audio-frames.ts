/**
 * Audio sources for the emulator's call legs, as 20 ms frames of 8 kHz linear
 * PCM (160 samples), the packet size of a PCMU telephone call.
 */

export const SAMPLE_RATE = 8000;
export const FRAME_MS = 20;
export const SAMPLES_PER_FRAME = (SAMPLE_RATE * FRAME_MS) / 1000;

/** Produces the next 20 ms of audio each time it is called. */
export type AudioSource = () => Int16Array;

export const silence: AudioSource = () => new Int16Array(SAMPLES_PER_FRAME);

/**
 * A speech-like tone: a voiced fundamental with two formant-ish harmonics whose
 * loudness rises and falls in syllable-sized bursts, so a listener (or a level
 * meter) hears something that behaves like a talking caller rather than a
 * steady beep.
 */
export function speechLikeTone(fundamentalHz = 140, amplitude = 9000): AudioSource {
  let n = 0;
  return () => {
    const frame = new Int16Array(SAMPLES_PER_FRAME);
    for (let i = 0; i < frame.length; i++, n++) {
      const t = n / SAMPLE_RATE;
      // Syllables at ~4 Hz, never fully silent, so levels stay measurable.
      const envelope = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t);
      const pitch = fundamentalHz * (1 + 0.05 * Math.sin(2 * Math.PI * 0.7 * t));
      const voice =
        Math.sin(2 * Math.PI * pitch * t) +
        0.5 * Math.sin(2 * Math.PI * pitch * 4 * t) +
        0.25 * Math.sin(2 * Math.PI * pitch * 9 * t);
      frame[i] = Math.round((amplitude * envelope * voice) / 1.75);
    }
    return frame;
  };
}

/** Hold music: a slow arpeggio of pure tones, clearly distinct from the caller's voice. */
export function holdMusic(amplitude = 6000): AudioSource {
  const notesHz = [392, 494, 587, 784];
  let n = 0;
  return () => {
    const frame = new Int16Array(SAMPLES_PER_FRAME);
    for (let i = 0; i < frame.length; i++, n++) {
      const t = n / SAMPLE_RATE;
      const note = notesHz[Math.floor(t * 2) % notesHz.length]!;
      frame[i] = Math.round(amplitude * Math.sin(2 * Math.PI * note * t));
    }
    return frame;
  };
}

/** Sums frames sample by sample with clipping: a conference mix. */
export function mixFrames(frames: readonly Int16Array[]): Int16Array {
  const out = new Int16Array(SAMPLES_PER_FRAME);
  for (const frame of frames) {
    for (let i = 0; i < out.length && i < frame.length; i++) {
      out[i] = Math.max(-32768, Math.min(32767, out[i]! + frame[i]!));
    }
  }
  return out;
}
