import { describe, expect, it } from 'vitest';
import { decodeWav, encodeWav } from './wav';

function wav(format: { audioFormat: number; channels: number; sampleRate: number; bits: number }, data: Buffer): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(format.audioFormat, 20);
  header.writeUInt16LE(format.channels, 22);
  header.writeUInt32LE(format.sampleRate, 24);
  header.writeUInt32LE((format.sampleRate * format.channels * format.bits) / 8, 28);
  header.writeUInt16LE((format.channels * format.bits) / 8, 32);
  header.writeUInt16LE(format.bits, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

describe('WAV for <Play>', () => {
  it('round-trips 8 kHz mono PCM', () => {
    const samples = Int16Array.from({ length: 320 }, (_, i) => (i * 97) % 20000 - 10000);
    const decoded = decodeWav(encodeWav(samples));
    expect(decoded.ok && [...decoded.samples]).toEqual([...samples]);
  });

  it('mixes stereo down and resamples 16 kHz to 8 kHz', () => {
    const data = Buffer.alloc(1600 * 2 * 2);
    for (let i = 0; i < 1600; i++) {
      data.writeInt16LE(1000, i * 4);
      data.writeInt16LE(3000, i * 4 + 2);
    }
    const decoded = decodeWav(wav({ audioFormat: 1, channels: 2, sampleRate: 16000, bits: 16 }, data));
    expect(decoded.ok).toBe(true);
    if (decoded.ok) {
      expect(decoded.samples.length).toBe(800);
      expect(decoded.samples.every((s) => s === 2000)).toBe(true);
    }
  });

  it('decodes µ-law and refuses what it cannot play, saying what it found', () => {
    expect(decodeWav(wav({ audioFormat: 7, channels: 1, sampleRate: 8000, bits: 8 }, Buffer.alloc(160, 0xff))).ok).toBe(true);
    expect(decodeWav(wav({ audioFormat: 3, channels: 1, sampleRate: 8000, bits: 32 }, Buffer.alloc(64)))).toEqual({ ok: false, message: expect.stringMatching(/format 3/) });
    expect(decodeWav(wav({ audioFormat: 1, channels: 6, sampleRate: 8000, bits: 16 }, Buffer.alloc(64)))).toEqual({ ok: false, message: expect.stringMatching(/6 channels/) });
    expect(decodeWav(Buffer.from('ID3 not a wav at all'))).toEqual({ ok: false, message: 'not a RIFF/WAVE file' });
    expect(decodeWav(Buffer.from('RIFF\x00\x00\x00\x00WAVEjunk'))).toMatchObject({ ok: false });
  });
});
