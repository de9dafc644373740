/**
 * The one place every suite turns samples into reported figures.
 *
 * A p99 says "one in a hundred is slower than this"; from fewer than 200 samples
 * it is the maximum or next to it, so it is not reported as a p99. Below that,
 * the maximum is reported under its own name, beside the sample count.
 */

/** The fewest samples a p99 is reported from. */
export const MIN_SAMPLES_FOR_P99 = 200;

/** Nearest-rank percentile (the smallest sample with at least p % of samples at or below it). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (!(p > 0 && p <= 100)) throw new Error(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]!;
}

export interface Summary {
  n: number;
  p50: number;
  /** Only from at least MIN_SAMPLES_FOR_P99 samples. */
  p99?: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('summary of no samples');
  const max = samples.reduce((a, b) => (b > a ? b : a), -Infinity);
  const p50 = percentile(samples, 50);
  return samples.length >= MIN_SAMPLES_FOR_P99 ? { n: samples.length, p50, p99: percentile(samples, 99), max } : { n: samples.length, p50, max };
}

/** Rounds to a number of significant decimals that keeps sub-millisecond figures readable. */
export function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/**
 * The flat fields a suite reports for one latency series named `name` (unit in the field name):
 * `<name>_p50_<unit>`, `<name>_p99_<unit>` (≥ 200 samples) or else `<name>_max_<unit>`, and `<name>_n`.
 * The maximum is always reported when there is no p99, and never mislabelled as one.
 */
export function latencyFields(name: string, samples: readonly number[], unit = 'ms', decimals = 2): Record<string, number> {
  const s = summarize(samples);
  return {
    [`${name}_p50_${unit}`]: round(s.p50, decimals),
    ...(s.p99 !== undefined ? { [`${name}_p99_${unit}`]: round(s.p99, decimals) } : { [`${name}_max_${unit}`]: round(s.max, decimals) }),
    [`${name}_n`]: s.n,
  };
}
