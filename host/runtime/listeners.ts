import type { EventName, EventPayload } from '../../shared/contract';
import type { HostListener, Logger } from '../types';

/** The host's pushed events. A throwing listener is logged and never stops the others or the host. */
export class Listeners {
  private readonly byEvent = new Map<EventName, Set<(payload: unknown) => void>>();

  constructor(private readonly logger: Logger) {}

  on<N extends EventName>(event: N, listener: HostListener<N>): () => void {
    let set = this.byEvent.get(event);
    if (!set) this.byEvent.set(event, (set = new Set()));
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    return () => void set.delete(wrapped);
  }

  /** How many listeners are registered (a stopped host's owners should have removed theirs). */
  count(): number {
    let total = 0;
    for (const set of this.byEvent.values()) total += set.size;
    return total;
  }

  emit<N extends EventName>(event: N, payload: EventPayload<N>): void {
    for (const listener of this.byEvent.get(event) ?? []) {
      try {
        listener(payload);
      } catch (e) {
        this.logger.error('event listener failed', { event, message: e instanceof Error ? e.message : String(e) });
      }
    }
  }
}
