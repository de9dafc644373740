import type { Clock } from '../types';
import { RateLimitedError } from '../twilio/http-status-error';
import { nextPollDelay, randomStartDelay } from './poll-schedule';

export interface PollerOptions {
  clock: Clock;
  random?: () => number;
  availableMs: number;
  unavailableMs: number;
  /** One full read; resolves with whether the worker is available (which sets the next interval). */
  poll: () => Promise<{ available: boolean }>;
  onSuccess: () => void;
  onFailure: (error: unknown, consecutiveFailures: number, nextInMs: number) => void;
}

/**
 * Polls on a self-scheduling timer (never two polls at once): the interval
 * adapts to availability, backs off exponentially on errors (capped) and
 * honours Retry-After on 429.
 */
export class Poller {
  private timer: unknown = null;
  private running = false;
  private inFlight: Promise<void> | null = null;
  private failures = 0;
  private available = true;

  constructor(private readonly options: PollerOptions) {}

  get isRunning(): boolean {
    return this.running;
  }

  /**
   * Starts polling: at once, or (`spread`) somewhere in the first interval —
   * after a mass disconnect every desktop starts polling at the same moment,
   * and a random start keeps them out of step.
   */
  start(options: { spread?: boolean } = {}): void {
    if (this.running) return;
    this.running = true;
    this.schedule(options.spread ? randomStartDelay(this.currentIntervalMs(), this.random()) : 0);
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** The interval to use now (for status messages). */
  currentIntervalMs(): number {
    return this.available ? this.options.availableMs : this.options.unavailableMs;
  }

  private schedule(ms: number): void {
    if (!this.running) return;
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = null;
      void this.tick();
    }, ms);
  }

  private async tick(): Promise<void> {
    if (!this.running || this.inFlight) return;
    let next: number | null = null;
    this.inFlight = (async () => {
      try {
        const { available } = await this.options.poll();
        this.available = available;
        this.failures = 0;
        this.options.onSuccess();
      } catch (e) {
        this.failures++;
        const retryAfterMs = e instanceof RateLimitedError ? (e.retryAfterMs ?? this.currentIntervalMs() * 2) : null;
        next = this.delay(retryAfterMs);
        this.options.onFailure(e, this.failures, next);
      }
    })();
    await this.inFlight;
    this.inFlight = null;
    this.schedule(next ?? this.delay(null));
  }

  private delay(retryAfterMs: number | null): number {
    return nextPollDelay({
      availableMs: this.options.availableMs,
      unavailableMs: this.options.unavailableMs,
      available: this.available,
      failures: this.failures,
      retryAfterMs,
      random: this.random(),
    });
  }

  private random(): number {
    return (this.options.random ?? Math.random)();
  }
}
