import type { ReservationOutcome, TaskTrack } from './statistics-log';
import type { EngineState } from './state';
import type { DomainEvent, DomainEventListener, TaskRecord } from './types';

/**
 * Turns delivered domain events into statistics facts. It listens like any
 * other listener (events arrive in order, after the change is complete); it
 * remembers where each live task is routed, so a task's queue moves are seen
 * and a deleted task's facts still know its queue. Activity time is recorded
 * by EngineState.moveWorker itself, which alone knows the activity left.
 */

const RESERVATION_OUTCOMES: Record<string, ReservationOutcome> = {
  'reservation.created': 'created',
  'reservation.accepted': 'accepted',
  'reservation.rejected': 'rejected',
  'reservation.timeout': 'timeout',
  'reservation.canceled': 'canceled',
  'reservation.rescinded': 'rescinded',
};

const trackOf = (task: TaskRecord): TaskTrack => ({
  workflowSid: task.workflowSid,
  queueSid: task.taskQueueSid,
  channelSid: task.taskChannelSid,
  createdAt: task.dateCreated,
  queueEnteredAt: task.taskQueueEnteredDate,
});

export function createStatisticsRecorder(s: EngineState): DomainEventListener {
  const log = s.statistics;

  /** The task's track, following a queue or channel change the event reports. */
  const follow = (e: DomainEvent): TaskTrack | undefined => {
    if (!e.taskSid) return undefined;
    const track = log.tracks.get(e.taskSid);
    const task = s.tasks.get(e.taskSid);
    if (!track || !task) return track;
    if (task.taskQueueSid !== track.queueSid) {
      if (track.queueSid) log.record({ kind: 'task', what: 'moved', at: e.at, workflowSid: track.workflowSid, queueSid: track.queueSid, channelSid: track.channelSid, waitMs: e.at - track.createdAt });
      if (task.taskQueueSid) log.record({ kind: 'task', what: 'entered', at: e.at, workflowSid: task.workflowSid, queueSid: task.taskQueueSid, channelSid: task.taskChannelSid, waitMs: e.at - track.createdAt });
    }
    const next = trackOf(task);
    log.tracks.set(e.taskSid, next);
    return next;
  };

  const taskFact = (e: DomainEvent, what: 'canceled' | 'completed' | 'deleted', track: TaskTrack): void => {
    log.record({ kind: 'task', what, at: e.at, workflowSid: track.workflowSid, queueSid: track.queueSid, channelSid: track.channelSid, waitMs: e.at - track.createdAt });
  };

  return (e) => {
    const outcome = RESERVATION_OUTCOMES[e.type];
    if (outcome) {
      const track = e.taskSid ? log.tracks.get(e.taskSid) : undefined;
      if (!track || !e.workerSid) return;
      log.record({
        kind: 'reservation',
        what: outcome,
        at: e.at,
        workerSid: e.workerSid,
        workflowSid: track.workflowSid,
        queueSid: track.queueSid,
        channelSid: track.channelSid,
        waitMs: e.at - track.createdAt,
        queueWaitMs: e.at - (track.queueEnteredAt ?? track.createdAt),
      });
      return;
    }
    switch (e.type) {
      case 'task.created': {
        const task = e.taskSid ? s.tasks.get(e.taskSid) : undefined;
        if (!task) return;
        const track = trackOf(task);
        log.tracks.set(task.sid, track);
        log.record({ kind: 'task', what: 'created', at: e.at, workflowSid: track.workflowSid, queueSid: track.queueSid, channelSid: track.channelSid, waitMs: 0 });
        if (track.queueSid) log.record({ kind: 'task', what: 'entered', at: e.at, workflowSid: track.workflowSid, queueSid: track.queueSid, channelSid: track.channelSid, waitMs: 0 });
        return;
      }
      case 'task.updated':
      case 'task.wrapup':
        follow(e);
        return;
      case 'task.canceled':
      case 'task.completed': {
        const track = follow(e);
        if (track) taskFact(e, e.type === 'task.canceled' ? 'canceled' : 'completed', track);
        return;
      }
      case 'task.deleted': {
        const track = e.taskSid ? log.tracks.get(e.taskSid) : undefined;
        if (!track || !e.taskSid) return;
        taskFact(e, 'deleted', track);
        log.tracks.delete(e.taskSid);
        return;
      }
      default:
        return;
    }
  };
}
