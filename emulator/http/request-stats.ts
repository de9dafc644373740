import type { FastifyInstance } from 'fastify';

/**
 * Counts the requests the emulator answered, by kind and status, with a
 * per-second series, so a benchmark can say what a fleet of desktops costs
 * TaskRouter (`GET /emulator/stats`). Wall-clock seconds: the series measures
 * load on the server, which simulated time does not change.
 */

/** What a request was, by path: Twilio's REST API, the Worker SDK's EventBridge HTTP proxy, the admin API, anything else. */
export type RequestKind = 'rest' | 'eventbridge' | 'admin' | 'other';

/** How many past seconds the series keeps (15 minutes: a benchmark run, not a history). */
const SERIES_SECONDS = 900;

export interface RequestStatsSnapshot {
  /** Wall-clock time of the snapshot (epoch ms). */
  at: number;
  /** Answered requests per kind. */
  requests: Record<RequestKind, number>;
  /** Answered requests per HTTP status (every kind but admin). */
  byStatus: Record<string, number>;
  /** [epoch second, REST + EventBridge requests answered in it], oldest first, seconds without any left out. */
  perSecond: [number, number][];
}

export class RequestStats {
  private readonly requests: Record<RequestKind, number> = { rest: 0, eventbridge: 0, admin: 0, other: 0 };
  private readonly byStatus = new Map<number, number>();
  private readonly perSecond = new Map<number, number>();

  constructor(private readonly wallNow: () => number = Date.now) {}

  record(kind: RequestKind, status: number): void {
    this.requests[kind]++;
    if (kind === 'admin') return;
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    if (kind === 'other') return;
    const second = Math.floor(this.wallNow() / 1000);
    const count = this.perSecond.get(second);
    if (count !== undefined) {
      this.perSecond.set(second, count + 1);
      return;
    }
    this.perSecond.set(second, 1);
    // Maps iterate in insertion order: the first key is the oldest second.
    for (const old of this.perSecond.keys()) {
      if (old > second - SERIES_SECONDS) break;
      this.perSecond.delete(old);
    }
  }

  snapshot(): RequestStatsSnapshot {
    return {
      at: this.wallNow(),
      requests: { ...this.requests },
      byStatus: Object.fromEntries([...this.byStatus].map(([status, n]) => [String(status), n])),
      perSecond: [...this.perSecond],
    };
  }
}

export function requestKind(url: string, eventBridgePrefix = '/eventbridge/'): RequestKind {
  if (url.startsWith('/v1/') || url.startsWith('/2010-04-01/')) return 'rest';
  if (url.startsWith(eventBridgePrefix)) return 'eventbridge';
  if (url.startsWith('/emulator/')) return 'admin';
  return 'other';
}

/** Counts every answered request (a synchronous hook: it stays off the hot path's await chain) and serves GET /emulator/stats. */
export function registerRequestStats(app: FastifyInstance, stats = new RequestStats()): RequestStats {
  app.addHook('onResponse', (request, reply, done) => {
    stats.record(requestKind(request.url), reply.statusCode);
    done();
  });
  app.get('/emulator/stats', async () => stats.snapshot());
  return stats;
}
