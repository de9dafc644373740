import { SimClock } from './clock';
import { Engine } from './engine';
import { IdFactory } from './ids';
import { makeSeedPlan } from './seed';
import type { DomainEvent } from './types';

/** A seeded engine on a manual clock, for the domain's unit tests. */
export function makeEngine(options: { workers?: number; reservationTimeoutSeconds?: number } = {}) {
  const clock = new SimClock({ manual: true, startAt: Date.UTC(2026, 0, 5, 9, 0, 0) });
  const ids = new IdFactory(7);
  const accountSid = ids.sid('AC');
  const plan = makeSeedPlan(ids, { accountSid, workers: options.workers ?? 3, reservationTimeoutSeconds: options.reservationTimeoutSeconds ?? 120 });
  const engine = new Engine({ clock, ids, accountSid });
  engine.load(plan);
  const events: DomainEvent[] = [];
  engine.onEvent((e) => events.push(e));
  const activity = (name: string) => plan.activities.find((a) => a.friendlyName === name)!.sid;
  const workers = plan.workers.map((w) => w.sid);
  const createTask = (attributes: Record<string, unknown> = { queue: 'Support' }, extra: Record<string, string> = {}) => {
    const result = engine.createTask({ Attributes: JSON.stringify(attributes), TaskChannel: 'voice', ...extra });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const pendingFor = (taskSid: string) => engine.listReservations({ taskSid, status: 'pending' });
  const setActivity = (workerSid: string, name: string) => {
    const result = engine.updateWorker(workerSid, { ActivitySid: activity(name) });
    if (!result.ok) throw new Error(result.error.message);
  };
  return { clock, engine, plan, events, activity, workers, createTask, pendingFor, setActivity };
}
