import type { Result } from '../../shared/result';
import { err, ok } from '../../shared/result';
import type { TokenSourceConfig } from '../config/connection';
import type { Clock } from '../types';
import { mintWorkerToken } from './mint';
import { fetchWorkerToken } from './token-url';
import { refreshDelayMs, type WorkerToken } from './worker-token';

export interface TokenKeeperOptions {
  source: TokenSourceConfig;
  clock: Clock;
  fetch: typeof fetch;
  ttlSeconds: number;
  /** Called with every refreshed token (after the first). */
  onRefresh: (token: WorkerToken) => void;
  onRefreshFailed: (message: string) => void;
}

const RETRY_MS = 5_000;

/**
 * Holds the worker's current token and replaces it before it expires,
 * whichever source it comes from (minted with the API key, or fetched from
 * the customer's token URL). A failed refresh is retried until expiry and after.
 */
export class TokenKeeper {
  private timer: unknown = null;
  private stopped = false;
  private current: WorkerToken | null = null;
  private refreshing: Promise<Result<WorkerToken>> | null = null;

  constructor(private readonly options: TokenKeeperOptions) {}

  /** Gets the first token and arms the refresh. */
  async start(): Promise<Result<WorkerToken>> {
    const first = await this.obtain();
    if (first.ok) this.arm(first.value);
    // A failed first token is retried like a failed refresh; onRefresh announces the one that works.
    else this.schedule(RETRY_MS);
    return first;
  }

  token(): WorkerToken | null {
    return this.current;
  }

  /** Refresh now (the SDK said the token is about to expire, or a reconnect failed with 401). Concurrent calls share one fetch. */
  refreshNow(): Promise<Result<WorkerToken>> {
    this.refreshing ??= this.obtain()
      .then((result) => {
        if (this.stopped) return result;
        if (result.ok) {
          this.arm(result.value);
          this.options.onRefresh(result.value);
        } else {
          this.options.onRefreshFailed(result.error.message);
          this.schedule(RETRY_MS);
        }
        return result;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private async obtain(): Promise<Result<WorkerToken>> {
    const { source, clock } = this.options;
    let result: Result<WorkerToken>;
    try {
      result =
        source.kind === 'mint'
          ? ok(mintWorkerToken({ ...source, ttlSeconds: this.options.ttlSeconds, now: clock.now() }))
          : await fetchWorkerToken(source.url, this.options.fetch, () => clock.now());
    } catch {
      result = err('internal', 'The worker token could not be created.');
    }
    if (result.ok) this.current = result.value;
    return result;
  }

  private arm(token: WorkerToken): void {
    this.schedule(refreshDelayMs(token, this.options.clock.now()));
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = null;
      void this.refreshNow();
    }, ms);
  }
}
