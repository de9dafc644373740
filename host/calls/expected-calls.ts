/** How long after sending an instruction its call counts as "the one this desktop asked for". */
export const EXPECT_WINDOW_MS = 15_000;

/**
 * The calls this desktop asked TaskRouter to place to the agent (one of its
 * windows sent the Conference, Dequeue or Call instruction for a reservation,
 * or accepted a transfer). Kept in the host, so a call asked for in one window
 * is recognized by the window that owns the Device. Auto-answer
 * picks up only such a call: one naming that reservation (the emulator adds a
 * `reservationSid` parameter), or — against Twilio, whose calls carry no such
 * parameter — the call that arrives while exactly one request is outstanding.
 * Anything else rings and waits for the agent: a desktop must never answer a
 * call the agent did not ask for.
 */
export class ExpectedCalls {
  private entries: { reservationSid: string; at: number }[] = [];

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** This desktop is about to send an instruction that rings the agent. */
  expect(reservationSid: string): void {
    this.prune();
    this.entries = [...this.entries.filter((e) => e.reservationSid !== reservationSid), { reservationSid, at: this.now() }];
  }

  /** The instruction failed: no call will come for it. */
  forget(reservationSid: string): void {
    this.entries = this.entries.filter((e) => e.reservationSid !== reservationSid);
  }

  /**
   * The reservation an incoming call answers, if this desktop asked for exactly
   * that call (the match is used up); null otherwise.
   */
  claim(namedReservationSid: string | null): string | null {
    this.prune();
    const match = namedReservationSid ? this.entries.find((e) => e.reservationSid === namedReservationSid) : this.entries.length === 1 ? this.entries[0] : undefined;
    if (!match) return null;
    this.forget(match.reservationSid);
    return match.reservationSid;
  }

  private prune(): void {
    const oldest = this.now() - EXPECT_WINDOW_MS;
    this.entries = this.entries.filter((e) => e.at >= oldest);
  }
}
