import type { DomainEvent } from '../domain/types';
import type { EventBridgeEngine } from './engine-port';
import { reservationPayload, taskPayload, workerChannelPayload, workerPayload, type PayloadContext } from './payloads';

/**
 * Turns the engine's domain events into EventBridge frames for the workers
 * that have an open session. Lean on purpose (it is on the offer latency path):
 * nothing is looked up or serialized unless a session will receive it, and
 * each frame is serialized once however many sockets get it.
 */

export interface FrameSink {
  hasSessions(workerSid: string): boolean;
  publish(workerSid: string, frame: string): unknown;
  publishReservation(workerSid: string, eventType: string, reservationSid: string, frame: string): unknown;
  publishNaming(workerSid: string, names: { activitySid?: string; channelSid?: string }, frame: string): unknown;
  sessionCount(): number;
}

const frame = (eventType: string, payload: unknown): string => JSON.stringify({ event_type: eventType, payload });

export function createEventFanout(engine: EventBridgeEngine, sink: FrameSink, ctx: PayloadContext): (event: DomainEvent) => void {
  return (event) => {
    const type = event.type;
    if (type.startsWith('reservation.')) {
      if (!event.reservationSid) return;
      // The current records (as the SDK always got them); a deleted task's are gone, and the
      // event's snapshot stands in.
      const reservation = engine.getReservation(event.reservationSid) ?? event.snapshot?.reservation;
      if (!reservation || !sink.hasSessions(reservation.workerSid)) return;
      const task = engine.getTask(reservation.taskSid) ?? event.snapshot?.task;
      if (!task) return;
      sink.publishReservation(reservation.workerSid, type, reservation.sid, frame(type, reservationPayload(reservation, task, ctx)));
      return;
    }
    if (type === 'task.updated' || type === 'task.canceled' || type === 'task.completed' || type === 'task.wrapup') {
      if (!event.taskSid || sink.sessionCount() === 0) return;
      const task = engine.getTask(event.taskSid);
      if (!task) return;
      let text: string | null = null;
      const reached = new Set<string>();
      // The SDK updates every reservation it holds for the task, so each worker gets the task once.
      for (const reservation of engine.listReservations({ taskSid: event.taskSid })) {
        if (reached.has(reservation.workerSid) || !sink.hasSessions(reservation.workerSid)) continue;
        reached.add(reservation.workerSid);
        text ??= frame(type, taskPayload(task, ctx));
        sink.publish(reservation.workerSid, text);
      }
      return;
    }
    if (type === 'worker.activity.update' || type === 'worker.attributes.update') {
      if (!event.workerSid || !sink.hasSessions(event.workerSid)) return;
      const worker = engine.getWorker(event.workerSid);
      if (!worker) return;
      const text = frame(type, workerPayload(worker, ctx));
      if (type === 'worker.activity.update') sink.publishNaming(event.workerSid, { activitySid: worker.activitySid }, text);
      else sink.publish(event.workerSid, text);
      return;
    }
    if (type === 'worker.capacity.update') {
      if (!event.workerSid || !sink.hasSessions(event.workerSid)) return;
      const workerSid = event.workerSid;
      // The event does not say which channel changed; the SDK updates each one it is sent.
      for (const channel of engine.listWorkerChannels(workerSid)) {
        sink.publishNaming(workerSid, { channelSid: channel.sid }, frame(type, workerChannelPayload(channel, engine.assignedTasks(channel), ctx)));
      }
    }
    // task.created and task.deleted have no Worker SDK handler; they are not sent.
  };
}
