import { SAMPLE_RATE } from './audio-frames';
import { decodeUlaw } from './ulaw';

/**
 * WAV files for <Play> and the built-in audio assets: 16-bit PCM or G.711
 * µ-law, mono or stereo (mixed down), at any sample rate (resampled linearly
 * to the 8 kHz of a phone call). Anything else is refused with a message
 * saying what was found.
 */

export type WavResult = { ok: true; samples: Int16Array } | { ok: false; message: string };

const MAX_SECONDS = 600;

export function decodeWav(bytes: Buffer): WavResult {
  if (bytes.length < 12 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') return { ok: false, message: 'not a RIFF/WAVE file' };
  let format: { audioFormat: number; channels: number; sampleRate: number; bitsPerSample: number } | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    const body = offset + 8;
    const end = Math.min(bytes.length, body + size);
    if (id === 'fmt ' && size >= 16 && end - body >= 16) {
      format = { audioFormat: bytes.readUInt16LE(body), channels: bytes.readUInt16LE(body + 2), sampleRate: bytes.readUInt32LE(body + 4), bitsPerSample: bytes.readUInt16LE(body + 14) };
    } else if (id === 'data') {
      if (!format) return { ok: false, message: 'the data chunk comes before the fmt chunk' };
      return decodeData(bytes.subarray(body, end), format);
    }
    offset = body + size + (size % 2);
  }
  return { ok: false, message: 'no data chunk' };
}

function decodeData(data: Buffer, f: { audioFormat: number; channels: number; sampleRate: number; bitsPerSample: number }): WavResult {
  if (f.channels < 1 || f.channels > 2) return { ok: false, message: `${f.channels} channels (mono or stereo only)` };
  if (f.sampleRate < 4000 || f.sampleRate > 48_000) return { ok: false, message: `a sample rate of ${f.sampleRate} Hz (4–48 kHz only)` };
  let mono: Int16Array;
  if (f.audioFormat === 1 && f.bitsPerSample === 16) {
    const frames = Math.floor(data.length / (2 * f.channels));
    mono = new Int16Array(frames);
    for (let i = 0; i < frames; i++) {
      let sum = 0;
      for (let c = 0; c < f.channels; c++) sum += data.readInt16LE((i * f.channels + c) * 2);
      mono[i] = Math.round(sum / f.channels);
    }
  } else if (f.audioFormat === 7 && f.bitsPerSample === 8) {
    const all = decodeUlaw(data);
    const frames = Math.floor(all.length / f.channels);
    mono = new Int16Array(frames);
    for (let i = 0; i < frames; i++) {
      let sum = 0;
      for (let c = 0; c < f.channels; c++) sum += all[i * f.channels + c]!;
      mono[i] = Math.round(sum / f.channels);
    }
  } else {
    return { ok: false, message: `audio format ${f.audioFormat} with ${f.bitsPerSample} bits (16-bit PCM or 8-bit µ-law only)` };
  }
  if (mono.length / f.sampleRate > MAX_SECONDS) return { ok: false, message: `longer than ${MAX_SECONDS} s` };
  return { ok: true, samples: resample(mono, f.sampleRate, SAMPLE_RATE) };
}

function resample(samples: Int16Array, from: number, to: number): Int16Array {
  if (from === to) return samples;
  const out = new Int16Array(Math.floor((samples.length * to) / from));
  for (let i = 0; i < out.length; i++) {
    const x = (i * from) / to;
    const i0 = Math.floor(x);
    const i1 = Math.min(samples.length - 1, i0 + 1);
    const t = x - i0;
    out[i] = Math.round(samples[i0]! * (1 - t) + samples[i1]! * t);
  }
  return out;
}

/** A mono 16-bit PCM WAV file at 8 kHz. */
export function encodeWav(samples: Int16Array): Buffer {
  const bytes = Buffer.alloc(44 + samples.length * 2);
  bytes.write('RIFF', 0, 'ascii');
  bytes.writeUInt32LE(36 + samples.length * 2, 4);
  bytes.write('WAVE', 8, 'ascii');
  bytes.write('fmt ', 12, 'ascii');
  bytes.writeUInt32LE(16, 16);
  bytes.writeUInt16LE(1, 20);
  bytes.writeUInt16LE(1, 22);
  bytes.writeUInt32LE(SAMPLE_RATE, 24);
  bytes.writeUInt32LE(SAMPLE_RATE * 2, 28);
  bytes.writeUInt16LE(2, 32);
  bytes.writeUInt16LE(16, 34);
  bytes.write('data', 36, 'ascii');
  bytes.writeUInt32LE(samples.length * 2, 40);
  samples.forEach((s, i) => bytes.writeInt16LE(s, 44 + i * 2));
  return bytes;
}
