import { randomBytes } from 'node:crypto';

/**
 * Makes SIDs (two-letter prefix + 32 hex) and secrets. Random by default; with
 * a seed the sequence is reproducible (handy for docs and debugging), using a
 * small PRNG (mulberry32) — never for real secrets.
 */
export class IdFactory {
  private state: number | null;

  constructor(seed?: number) {
    this.state = seed === undefined ? null : seed >>> 0;
  }

  sid(prefix: string): string {
    return prefix + this.hex(32);
  }

  hex(length: number): string {
    if (this.state === null) return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
    let out = '';
    while (out.length < length) out += (this.next() >>> 0).toString(16).padStart(8, '0');
    return out.slice(0, length);
  }

  /** A float in [0, 1): seeded when a seed was given, else Math.random. */
  random(): number {
    if (this.state === null) return Math.random();
    return (this.next() >>> 0) / 4294967296;
  }

  private next(): number {
    // mulberry32
    let t = (this.state = ((this.state ?? 0) + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
}
