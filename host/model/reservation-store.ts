import { ENDED_STATUSES, type Assignment, type Reservation, type ReservationStatus } from '../../shared/model';

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
  private readonly evictionListeners = new Set<(sids: string[]) => void>();

  /** Keeps every active reservation and the `keepEnded` most recently ended ones (the recap), so a shift's memory stays flat. */
  constructor(private readonly keepEnded = 50) {}

  /** Called with the SIDs of ended reservations dropped from the recap, so caches keyed by them can go too. */
  onEvict(listener: (sids: string[]) => void): () => void {
    this.evictionListeners.add(listener);
    return () => void this.evictionListeners.delete(listener);
  }

  /** Returns the stored reservation when it changed (to be pushed), null for a duplicate or stale update. */
  apply(next: Omit<Reservation, 'version'>): Reservation | null {
    const current = this.bySid.get(next.sid);
    if (current) {
      const forward = statusRank(next.status) > statusRank(current.status);
      // Same stage: only a real change of the task (attributes, status, reason) counts, and an ended reservation is final.
      const sideways = statusRank(next.status) === statusRank(current.status) && next.status === current.status && !ENDED_STATUSES.includes(current.status) && !sameContent(next, current);
      if (!forward && !sideways) return null;
    }
    // Who decides the offer is the host's knowledge (assignment-watch.ts), not TaskRouter's: later sightings keep it.
    const { assignment: firstAssignment, ...fields } = next;
    const assignment = current ? current.assignment : firstAssignment;
    const stored: Reservation = {
      ...fields,
      // The first sighting fixes when the offer expires; later (less precise) sightings must not move the countdown.
      createdAt: current?.createdAt ?? next.createdAt,
      expiresAt: current?.expiresAt ?? next.expiresAt,
      ...(assignment ? { assignment } : {}),
      version: (current?.version ?? 0) + 1,
    };
    this.bySid.delete(next.sid);
    this.bySid.set(next.sid, stored);
    this.prune();
    return stored;
  }

  /** Records who decides a pending reservation; returns the stored reservation when that changed (to be pushed). */
  setAssignment(sid: string, assignment: Assignment): Reservation | null {
    const current = this.bySid.get(sid);
    if (!current || current.status !== 'pending' || (current.assignment ?? 'offer') === assignment) return null;
    const stored: Reservation = { ...current, assignment, version: current.version + 1 };
    this.bySid.set(sid, stored);
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
    let count = 0;
    for (const r of this.bySid.values()) if (r.status === 'pending') count++;
    return count;
  }

  size(): number {
    return this.bySid.size;
  }

  clear(): void {
    const sids = [...this.bySid.keys()];
    this.bySid.clear();
    if (sids.length > 0) this.evicted(sids);
  }

  private prune(): void {
    const ended = this.all().filter((r) => ENDED_STATUSES.includes(r.status));
    const dropped = ended.slice(0, Math.max(0, ended.length - this.keepEnded)).map((r) => r.sid);
    for (const sid of dropped) this.bySid.delete(sid);
    if (dropped.length > 0) this.evicted(dropped);
  }

  private evicted(sids: string[]): void {
    for (const listener of this.evictionListeners) listener(sids);
  }
}
