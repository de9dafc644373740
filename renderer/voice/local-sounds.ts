/**
 * The Voice SDK's sounds, generated on the machine instead of fetched from
 * sdk.twilio.com: a ringtone, a disconnect blip and DTMF tone pairs. Pure
 * functions build 16-bit PCM WAV bytes; `localSoundUrls` wraps them in blob
 * URLs for the SDK's `sounds` option.
 */

const SAMPLE_RATE = 8000;

/** Frequencies of the DTMF keypad (row, column). */
const DTMF_PAIRS: Record<string, [number, number]> = {
  '1': [697, 1209], '2': [697, 1336], '3': [697, 1477],
  '4': [770, 1209], '5': [770, 1336], '6': [770, 1477],
  '7': [852, 1209], '8': [852, 1336], '9': [852, 1477],
  '*': [941, 1209], '0': [941, 1336], '#': [941, 1477],
};

export type SdkSoundName =
  | 'incoming' | 'outgoing' | 'disconnect' | 'dtmfs' | 'dtmfh'
  | 'dtmf0' | 'dtmf1' | 'dtmf2' | 'dtmf3' | 'dtmf4' | 'dtmf5' | 'dtmf6' | 'dtmf7' | 'dtmf8' | 'dtmf9';

/** Tone segments: [frequencies, duration in ms]; an empty list is a pause. */
type Pattern = Array<[number[], number]>;

function tones(pattern: Pattern, amplitude = 0.3): Int16Array {
  const total = pattern.reduce((sum, [, ms]) => sum + Math.round((SAMPLE_RATE * ms) / 1000), 0);
  const out = new Int16Array(total);
  let offset = 0;
  for (const [frequencies, ms] of pattern) {
    const count = Math.round((SAMPLE_RATE * ms) / 1000);
    for (let i = 0; i < count; i++) {
      const t = i / SAMPLE_RATE;
      const value = frequencies.reduce((sum, f) => sum + Math.sin(2 * Math.PI * f * t), 0) / Math.max(1, frequencies.length);
      out[offset + i] = Math.round(value * amplitude * 32767);
    }
    offset += count;
  }
  return out;
}

/** A mono 16-bit PCM WAV file. */
export function wavBytes(samples: Int16Array, sampleRate = SAMPLE_RATE): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => [...text].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  samples.forEach((s, i) => view.setInt16(44 + i * 2, s, true));
  return bytes;
}

/** The samples of every sound the SDK can play. */
export function sdkSoundSamples(): Record<SdkSoundName, Int16Array> {
  const dtmf = (key: string) => tones([[DTMF_PAIRS[key]!, 150]]);
  return {
    // North American ring cadence, shortened: the SDK loops it while ringing.
    incoming: tones([[[440, 480], 1000], [[], 1000]]),
    outgoing: tones([[[440, 480], 200]]),
    disconnect: tones([[[480, 620], 120], [[], 60], [[480, 620], 120]]),
    dtmfs: dtmf('*'),
    dtmfh: dtmf('#'),
    dtmf0: dtmf('0'), dtmf1: dtmf('1'), dtmf2: dtmf('2'), dtmf3: dtmf('3'), dtmf4: dtmf('4'),
    dtmf5: dtmf('5'), dtmf6: dtmf('6'), dtmf7: dtmf('7'), dtmf8: dtmf('8'), dtmf9: dtmf('9'),
  };
}

/** Blob URLs for the SDK's `sounds` option; nothing is fetched from the network. */
export function localSoundUrls(): Record<SdkSoundName, string> {
  const samples = sdkSoundSamples();
  const urls = {} as Record<SdkSoundName, string>;
  for (const name of Object.keys(samples) as SdkSoundName[]) {
    urls[name] = URL.createObjectURL(new Blob([wavBytes(samples[name])], { type: 'audio/wav' }));
  }
  return urls;
}
