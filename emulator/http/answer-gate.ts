import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * "Answered before pushed": on Twilio a write is answered first and its events
 * follow. Whatever a request's handler causes (engine events → socket frames) is
 * queued behind that request's gate, which opens once its response has been handed
 * to the socket (or the client went away); an OrderedDispatch keeps the order.
 *
 * Which request caused an event: the engine is synchronous, and every route handler
 * makes its engine calls in its synchronous part (before its first `await`), where the
 * events are delivered too. So the gate is simply "the request whose handler is running
 * now", set around each handler call. Events after that (a dial answering, a timer)
 * belong to no unanswered request and go out at once. No AsyncLocalStorage: it would
 * turn on promise hooks for the whole process. The gate and its listeners are made only
 * when something asks for them.
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

interface Running {
  reply: FastifyReply;
  gate?: AnswerGate;
}

export class AnswerGates {
  private running: Running | null = null;

  /** Wraps every route handler registered after this call (install before registering routes). */
  install(app: FastifyInstance): void {
    const enter = (reply: FastifyReply): Running | null => {
      const previous = this.running;
      this.running = { reply };
      return previous;
    };
    const leave = (previous: Running | null) => {
      this.running = previous;
    };
    app.addHook('onRoute', (route) => {
      const handler = route.handler as (this: unknown, request: FastifyRequest, reply: FastifyReply) => unknown;
      route.handler = function (this: unknown, request: FastifyRequest, reply: FastifyReply) {
        const previous = enter(reply);
        try {
          return handler.call(this, request, reply);
        } finally {
          leave(previous);
        }
      } as typeof route.handler;
    });
  }

  /** The gate of the request whose handler is running now, if it has not been answered yet. */
  current(): AnswerGate | undefined {
    const running = this.running;
    if (!running) return undefined;
    if (!running.gate) running.gate = gateFor(running.reply);
    return running.gate.opened ? undefined : running.gate;
  }
}

function gateFor(reply: FastifyReply): AnswerGate {
  const gate = new AnswerGate();
  if (reply.raw.writableFinished || reply.raw.destroyed) {
    gate.open();
    return gate;
  }
  const limit = setTimeout(() => gate.open(), GATE_LIMIT_MS);
  limit.unref();
  const open = () => {
    clearTimeout(limit);
    gate.open();
  };
  reply.raw.once('finish', open);
  reply.raw.once('close', open);
  return gate;
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
