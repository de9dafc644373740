import type { Engine } from '../domain/engine';
import type { DomainEvent } from '../domain/types';
import { eventParams } from './callback-params';
import type { CallbackLog } from './callback-log';
import { postSigned, type SendOptions } from './webhook-sender';

/**
 * The workspace's EventCallbackUrl: every event (or those named in EventsFilter, a
 * comma-separated list of event types) is POSTed as a signed form, one at a time and
 * in event order. Parameters are built when the event happens. A slow or dead server
 * only fills a bounded queue (the oldest waiting callbacks are dropped and counted).
 */

const QUEUE_LIMIT = 1_000;

export class EventCallbacks {
  private readonly queue: { url: string; type: string; params: Record<string, string> }[] = [];
  private sending = false;

  constructor(
    private readonly engine: Engine,
    private readonly log: CallbackLog,
    private readonly send: Omit<SendOptions, 'defaultTimeoutMs'> & { timeoutMs: number },
  ) {}

  onEvent(event: DomainEvent): void {
    const workspace = this.engine.getWorkspace();
    const url = workspace.eventCallbackUrl;
    if (!url || !passesFilter(workspace.eventsFilter, event.type)) return;
    const params = eventParams(this.engine, event);
    if (!params) return;
    this.queue.push({ url, type: event.type, params });
    if (this.queue.length > QUEUE_LIMIT) {
      this.queue.shift();
      this.log.dropped++;
    }
    if (!this.sending) void this.drain();
  }

  private async drain(): Promise<void> {
    this.sending = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        if (this.send.signal.aborted) return;
        const answer = await postSigned(next.url, next.params, { ...this.send, defaultTimeoutMs: this.send.timeoutMs });
        this.log.add({
          kind: 'event',
          url: next.url,
          at: this.engine.now(),
          eventType: next.type,
          status: answer.kind === 'answered' ? answer.status : null,
          outcome: answer.kind === 'answered' ? `answered HTTP ${answer.status}` : answer.reason,
        });
      }
    } catch (error) {
      console.error('emulator: event callback failed', error);
    } finally {
      this.sending = false;
    }
  }

  /** Forgets waiting callbacks (emulator reset). */
  clear(): void {
    this.queue.length = 0;
  }
}

function passesFilter(filter: string | null, type: string): boolean {
  if (!filter) return true;
  return filter.split(',').some((name) => name.trim() === type);
}
