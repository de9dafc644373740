import type { VoiceToken } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { Clock } from '../types';

/** Refresh this long before expiry, or at half the lifetime for short tokens. */
const REFRESH_BEFORE_MS = 60_000;
/** After a failed refresh, try again this soon (bounded by expiry). */
const RETRY_MS = 5_000;
/** Never renew sooner than this: a token URL answering an already-expired token must not cause a tight refresh loop. */
const MIN_REFRESH_DELAY_MS = 1_000;

export interface VoiceTokenKeeperOptions {
  clock: Clock;
  obtain: () => Promise<Result<VoiceToken>>;
  /** Called with every refreshed token (the host pushes `voiceTokenUpdated`). */
  onRefreshed: (token: VoiceToken) => void;
  onError?: (error: unknown) => void;
}

/**
 * Holds the current Voice token and renews it before it expires, so the
 * Device never sees an expired token (the SDK's own tokenWillExpire fires
 * only once per token; the host does not depend on it).
 */
export class VoiceTokenKeeper {
  private current: VoiceToken | null = null;
  private timer: unknown = null;
  private pending: Promise<Result<VoiceToken>> | null = null;
  private stopped = false;

  constructor(private readonly options: VoiceTokenKeeperOptions) {}

  /** The current token, obtaining one when none is held or it is about to expire. */
  async get(): Promise<Result<VoiceToken>> {
    const now = this.options.clock.now();
    if (this.current && this.current.expiresAt - now > this.refreshLeadMs(this.current, now)) return { ok: true, value: this.current };
    return this.obtain();
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  private obtain(): Promise<Result<VoiceToken>> {
    this.pending ??= this.options.obtain().then((result) => {
      this.pending = null;
      if (result.ok) {
        this.current = result.value;
        this.schedule(result.value);
      } else {
        this.scheduleRetry();
      }
      return result;
    });
    return this.pending;
  }

  private refreshLeadMs(token: VoiceToken, now: number): number {
    const lifetime = Math.max(0, token.expiresAt - now);
    return Math.min(REFRESH_BEFORE_MS, lifetime / 2);
  }

  private schedule(token: VoiceToken): void {
    this.clearTimer();
    if (this.stopped) return;
    const now = this.options.clock.now();
    const lifetime = Math.max(0, token.expiresAt - now);
    const delay = Math.max(MIN_REFRESH_DELAY_MS, lifetime - Math.min(REFRESH_BEFORE_MS, lifetime / 2));
    this.timer = this.options.clock.setTimeout(() => void this.refresh(), delay);
  }

  private scheduleRetry(): void {
    this.clearTimer();
    if (this.stopped || !this.current) return;
    this.timer = this.options.clock.setTimeout(() => void this.refresh(), RETRY_MS);
  }

  private async refresh(): Promise<void> {
    if (this.stopped) return;
    try {
      const result = await this.obtain();
      if (result.ok && !this.stopped) this.options.onRefreshed(result.value);
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  private clearTimer(): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
