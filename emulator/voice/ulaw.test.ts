import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeUlaw, encodeUlaw, linearToUlaw, rmsLevel, ulawToLinear } from './ulaw';
import { SAMPLES_PER_FRAME, speechLikeTone } from './audio-frames';

describe('G.711 µ-law', () => {
  it('encodes silence as 0xFF and decodes it back to zero', () => {
    expect(linearToUlaw(0)).toBe(0xff);
    expect(ulawToLinear(0xff)).toBe(0);
  });

  it('round-trips any sample within µ-law quantisation error (at most ~1/16 of the magnitude)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -32768, max: 32767 }), (sample) => {
        const back = ulawToLinear(linearToUlaw(sample));
        expect(Math.sign(back) === Math.sign(sample) || Math.abs(sample) < 8).toBe(true);
        expect(Math.abs(back - Math.max(-32635, Math.min(32635, sample)))).toBeLessThanOrEqual(Math.abs(sample) / 16 + 8);
      }),
    );
  });

  it('keeps the level of a speech-like tone through encode/decode', () => {
    const frame = speechLikeTone()();
    expect(frame.length).toBe(SAMPLES_PER_FRAME);
    const before = rmsLevel(frame);
    const after = rmsLevel(decodeUlaw(encodeUlaw(frame)));
    expect(before).toBeGreaterThan(0.05);
    expect(Math.abs(after - before) / before).toBeLessThan(0.05);
  });
});
