import { describe, expect, it } from 'vitest';
import { latencyFields, MIN_SAMPLES_FOR_P99, percentile, summarize } from './stats';

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('percentile (nearest rank)', () => {
  it('picks the smallest sample with at least p % at or below it, whatever the input order', () => {
    const shuffled = [7, 3, 10, 1, 9, 2, 8, 4, 6, 5];
    expect(percentile(shuffled, 50)).toBe(5);
    expect(percentile(shuffled, 90)).toBe(9);
    expect(percentile(shuffled, 99)).toBe(10);
    expect(percentile(shuffled, 100)).toBe(10);
    expect(percentile(range(1000), 99)).toBe(990);
  });

  it('refuses no samples and a percentile outside (0, 100]', () => {
    expect(() => percentile([], 50)).toThrow(/no samples/);
    expect(() => percentile([1], 0)).toThrow(/\(0, 100\]/);
    expect(() => percentile([1], 101)).toThrow(/\(0, 100\]/);
  });

  it('does not reorder the caller’s array', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe('summarize', () => {
  it(`reports a p99 from ${MIN_SAMPLES_FOR_P99} samples on`, () => {
    const s = summarize(range(MIN_SAMPLES_FOR_P99));
    expect(s).toEqual({ n: 200, p50: 100, p99: 198, max: 200 });
  });

  it('reports no p99 below that, only the maximum', () => {
    const s = summarize(range(MIN_SAMPLES_FOR_P99 - 1));
    expect(s.p99).toBeUndefined();
    expect(s.max).toBe(199);
    expect(s.n).toBe(199);
  });
});

describe('latencyFields', () => {
  it('names the p99 only when there are enough samples', () => {
    expect(latencyFields('offer_to_card', range(400))).toEqual({ offer_to_card_p50_ms: 200, offer_to_card_p99_ms: 396, offer_to_card_n: 400 });
  });

  it('reports the maximum under its own name, with n, when there are too few for a p99', () => {
    const fields = latencyFields('accept_to_audio', [120, 180.456, 150], 'ms');
    expect(fields).toEqual({ accept_to_audio_p50_ms: 150, accept_to_audio_max_ms: 180.46, accept_to_audio_n: 3 });
    expect(Object.keys(fields).some((k) => k.includes('p99'))).toBe(false);
  });
});
