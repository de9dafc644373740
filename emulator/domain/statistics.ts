import type { EngineResult, RawParams, TaskAssignmentStatus, TaskRecord, WorkerRecord } from './types';
import { parseJsonObject } from './params';
import type { ReservationOutcome } from './statistics-log';
import { parseStatisticsQuery, parseTaskChannel, type StatisticsQuery } from './statistics-params';
import type { EngineState } from './state';

/**
 * TaskRouter's statistics, computed from the emulator's own state (real time)
 * and its bounded history (cumulative, see statistics-log.ts). Durations are
 * whole seconds, as Twilio reports them. Where Twilio's definitions leave room,
 * the choice made is written in emulator/README.md ("Statistics").
 */

/** Seconds. */
export interface Durations {
  avg: number;
  min: number;
  max: number;
  total: number;
}

export interface SplitCounts {
  tasksCanceled: number;
  reservationsAccepted: number;
}

export interface TaskCumulative {
  start: number;
  end: number;
  reservations: Record<ReservationOutcome, number>;
  /** Tasks created in scope (for a workflow: the tasks that entered it). */
  tasksCreated: number;
  /** Tasks that entered a queue in scope: created in it or moved to it. */
  tasksEnteredQueue: number;
  tasksCanceled: number;
  tasksCompleted: number;
  tasksDeleted: number;
  /** Tasks moved from one queue to another (for a queue: moved out of it). */
  tasksMoved: number;
  /** Always 0: the emulator's workflows have no filter timeouts, so no task times out of one. */
  tasksTimedOutInWorkflow: number;
  avgTaskAcceptanceTime: number;
  waitUntilAccepted: Durations;
  waitUntilCanceled: Durations;
  waitInQueueUntilAccepted: Durations;
  /** By threshold in seconds; null unless SplitByWaitTime was asked for. */
  splitByWaitTime: Record<string, { above: SplitCounts; below: SplitCounts }> | null;
}

export interface TaskRealtime {
  tasksByStatus: Record<TaskAssignmentStatus, number>;
  tasksByPriority: Record<string, number>;
  totalTasks: number;
  longestTaskWaitingAge: number;
  longestTaskWaitingSid: string | null;
  longestRelativeTaskAgeInQueue: number;
  longestRelativeTaskSidInQueue: string | null;
}

export interface ActivityCount {
  sid: string;
  friendlyName: string;
  workers: number;
}

export interface WorkersRealtime {
  totalWorkers: number;
  totalAvailableWorkers: number;
  activityStatistics: ActivityCount[];
}

export interface ActivityDuration extends Durations {
  sid: string;
  friendlyName: string;
}

export interface WorkersCumulative {
  start: number;
  end: number;
  reservations: Record<ReservationOutcome, number>;
  activityDurations: ActivityDuration[];
}

export interface TaskScope {
  queueSid?: string;
  workflowSid?: string;
  channelSid?: string | null;
}

const STATUSES: TaskAssignmentStatus[] = ['pending', 'reserved', 'assigned', 'wrapping', 'completed', 'canceled'];
const OUTCOMES: ReservationOutcome[] = ['created', 'accepted', 'rejected', 'timeout', 'canceled', 'rescinded'];

const seconds = (ms: number): number => Math.max(0, Math.round(ms / 1000));

function durations(values: number[]): Durations {
  if (values.length === 0) return { avg: 0, min: 0, max: 0, total: 0 };
  let total = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    total += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  return { avg: seconds(total / values.length), min: seconds(min), max: seconds(max), total: seconds(total) };
}

const zeroOutcomes = (): Record<ReservationOutcome, number> => Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<ReservationOutcome, number>;

export class Statistics {
  constructor(private readonly s: EngineState) {}

  /** Minutes / StartDate / EndDate / TaskChannel / SplitByWaitTime. */
  parseQuery(raw: RawParams): EngineResult<StatisticsQuery> {
    return parseStatisticsQuery(this.s, raw);
  }

  /** TaskChannel only (the real-time resources). */
  parseChannel(raw: RawParams): EngineResult<string | null> {
    return parseTaskChannel(this.s, raw);
  }

  /** Live tasks in scope: TaskRouter still lists completed and canceled tasks until it deletes them. */
  tasksRealtime(scope: TaskScope): TaskRealtime {
    const now = this.s.clock.now();
    const byStatus = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<TaskAssignmentStatus, number>;
    const byPriority: Record<string, number> = {};
    let total = 0;
    let oldest: TaskRecord | null = null;
    let longestInQueue: TaskRecord | null = null;
    for (const task of this.s.tasks.values()) {
      if (scope.queueSid !== undefined && task.taskQueueSid !== scope.queueSid) continue;
      if (scope.workflowSid !== undefined && task.workflowSid !== scope.workflowSid) continue;
      if (scope.channelSid && task.taskChannelSid !== scope.channelSid) continue;
      total++;
      byStatus[task.assignmentStatus]++;
      byPriority[String(task.priority)] = (byPriority[String(task.priority)] ?? 0) + 1;
      if (task.assignmentStatus !== 'pending' && task.assignmentStatus !== 'reserved') continue;
      if (!oldest || task.dateCreated < oldest.dateCreated) oldest = task;
      const entered = task.taskQueueEnteredDate ?? task.dateCreated;
      if (!longestInQueue || entered < (longestInQueue.taskQueueEnteredDate ?? longestInQueue.dateCreated)) longestInQueue = task;
    }
    return {
      tasksByStatus: byStatus,
      tasksByPriority: byPriority,
      totalTasks: total,
      longestTaskWaitingAge: oldest ? Math.floor((now - oldest.dateCreated) / 1000) : 0,
      longestTaskWaitingSid: oldest?.sid ?? null,
      longestRelativeTaskAgeInQueue: longestInQueue ? Math.floor((now - (longestInQueue.taskQueueEnteredDate ?? longestInQueue.dateCreated)) / 1000) : 0,
      longestRelativeTaskSidInQueue: longestInQueue?.sid ?? null,
    };
  }

