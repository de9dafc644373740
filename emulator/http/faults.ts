import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { twilioErrorBody } from './twilio-error';

/**
 * Injected faults for resilience tests: latency, 5xx answers, 429 with
 * Retry-After, dropped connections. They apply to Twilio paths only
 * (`/v1/`, `/2010-04-01/`), optionally to one path prefix, for `times` requests.
 */

export const faultsSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    status: z.union([z.literal(500), z.literal(502), z.literal(503)]).optional(),
    rate: z.number().min(0).max(1).optional(),
    rateLimit: z.object({ retryAfterSeconds: z.number().int().min(0).max(3600), count: z.number().int().min(1).max(1_000_000).optional() }).strict().optional(),
    drop: z.boolean().optional(),
    pathPrefix: z.string().max(1000).optional(),
    times: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();

export type Faults = z.infer<typeof faultsSchema>;

const STATUS_CODES: Record<number, number> = { 500: 20500, 502: 20502, 503: 20503 };

export class FaultInjector {
  private faults: Faults | null = null;
  private remaining: number | null = null;
  private rateLimited = 0;

  constructor(private readonly random: () => number = Math.random) {}

  set(faults: Faults): void {
    this.faults = faults;
    this.remaining = faults.times ?? null;
    this.rateLimited = 0;
  }

  clear(): void {
    this.faults = null;
    this.remaining = null;
    this.rateLimited = 0;
  }

  active(): boolean {
    return this.faults !== null;
  }

  current(): (Faults & { remaining: number | null }) | null {
    return this.faults ? { ...this.faults, remaining: this.remaining } : null;
  }

  /** Applies the faults to one request; answers true when the request was fully handled (answered or dropped). */
  async apply(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const f = this.faults;
    if (!f) return false;
    if (f.pathPrefix && !request.url.startsWith(f.pathPrefix)) return false;
    if (this.remaining !== null && this.remaining <= 0) return false;
    const hits = (f.rate ?? 1) >= 1 || this.random() < (f.rate ?? 1);
    const acts = f.latencyMs !== undefined || (hits && (f.drop || f.status !== undefined || this.rateLimitActive(f)));
    if (!acts) return false;
    if (this.remaining !== null) this.remaining--;
    if (f.latencyMs) await new Promise((resolve) => setTimeout(resolve, f.latencyMs));
    if (!hits) return false;
    if (f.drop) {
      request.raw.socket.destroy();
      return true;
    }
    if (f.rateLimit && this.rateLimitActive(f)) {
      this.rateLimited++;
      await reply.code(429).header('Retry-After', String(f.rateLimit.retryAfterSeconds)).type('application/json').send(twilioErrorBody(429, 20429, 'Too Many Requests'));
      return true;
    }
    if (f.status !== undefined) {
      await reply.code(f.status).type('application/json').send(twilioErrorBody(f.status, STATUS_CODES[f.status] ?? 20500, `Injected fault: HTTP ${f.status}`));
      return true;
    }
    return false;
  }

  private rateLimitActive(f: Faults): boolean {
    if (!f.rateLimit) return false;
    return f.rateLimit.count === undefined || this.rateLimited < f.rateLimit.count;
  }
}
