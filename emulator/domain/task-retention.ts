import type { TimerId } from './clock';
import type { EngineState } from './state';
import type { DomainEventListener } from './types';

/**
 * How long TaskRouter keeps a task, as Twilio documents it ("Lifecycle of a
 * Task: Task state"): a task is deleted five minutes after it is `completed` or
 * `canceled`, and a task not completed within 24 hours of being assigned is
 * deleted too. Deleting goes through the same path as the API's DELETE (the
 * reservations go with the task, `task.deleted` is emitted). This is also what
 * keeps a long demo shift's memory bounded.
 */

export const TERMINAL_TASK_RETENTION_MS = 5 * 60_000;
export const ASSIGNED_TASK_LIMIT_MS = 24 * 3_600_000;

export function createTaskRetention(s: EngineState, deleteTask: (sid: string) => void): DomainEventListener {
  const timers = new Map<string, TimerId>();
  let generation = s.generation;

  const cancel = (taskSid: string): void => {
    const timer = timers.get(taskSid);
    if (timer !== undefined) s.clock.clearTimer(timer);
    timers.delete(taskSid);
  };

  const schedule = (taskSid: string, afterMs: number, stillDue: () => boolean): void => {
    cancel(taskSid);
    const scheduledIn = s.generation;
    timers.set(
      taskSid,
      s.clock.setTimer(afterMs, () => {
        timers.delete(taskSid);
        if (s.generation === scheduledIn && stillDue()) deleteTask(taskSid);
      }),
    );
  };

  return (e) => {
    if (s.generation !== generation) {
      // A reset: the tasks these timers were for are gone.
      for (const sid of [...timers.keys()]) cancel(sid);
      generation = s.generation;
    }
    const taskSid = e.taskSid;
    if (!taskSid) return;
    switch (e.type) {
      case 'task.completed':
      case 'task.canceled':
        schedule(taskSid, TERMINAL_TASK_RETENTION_MS, () => {
          const status = s.tasks.get(taskSid)?.assignmentStatus;
          return status === 'completed' || status === 'canceled';
        });
        return;
      case 'reservation.accepted':
        if (!timers.has(taskSid)) {
          schedule(taskSid, ASSIGNED_TASK_LIMIT_MS, () => {
            const status = s.tasks.get(taskSid)?.assignmentStatus;
            return status === 'assigned' || status === 'wrapping';
          });
        }
        return;
      case 'task.deleted':
        cancel(taskSid);
        return;
      default:
        return;
    }
  };
}
