import type { DomainEvent, DomainEventListener, DomainEventType } from './types';

/**
 * Collects domain events while an engine operation runs and delivers them only
 * once the state is consistent again, so a listener that calls back into the
 * engine never sees a half-made change.
 */
/** How many past events the workspace's Events resource keeps. */
export const EVENT_LOG_LIMIT = 10_000;

export class EventHub {
  private readonly listeners = new Set<DomainEventListener>();
  private readonly queue: DomainEvent[] = [];
  /** Delivered events, oldest first, bounded: the workspace's Events resource. */
  private readonly log: DomainEvent[] = [];
  private delivering = false;

  constructor(
    private readonly now: () => number,
    private readonly newSid: () => string,
    /** Copies of the records an event names, taken when it is emitted (see DomainEvent.snapshot). */
    private readonly snapshotOf: (refs: { workerSid?: string; reservationSid?: string; taskSid?: string }) => DomainEvent['snapshot'] = () => undefined,
  ) {}

  on(listener: DomainEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(type: DomainEventType, refs: { workerSid?: string; reservationSid?: string; taskSid?: string }): void {
    const snapshot = this.snapshotOf(refs);
    this.queue.push({ type, sid: this.newSid(), at: this.now(), ...refs, ...(snapshot ? { snapshot } : {}) });
  }

  /** Delivers queued events in order; events emitted by listeners are delivered in the same loop. */
  flush(): void {
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let guard = 0; guard < 100_000 && this.queue.length > 0; guard++) {
        const event = this.queue.shift()!;
        // The log (the Events resource) keeps no snapshots: they serve delivery only, and would weigh.
        const { snapshot: _snapshot, ...logged } = event;
        this.log.push(logged);
        if (this.log.length > EVENT_LOG_LIMIT) this.log.splice(0, this.log.length - EVENT_LOG_LIMIT);
        for (const listener of [...this.listeners]) {
          try {
            listener(event);
          } catch (error) {
            console.error('emulator: event listener failed', error);
          }
        }
      }
    } finally {
      this.delivering = false;
    }
  }

  /** Past events, newest first (as TaskRouter lists them). */
  history(): DomainEvent[] {
    return [...this.log].reverse();
  }

  /** Forgets queued and past events (reset). */
  clear(): void {
    this.queue.length = 0;
    this.log.length = 0;
  }
}
