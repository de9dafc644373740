import { reduceCall, type CallEvent, type CallState } from '../../shared/call-state';

/** Ended calls kept for the panel's "last call" line and late reports; older ones go. */
const KEEP_ENDED = 5;

/**
 * The calls of this session, each run by the shared state machine
 * (shared/call-state.ts). Every change is pushed once (`callUpdated`); an
 * event that changes nothing pushes nothing.
 */
export class CallBook {
  private readonly calls = new Map<string, CallState>();

  constructor(private readonly emit: (call: CallState) => void) {}

  add(call: CallState): CallState {
    this.calls.set(call.id, call);
    this.emit(call);
    this.prune();
    return call;
  }

  apply(id: string, event: CallEvent): CallState | undefined {
    const current = this.calls.get(id);
    if (!current) return undefined;
    const next = reduceCall(current, event);
    if (next !== current) {
      this.calls.set(id, next);
      this.emit(next);
      if (next.phase === 'ended') this.prune();
    }
    return next;
  }

  get(id: string): CallState | undefined {
    return this.calls.get(id);
  }

  find(predicate: (call: CallState) => boolean): CallState | undefined {
    for (const call of this.calls.values()) if (predicate(call)) return call;
    return undefined;
  }

  active(): CallState[] {
    return [...this.calls.values()].filter((c) => c.phase !== 'ended');
  }

  /** Live calls first, then the ended ones still kept. */
  list(): CallState[] {
    const all = [...this.calls.values()];
    return [...all.filter((c) => c.phase !== 'ended'), ...all.filter((c) => c.phase === 'ended')];
  }

  clear(): void {
    this.calls.clear();
  }

  private prune(): void {
    const ended = [...this.calls.values()].filter((c) => c.phase === 'ended').sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0));
    for (const call of ended.slice(KEEP_ENDED)) this.calls.delete(call.id);
  }
}
