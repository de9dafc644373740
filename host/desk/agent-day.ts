import type { AgentDay } from '../../shared/desk';
import type { Reservation, Worker } from '../../shared/model';
import type { Result } from '../../shared/result';
import type { TaskRouterApi } from '../twilio/api';

/** How many handle times the average keeps (a long shift stays bounded). */
const HANDLE_SAMPLES = 500;
/** How many accepted-at times are remembered at once (active tasks only; ended ones are dropped). */
const MAX_OPEN = 200;
/** How many completed task SIDs are remembered to count each once (far beyond a shift's tasks). */
const MAX_HANDLED = 5_000;

/** Local midnight of the day `at` falls in: the day's figures start there. */
export const startOfDay = (at: number): number => {
  const d = new Date(at);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
};

/**
 * What this desktop saw of the agent's day: completed tasks and their handle
 * time (accept to completion), and how long the worker spent in each activity
 * since the host started. TaskRouter's statistics replace it where it has them
 * (`build`); the handle time is always this desktop's, as TaskRouter keeps none
 * per worker outside Flex Insights.
 */
export class AgentDayObserver {
  private readonly acceptedAt = new Map<string, number>();
  private readonly handled = new Set<string>();
  private handledCount = 0;
  private handleSeconds: number[] = [];
  private readonly activitySeconds = new Map<string, number>();
  private current: { name: string; since: number } | null = null;
  private since: number;

  constructor(private readonly now: () => number) {
    this.since = now();
  }

  onReservation(r: Reservation): void {
    if (r.status === 'accepted' && !this.acceptedAt.has(r.sid) && this.acceptedAt.size < MAX_OPEN) this.acceptedAt.set(r.sid, r.updatedAt || this.now());
    if (r.status === 'completed' && !this.handled.has(r.taskSid)) {
      this.handled.add(r.taskSid);
      this.handledCount++;
      // Bounded: the oldest SIDs go first (a Set iterates in insertion order); the count keeps counting.
      if (this.handled.size > MAX_HANDLED) this.handled.delete(this.handled.values().next().value!);
      const accepted = this.acceptedAt.get(r.sid);
      if (accepted !== undefined) this.handleSeconds = [...this.handleSeconds, Math.max(0, (this.now() - accepted) / 1_000)].slice(-HANDLE_SAMPLES);
    }
    if (r.status !== 'accepted' && r.status !== 'wrapping') this.acceptedAt.delete(r.sid);
  }

  onWorker(w: Worker): void {
    const now = this.now();
    if (this.current?.name === w.activityName) return;
    this.closeActivity(now);
    this.current = { name: w.activityName, since: now };
  }

  /** A new worker or account: nothing observed before applies. */
  reset(): void {
    this.acceptedAt.clear();
    this.handled.clear();
    this.handledCount = 0;
    this.handleSeconds = [];
    this.activitySeconds.clear();
    this.current = null;
    this.since = this.now();
  }

  observed(): AgentDay {
    const now = this.now();
    const activities = new Map(this.activitySeconds);
    if (this.current) activities.set(this.current.name, (activities.get(this.current.name) ?? 0) + (now - this.current.since) / 1_000);
    return {
      source: 'observed',
      since: this.since,
      tasksHandled: this.handledCount,
      averageHandleSeconds: this.averageHandle(),
      activities: [...activities].map(([name, seconds]) => ({ name, seconds: Math.round(seconds) })),
      queues: null,
    };
  }

  /** TaskRouter's figures for today where it answers; the observed ones where it does not. */
  async build(api: Result<TaskRouterApi>): Promise<AgentDay> {
    const observed = this.observed();
    if (!api.ok) return observed;
    const since = startOfDay(this.now());
    const [stats, queues] = await Promise.allSettled([api.value.fetchWorkerStatistics(since), api.value.fetchWorkerQueues()]);
    const queueFigures = queues.status === 'fulfilled' ? queues.value : null;
    if (stats.status !== 'fulfilled') return { ...observed, queues: queueFigures };
    return {
      source: 'taskrouter',
      since,
      tasksHandled: stats.value.reservationsAccepted,
      averageHandleSeconds: observed.averageHandleSeconds,
      activities: stats.value.activityDurations.map((a) => ({ name: a.name, seconds: Math.round(a.totalSeconds) })),
      queues: queueFigures,
    };
  }

  private averageHandle(): number | null {
    if (this.handleSeconds.length === 0) return null;
    return Math.round(this.handleSeconds.reduce((a, b) => a + b, 0) / this.handleSeconds.length);
  }

  private closeActivity(now: number): void {
    if (!this.current) return;
    this.activitySeconds.set(this.current.name, (this.activitySeconds.get(this.current.name) ?? 0) + (now - this.current.since) / 1_000);
  }
}
