import type { Engine } from '../domain/engine';
import type { TaskRouterPort } from './twiml/twiml-host';
import { parseAttributes } from './task-router-voice-bridge';

/** TwiML's view of TaskRouter (tasks from <Enqueue workflowSid>, reservations for <Queue reservationSid>), on the engine. */
export function taskRouterPort(engine: Engine): TaskRouterPort {
  return {
    createTask({ workflowSid, attributes, priority, timeout }) {
      const created = engine.createTask({
        WorkflowSid: workflowSid,
        TaskChannel: 'voice',
        Attributes: JSON.stringify(attributes),
        ...(priority !== null ? { Priority: String(priority) } : {}),
        ...(timeout !== null ? { Timeout: String(timeout) } : {}),
      });
      return created.ok ? { ok: true, taskSid: created.value.sid } : { ok: false, message: created.error.message };
    },
    reservation(sid) {
      const r = engine.getReservation(sid);
      return r ? { status: r.status, taskSid: r.taskSid, workerSid: r.workerSid } : undefined;
    },
    taskCallSid(taskSid) {
      const task = engine.getTask(taskSid);
      const callSid = task ? parseAttributes(task.attributes)['call_sid'] : undefined;
      return typeof callSid === 'string' ? callSid : undefined;
    },
    acceptReservation(sid) {
      const result = engine.updateReservation(sid, { ReservationStatus: 'accepted' });
      return result.ok ? { ok: true } : { ok: false, message: result.error.message };
    },
  };
}
