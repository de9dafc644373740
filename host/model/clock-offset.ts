/**
 * Estimates `offset = server clock − local clock` from observations that each
 * bound it, because Twilio's timestamps have a 1-second resolution and a
 * single sample can be off by a whole second:
 *
 * - an HTTP Date header D seen on a request sent at local `s` and answered at
 *   `r` says the server's clock read somewhere in [D, D+1000) at some instant
 *   in [s, r], so offset ∈ [D − r, D + 1000 − s];
 * - a resource created at server second C and first seen locally at R must
 *   have been created before R, so offset ≥ C − R.
 *
 * The estimate is the middle of the intersection of the recent bounds; it
 * narrows as samples accumulate (sub-second after a few requests). When the
 * bounds contradict each other (a clock was stepped, e.g. the emulator's
 * simulated clock advanced), the older samples are dropped.
 */
export class ClockOffset {
  private readonly bounds: { lo: number; hi: number }[] = [];

  constructor(private readonly window = 24) {}

  /** From an HTTP Date header. */
  addDateSample(serverMs: number, sentMs: number, receivedMs: number): void {
    this.push({ lo: serverMs - receivedMs, hi: serverMs + 1000 - sentMs });
  }

  /** From a resource's creation second and when this host first saw it. */
  addCreatedBefore(createdServerMs: number, seenLocalMs: number): void {
    this.push({ lo: createdServerMs - seenLocalMs, hi: Number.POSITIVE_INFINITY });
  }

  /** The best estimate, ms; 0 before any sample. */
  estimate(): number {
    const { lo, hi } = this.interval();
    if (lo === Number.NEGATIVE_INFINITY && hi === Number.POSITIVE_INFINITY) return 0;
    if (hi === Number.POSITIVE_INFINITY) return lo;
    if (lo === Number.NEGATIVE_INFINITY) return hi;
    return (lo + hi) / 2;
  }

  /** The interval the offset is known to lie in. */
  interval(): { lo: number; hi: number } {
    let lo = Number.NEGATIVE_INFINITY;
    let hi = Number.POSITIVE_INFINITY;
    for (const b of this.bounds) {
      lo = Math.max(lo, b.lo);
      hi = Math.min(hi, b.hi);
    }
    return { lo, hi };
  }

  private push(bound: { lo: number; hi: number }): void {
    this.bounds.push(bound);
    if (this.bounds.length > this.window) this.bounds.shift();
    const { lo, hi } = this.interval();
    if (lo > hi) this.bounds.splice(0, this.bounds.length - 1);
  }
}
