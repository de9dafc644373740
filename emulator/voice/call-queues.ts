import type { Bridge } from './bridge';
import type { VoiceCall } from './call-registry';

/** Twilio's default limit of calls in one queue. */
export const MAX_QUEUE_SIZE = 100;

/** How a caller left its queue, as Twilio's `QueueResult` names it. */
export type QueueResult = 'bridged' | 'queue-full' | 'redirected' | 'hangup' | 'leave' | 'error';

export interface QueueEntry {
  readonly call: VoiceCall;
  readonly queueName: string;
  /** The TaskRouter task the caller waits for (`<Enqueue workflowSid>`), if any. */
  taskSid: string | undefined;
  readonly enteredAt: number;
  /** Resolves when someone bridges the caller (a Dequeue instruction, `<Dial><Queue>`). */
  readonly taken: Promise<Bridge>;
  readonly markTaken: (bridge: Bridge) => void;
}

/**
 * Callers waiting in named FIFO queues, as `<Enqueue>` parks them. A
 * TaskRouter `<Enqueue workflowSid="WW…">` queue is named after its workflow
 * SID, as Twilio names the call queue behind a TaskRouter workflow.
 */
export class CallQueues {
  private readonly queues = new Map<string, QueueEntry[]>();
  private readonly waiters = new Map<string, Set<() => void>>();

  /** Puts a call at the back of a queue; undefined when the queue is full. */
  enqueue(queueName: string, call: VoiceCall, taskSid?: string): QueueEntry | undefined {
    const queue = this.queues.get(queueName) ?? [];
    if (queue.length >= MAX_QUEUE_SIZE) return undefined;
    let markTaken!: (bridge: Bridge) => void;
    const taken = new Promise<Bridge>((resolve) => (markTaken = resolve));
    const entry: QueueEntry = { call, queueName, taskSid, enteredAt: Date.now(), taken, markTaken };
    queue.push(entry);
    this.queues.set(queueName, queue);
    for (const wake of this.waiters.get(queueName) ?? []) wake();
    return entry;
  }

  remove(entry: QueueEntry): void {
    const queue = this.queues.get(entry.queueName);
    if (!queue) return;
    const index = queue.indexOf(entry);
    if (index >= 0) queue.splice(index, 1);
    if (queue.length === 0) this.queues.delete(entry.queueName);
  }

  /** Takes a specific waiting call out of its queue (Dequeue, `<Queue reservationSid>`); the taker then calls `markTaken`. */
  takeCall(callSid: string): QueueEntry | undefined {
    const entry = this.entryOf(callSid);
    if (entry) this.remove(entry);
    return entry;
  }

  /** Takes the caller at the front of a named queue; the taker then calls `markTaken`. */
  takeFront(queueName: string): QueueEntry | undefined {
    const entry = this.queues.get(queueName)?.[0];
    if (entry) this.remove(entry);
    return entry;
  }

  entryOf(callSid: string): QueueEntry | undefined {
    for (const queue of this.queues.values()) {
      const entry = queue.find((e) => e.call.sid === callSid);
      if (entry) return entry;
    }
    return undefined;
  }

  /** Resolves when someone joins the queue (or the signal aborts). */
  nextArrival(queueName: string, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const set = this.waiters.get(queueName) ?? new Set();
      const done = () => {
        set.delete(done);
        if (set.size === 0) this.waiters.delete(queueName);
        signal.removeEventListener('abort', done);
        resolve();
      };
      set.add(done);
      this.waiters.set(queueName, set);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  size(queueName: string): number {
    return this.queues.get(queueName)?.length ?? 0;
  }

  /** Every queue with its callers, front first, for `GET /emulator/queues`. */
  view(): { name: string; callSids: string[] }[] {
    return [...this.queues].map(([name, entries]) => ({ name, callSids: entries.map((e) => e.call.sid) }));
  }
}