  /** Workers whose attributes match the queue's `target_workers` (none for an unknown queue). */
  eligibleWorkers(queueSid: string): WorkerRecord[] {
    const predicate = this.s.compiledQueues.get(queueSid);
    if (!predicate) return [];
    return [...this.s.workers.values()].filter((w) => predicate(parseJsonObject(w.attributes)));
  }

  workersRealtime(workers: Iterable<WorkerRecord>): WorkersRealtime {
    const counts = new Map<string, number>();
    let total = 0;
    let available = 0;
    for (const worker of workers) {
      total++;
      if (this.s.activityOf(worker).available) available++;
      counts.set(worker.activitySid, (counts.get(worker.activitySid) ?? 0) + 1);
    }
    return {
      totalWorkers: total,
      totalAvailableWorkers: available,
      activityStatistics: this.s.listActivities().map((a) => ({ sid: a.sid, friendlyName: a.friendlyName, workers: counts.get(a.sid) ?? 0 })),
    };
  }

  tasksCumulative(scope: TaskScope, query: StatisticsQuery): TaskCumulative {
    const { start, end } = query.window;
    const result: TaskCumulative = {
      start,
      end,
      reservations: zeroOutcomes(),
      tasksCreated: 0,
      tasksEnteredQueue: 0,
      tasksCanceled: 0,
      tasksCompleted: 0,
      tasksDeleted: 0,
      tasksMoved: 0,
      tasksTimedOutInWorkflow: 0,
      avgTaskAcceptanceTime: 0,
      waitUntilAccepted: durations([]),
      waitUntilCanceled: durations([]),
      waitInQueueUntilAccepted: durations([]),
      splitByWaitTime: null,
    };
    const accepted: number[] = [];
    const acceptedInQueue: number[] = [];
    const canceled: number[] = [];
    for (const f of this.s.statistics.all()) {
      if (f.kind === 'activity' || f.at < start || f.at > end) continue;
      if (scope.workflowSid !== undefined && f.workflowSid !== scope.workflowSid) continue;
      if (query.channelSid && f.channelSid !== query.channelSid) continue;
      if (scope.queueSid !== undefined && f.queueSid !== scope.queueSid) continue;
      if (f.kind === 'reservation') {
        result.reservations[f.what]++;
        if (f.what === 'accepted') {
          accepted.push(f.waitMs);
          acceptedInQueue.push(f.queueWaitMs);
        }
        continue;
      }
      switch (f.what) {
        case 'created':
          result.tasksCreated++;
          break;
        case 'entered':
          result.tasksEnteredQueue++;
          break;
        case 'moved':
          result.tasksMoved++;
          break;
        case 'canceled':
          result.tasksCanceled++;
          canceled.push(f.waitMs);
          break;
        case 'completed':
          result.tasksCompleted++;
          break;
        case 'deleted':
          result.tasksDeleted++;
          break;
      }
    }
    result.waitUntilAccepted = durations(accepted);
    result.waitUntilCanceled = durations(canceled);
    result.waitInQueueUntilAccepted = durations(acceptedInQueue);
    result.avgTaskAcceptanceTime = result.waitUntilAccepted.avg;
    if (query.splitByWaitTime) {
      result.splitByWaitTime = {};
      for (const threshold of query.splitByWaitTime) {
        const limit = threshold * 1000;
        const below = (values: number[]) => values.filter((v) => v < limit).length;
        result.splitByWaitTime[String(threshold)] = {
          below: { tasksCanceled: below(canceled), reservationsAccepted: below(accepted) },
          above: { tasksCanceled: canceled.length - below(canceled), reservationsAccepted: accepted.length - below(accepted) },
        };
      }
    }
    return result;
  }

  /** Reservations and time in each activity of these workers (every worker, deleted ones too, when `workerSids` is null). */
  workersCumulative(workerSids: ReadonlySet<string> | null, query: StatisticsQuery): WorkersCumulative {
    const { start, end } = query.window;
    const reservations = zeroOutcomes();
    const stints = new Map<string, number[]>();
    const addStint = (activitySid: string, from: number, to: number): void => {
      const clipped = Math.min(to, end) - Math.max(from, start);
      if (clipped <= 0) return;
      const list = stints.get(activitySid) ?? [];
      list.push(clipped);
      stints.set(activitySid, list);
    };
    const included = (workerSid: string) => workerSids === null || workerSids.has(workerSid);
    for (const f of this.s.statistics.all()) {
      if (f.kind === 'task' || !included(f.workerSid)) continue;
      if (f.kind === 'activity') addStint(f.activitySid, f.start, f.at);
      else if (f.kind === 'reservation' && f.at >= start && f.at <= end && (!query.channelSid || f.channelSid === query.channelSid)) reservations[f.what]++;
    }
    // The activity each worker is in now counts up to now.
    const now = this.s.clock.now();
    for (const worker of this.s.workers.values()) if (included(worker.sid)) addStint(worker.activitySid, worker.dateStatusChanged, now);
    return {
      start,
      end,
      reservations,
      activityDurations: this.s.listActivities().map((a) => ({ sid: a.sid, friendlyName: a.friendlyName, ...durations(stints.get(a.sid) ?? []) })),
    };
  }
}
