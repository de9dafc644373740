import type { Durations, TaskCumulative, TaskRealtime, WorkersCumulative, WorkersRealtime } from '../domain/statistics';
import { iso } from './dates';

/**
 * Statistics → TaskRouter v1 JSON (snake_case, whole seconds). The standalone
 * RealTime/Cumulative resources and the `realtime`/`cumulative` objects nested
 * in the Statistics resources carry the same fields.
 */

const durations = (d: Durations) => ({ avg: d.avg, min: d.min, max: d.max, total: d.total });

function reservationCounts(r: TaskCumulative['reservations']) {
  return {
    reservations_created: r.created,
    reservations_accepted: r.accepted,
    reservations_rejected: r.rejected,
    reservations_timed_out: r.timeout,
    reservations_canceled: r.canceled,
    reservations_rescinded: r.rescinded,
  };
}

function splitByWaitTime(c: TaskCumulative) {
  if (!c.splitByWaitTime) return null;
  return Object.fromEntries(
    Object.entries(c.splitByWaitTime).map(([threshold, split]) => [
      threshold,
      {
        above: { tasks_canceled: split.above.tasksCanceled, reservations_accepted: split.above.reservationsAccepted },
        below: { tasks_canceled: split.below.tasksCanceled, reservations_accepted: split.below.reservationsAccepted },
      },
    ]),
  );
}

/** Fields every task-level cumulative resource shares (workspace, workflow, queue). */
function commonCumulative(c: TaskCumulative) {
  return {
    avg_task_acceptance_time: c.avgTaskAcceptanceTime,
    start_time: iso(c.start),
    end_time: iso(c.end),
    ...reservationCounts(c.reservations),
    split_by_wait_time: splitByWaitTime(c),
    wait_duration_until_accepted: durations(c.waitUntilAccepted),
    wait_duration_until_canceled: durations(c.waitUntilCanceled),
    tasks_canceled: c.tasksCanceled,
    tasks_completed: c.tasksCompleted,
    tasks_deleted: c.tasksDeleted,
    tasks_moved: c.tasksMoved,
  };
}

export const workspaceCumulative = (c: TaskCumulative) => ({
  ...commonCumulative(c),
  tasks_created: c.tasksCreated,
  tasks_timed_out_in_workflow: c.tasksTimedOutInWorkflow,
});

export const workflowCumulative = (c: TaskCumulative) => ({
  ...commonCumulative(c),
  // The tasks that entered the workflow are the tasks created in it.
  tasks_entered: c.tasksCreated,
  tasks_timed_out_in_workflow: c.tasksTimedOutInWorkflow,
});

export const queueCumulative = (c: TaskCumulative) => ({
  ...commonCumulative(c),
  tasks_entered: c.tasksEnteredQueue,
  wait_duration_in_queue_until_accepted: durations(c.waitInQueueUntilAccepted),
});

const activityStatistics = (w: WorkersRealtime) => w.activityStatistics.map((a) => ({ sid: a.sid, friendly_name: a.friendlyName, workers: a.workers }));

const taskCounts = (t: TaskRealtime) => ({
  longest_task_waiting_age: t.longestTaskWaitingAge,
  longest_task_waiting_sid: t.longestTaskWaitingSid,
  tasks_by_priority: t.tasksByPriority,
  tasks_by_status: t.tasksByStatus,
  total_tasks: t.totalTasks,
});

export const workspaceRealtime = (t: TaskRealtime, w: WorkersRealtime) => ({
  ...taskCounts(t),
  activity_statistics: activityStatistics(w),
  total_workers: w.totalWorkers,
});

export const workflowRealtime = (t: TaskRealtime) => taskCounts(t);

export const queueRealtime = (t: TaskRealtime, w: WorkersRealtime) => ({
  ...taskCounts(t),
  longest_relative_task_age_in_queue: t.longestRelativeTaskAgeInQueue,
  longest_relative_task_sid_in_queue: t.longestRelativeTaskSidInQueue,
  activity_statistics: activityStatistics(w),
  total_available_workers: w.totalAvailableWorkers,
  total_eligible_workers: w.totalWorkers,
});

/** One entry of the bulk TaskQueues/RealTimeStatistics answer (`task_queue_data`). */
export const queueBulkEntry = (taskQueueSid: string, t: TaskRealtime, w: WorkersRealtime) => ({
  task_queue_sid: taskQueueSid,
  ...taskCounts(t),
  activity_statistics: activityStatistics(w),
  total_available_workers: w.totalAvailableWorkers,
  total_eligible_workers: w.totalWorkers,
});

export const workersRealtime = (w: WorkersRealtime) => ({
  activity_statistics: activityStatistics(w),
  total_workers: w.totalWorkers,
});

export const workersCumulative = (c: WorkersCumulative) => ({
  start_time: iso(c.start),
  end_time: iso(c.end),
  activity_durations: c.activityDurations.map((a) => ({ sid: a.sid, friendly_name: a.friendlyName, ...durations(a) })),
  ...reservationCounts(c.reservations),
});
