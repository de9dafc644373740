/**
 * The history TaskRouter's cumulative statistics are computed from: one small
 * fact per task, reservation and activity change, bounded in count and age so a
 * long demo shift never grows without limit. Twilio keeps statistics for 30
 * days; the emulator keeps at most that, and at most MAX_STATISTICS_FACTS facts
 * (the oldest go first).
 */

export const STATISTICS_RETENTION_MS = 30 * 24 * 3_600_000;
export const MAX_STATISTICS_FACTS = 50_000;

export type ReservationOutcome = 'created' | 'accepted' | 'rejected' | 'timeout' | 'canceled' | 'rescinded';

/** Where a task is routed, remembered while it exists (it is gone from state by the time `task.deleted` is delivered). */
export interface TaskTrack {
  workflowSid: string;
  queueSid: string | null;
  channelSid: string;
  createdAt: number;
  queueEnteredAt: number | null;
}

/** Where a fact happened: the task's workflow, queue and channel at that moment. */
interface Routed {
  at: number;
  workflowSid: string;
  queueSid: string | null;
  channelSid: string;
}

export type TaskFact = Routed & {
  kind: 'task';
  /** `entered`: the task entered `queueSid` (created in it, or moved to it); `moved`: it left `queueSid` for another queue. */
  what: 'created' | 'entered' | 'moved' | 'canceled' | 'completed' | 'deleted';
  /** Since the task was created. */
  waitMs: number;
};

export type ReservationFact = Routed & {
  kind: 'reservation';
  what: ReservationOutcome;
  workerSid: string;
  /** Since the task was created. */
  waitMs: number;
  /** Since the task entered its current queue. */
  queueWaitMs: number;
};

/** A worker spent [start, at) in one activity. */
export interface ActivityFact {
  kind: 'activity';
  at: number;
  start: number;
  workerSid: string;
  activitySid: string;
}

export type StatisticsFact = TaskFact | ReservationFact | ActivityFact;

export class StatisticsLog {
  private facts: StatisticsFact[] = [];
  /** Index of the oldest kept fact: the array is compacted in chunks, not shifted per fact. */
  private first = 0;
  /** Live tasks only: an entry is dropped when its task is deleted (by the API or by retention). */
  readonly tracks = new Map<string, TaskTrack>();

  constructor(private readonly now: () => number) {}

  record(fact: StatisticsFact): void {
    this.facts.push(fact);
    const oldestKept = this.now() - STATISTICS_RETENTION_MS;
    while (this.first < this.facts.length && (this.facts.length - this.first > MAX_STATISTICS_FACTS || this.facts[this.first]!.at < oldestKept)) this.first++;
    if (this.first > 4_096 && this.first * 2 > this.facts.length) {
      this.facts = this.facts.slice(this.first);
      this.first = 0;
    }
  }

  /** A worker leaves `activitySid`, which it had since `since`. */
  activityEnded(workerSid: string, activitySid: string, since: number): void {
    const at = this.now();
    if (at > since) this.record({ kind: 'activity', at, start: since, workerSid, activitySid });
  }

  /** Kept facts, oldest first. */
  *all(): Generator<StatisticsFact> {
    for (let i = this.first; i < this.facts.length; i++) yield this.facts[i]!;
  }

  /** How many facts are kept (for tests of the bound). */
  get size(): number {
    return this.facts.length - this.first;
  }

  clear(): void {
    this.facts = [];
    this.first = 0;
    this.tracks.clear();
  }
}
