import { ENDED_STATUSES, type Reservation, type ReservationStatus } from '../../shared/model';

/** Where a status lies in a reservation's life; a reservation never moves back. */
export function statusRank(status: ReservationStatus): number {
  if (status === 'pending') return 0;
  if (status === 'accepted') return 1;
  if (status === 'wrapping') return 2;
  return 3;
}

const sameContent = (a: Omit<Reservation, 'version'>, b: Reservation): boolean =>
  a.status === b.status && a.task.status === b.task.status && a.task.reason === b.task.reason && JSON.stringify(a.task.attributes) === JSON.stringify(b.task.attributes);

/**
 * The host's view of the worker's reservations. Both sources (SDK events and
 * REST polls, plus reconciliation) feed it; it keeps only forward moves, so a
 * duplicate event after a reconnect or a stale poll answer racing a live event
 * never reaches the UI. Each accepted change gets the next `version`.
 */
export class ReservationStore {
  private readonly bySid = new Map<string, Reservation>();

  constructor(private readonly keepEnded = 50) {}

  /** Returns the stored reservation when it changed (to be pushed), null for a duplicate or stale update. */
  apply(next: Omit<Reservation, 'version'>): Reservation | null {
    const current = this.bySid.get(next.sid);
    if (current) {
      const forward = statusRank(next.status) > statusRank(current.status);
      // Same stage: only a real change of the task (attributes, status, reason) counts, and an ended reservation is final.
      const sideways = statusRank(next.status) === statusRank(current.status) && next.status === current.status && !ENDED_STATUSES.includes(current.status) && !sameContent(next, current);
      if (!forward && !sideways) return null;
    }
    const stored: Reservation = {
      ...next,
      // The first sighting fixes when the offer expires; later (less precise) sightings must not move the countdown.
      createdAt: current?.createdAt ?? next.createdAt,
      expiresAt: current?.expiresAt ?? next.expiresAt,
      version: (current?.version ?? 0) + 1,
    };
    this.bySid.delete(next.sid);
    this.bySid.set(next.sid, stored);
    this.prune();
    return stored;
  }

  get(sid: string): Reservation | undefined {
    return this.bySid.get(sid);
  }

  all(): Reservation[] {
    return [...this.bySid.values()];
  }

  active(): Reservation[] {
    return this.all().filter((r) => !ENDED_STATUSES.includes(r.status));
  }

  pendingCount(): number {
    return this.all().filter((r) => r.status === 'pending').length;
  }

  clear(): void {
    this.bySid.clear();
  }

  private prune(): void {
    const ended = this.all().filter((r) => ENDED_STATUSES.includes(r.status));
    for (const r of ended.slice(0, Math.max(0, ended.length - this.keepEnded))) this.bySid.delete(r.sid);
  }
}
