import { AsyncLocalStorage, AsyncResource } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * "Answered before pushed": on Twilio a write is answered first and its events
 * follow. Each HTTP request gets a gate that opens once its response has been
 * handed to the socket (or the client went away); whatever a request's handler
 * causes (engine events → socket frames, event callbacks) is queued behind that
 * gate, in order, by an OrderedDispatch.
 *
 * The gate travels with the request through AsyncLocalStorage. Body parsing runs
 * on the socket's stream callbacks and loses that context, so the request keeps an
 * AsyncResource and re-enters it before the handler (as @fastify/request-context does).
 */

/** Opens once; callbacks added after it opened run at once. */
export class AnswerGate {
  private isOpen = false;
  private readonly waiters: (() => void)[] = [];

  get opened(): boolean {
    return this.isOpen;
  }

  open(): void {
    if (this.isOpen) return;
    this.isOpen = true;
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  whenOpen(fn: () => void): void {
    if (this.isOpen) fn();
    else this.waiters.push(fn);
  }
}

/** A response that never finishes (a stuck client) must not hold every later frame: the gate opens anyway. */
const GATE_LIMIT_MS = 2_000;

const resourceKey = Symbol('answerGateResource');
type GatedRequest = FastifyRequest & { [resourceKey]?: AsyncResource };

export class AnswerGates {
  private readonly storage = new AsyncLocalStorage<AnswerGate>();

  /** Installs the hooks that give every request its gate. Call before routes are registered. */
  install(app: FastifyInstance): void {
    app.addHook('onRequest', (request, reply, done) => {
      const gate = new AnswerGate();
      const limit = setTimeout(() => gate.open(), GATE_LIMIT_MS);
      limit.unref();
      const open = () => {
        clearTimeout(limit);
        gate.open();
      };
      reply.raw.once('finish', open);
      reply.raw.once('close', open);
      this.storage.run(gate, () => {
        const resource = new AsyncResource('emulator-answer-gate');
        (request as GatedRequest)[resourceKey] = resource;
        resource.runInAsyncScope(done, request.raw);
      });
    });
    app.addHook('preHandler', (request, _reply, done) => {
      const resource = (request as GatedRequest)[resourceKey];
      if (resource) resource.runInAsyncScope(done, request.raw);
      else done();
    });
  }

  /** The gate of the request whose handler is running now, if it has not been answered yet. */
  current(): AnswerGate | undefined {
    const gate = this.storage.getStore();
    return gate && !gate.opened ? gate : undefined;
  }
}

/**
 * Runs jobs in the order they were queued, each only once its gate (if any) is open.
 * A job queued with no gate behind gated ones waits for them, so order is kept
 * across requests and timers.
 */
export class OrderedDispatch {
  private readonly queue: { gate: AnswerGate | undefined; run: () => void }[] = [];
  private waiting = false;

  constructor(private readonly onError: (error: unknown) => void = (error) => console.error('emulator: dispatch job failed', error)) {}

  enqueue(gate: AnswerGate | undefined, run: () => void): void {
    if (this.queue.length === 0 && (!gate || gate.opened)) {
      this.safely(run);
      return;
    }
    this.queue.push({ gate, run });
    this.drain();
  }

  /** Jobs still waiting (for tests and diagnostics). */
  get pending(): number {
    return this.queue.length;
  }

  private drain(): void {
    if (this.waiting) return;
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      if (head.gate && !head.gate.opened) {
        this.waiting = true;
        head.gate.whenOpen(() => {
          this.waiting = false;
          this.drain();
        });
        return;
      }
      this.queue.shift();
      this.safely(head.run);
    }
  }

  private safely(run: () => void): void {
    try {
      run();
    } catch (error) {
      this.onError(error);
    }
  }
}
