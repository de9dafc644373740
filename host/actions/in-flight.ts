/**
 * Idempotency for actions: identical requests made while one is in flight
 * share its answer (a double click sends once), and a reservation action that
 * succeeded answers the same for a short while after (a late second click
 * must not turn into a "not pending" error).
 */
export class InFlight<T> {
  private readonly running = new Map<string, Promise<T>>();
  private readonly recent = new Map<string, { at: number; value: T }>();

  constructor(
    private readonly now: () => number,
    private readonly rememberMs: number,
  ) {}

  run(key: string, fn: () => Promise<T>, remember: (value: T) => boolean = () => false): Promise<T> {
    const recent = this.recent.get(key);
    if (recent && this.now() - recent.at < this.rememberMs) return Promise.resolve(recent.value);
    const running = this.running.get(key);
    if (running) return running;
    const promise = fn()
      .then((value) => {
        if (remember(value)) this.recent.set(key, { at: this.now(), value });
        this.prune();
        return value;
      })
      .finally(() => this.running.delete(key));
    this.running.set(key, promise);
    return promise;
  }

  private prune(): void {
    const now = this.now();
    for (const [key, entry] of this.recent) if (now - entry.at >= this.rememberMs) this.recent.delete(key);
  }
}
