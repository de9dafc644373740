import type { Reservation } from '../../shared/model';
import type { Clock } from '../types';

/** How long after its expected expiry a still-pending offer is re-read: TaskRouter's own timer and our estimate differ by well under this. */
export const EXPIRY_GRACE_MS = 3_000;
/** Re-reads of an offer that stays pending past its expiry back off up to this. */
const MAX_RECHECK_MS = 60_000;

export interface ExpiryWatchDeps {
  clock: Clock;
  /** Re-reads one reservation from TaskRouter (and settles it: a 404 makes it final). */
  recheck(sid: string): Promise<void>;
}

/**
 * A pending offer that outlives its expiry with no word from TaskRouter is
 * suspect: the event that ended it may have been lost (a task deleted, a
 * socket that died silently). This watch re-reads such an offer shortly after
 * it should have ended, so nothing rings on screen for an offer that is gone.
 * One timer per pending offer; an offer that stops being pending drops its timer.
 */
export class ExpiryWatch {
  private readonly timers = new Map<string, { handle: unknown; attempt: number }>();

  constructor(private readonly deps: ExpiryWatchDeps) {}

  /** Feed every reservation change. */
  update(reservation: Reservation): void {
    const existing = this.timers.get(reservation.sid);
    if (reservation.status !== 'pending') {
      if (existing) this.cancel(reservation.sid);
      return;
    }
    if (!existing) this.schedule(reservation.sid, Math.max(0, reservation.expiresAt + EXPIRY_GRACE_MS - this.deps.clock.now()), 0);
  }

  /** Stops every timer (a new session, or the host stopping). */
  clear(): void {
    for (const sid of [...this.timers.keys()]) this.cancel(sid);
  }

  get size(): number {
    return this.timers.size;
  }

  private cancel(sid: string): void {
    const entry = this.timers.get(sid);
    if (entry) this.deps.clock.clearTimeout(entry.handle);
    this.timers.delete(sid);
  }

  private schedule(sid: string, delayMs: number, attempt: number): void {
    const handle = this.deps.clock.setTimeout(() => {
      if (this.timers.get(sid)?.handle !== handle) return;
      void this.deps
        .recheck(sid)
        .catch(() => undefined)
        .finally(() => {
          // Still pending after the re-read (or it failed): look again later, less often.
          if (this.timers.get(sid)?.handle === handle) this.schedule(sid, Math.min(MAX_RECHECK_MS, 5_000 * 2 ** attempt), attempt + 1);
        });
    }, delayMs);
    this.timers.set(sid, { handle, attempt });
  }
}
