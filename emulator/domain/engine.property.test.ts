import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeEngine } from './test-fixture';
import type { Engine } from './engine';

/**
 * Random sequences of operations (valid and invalid) never throw and always
 * leave the engine consistent: a task is `reserved` exactly when it has a
 * pending reservation, at most one reservation of a task is accepted or
 * wrapping, no worker holds more tasks of a channel than its capacity, and
 * every reservation belongs to an existing task and worker.
 */

type Op =
  | { kind: 'createTask'; queue: string; priority: number }
  | { kind: 'reservation'; pick: number; params: Record<string, string> }
  | { kind: 'activity'; worker: number; activity: string; reject: boolean }
  | { kind: 'advance'; ms: number }
  | { kind: 'task'; pick: number; params: Record<string, string> }
  | { kind: 'maxReserved'; n: number };

const statusParams = fc.constantFrom<Record<string, string>>(
  { ReservationStatus: 'accepted' },
  { ReservationStatus: 'rejected' },
  { ReservationStatus: 'wrapping' },
  { ReservationStatus: 'completed' },
  { ReservationStatus: 'bogus' },
  { Instruction: 'call', CallFrom: '+15555550100', CallUrl: 'https://example.com/t', CallAccept: 'true' },
  { Instruction: 'redirect', RedirectCallSid: `CA${'a'.repeat(32)}`, RedirectUrl: 'https://example.com/r', RedirectAccept: 'true' },
  { Instruction: 'dequeue' },
  { Unknown: 'x' },
);

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('createTask' as const), queue: fc.constantFrom('Support', 'Sales', 'Billing', 'Nowhere'), priority: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('reservation' as const), pick: fc.nat(50), params: statusParams }),
  fc.record({ kind: fc.constant('activity' as const), worker: fc.nat(3), activity: fc.constantFrom('Available', 'Offline', 'Break'), reject: fc.boolean() }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 200_000 }) }),
  fc.record({
    kind: fc.constant('task' as const),
    pick: fc.nat(50),
    params: fc.constantFrom<Record<string, string>>({ AssignmentStatus: 'canceled' }, { AssignmentStatus: 'completed' }, { AssignmentStatus: 'wrapping' }, { Priority: '9' }, { Attributes: '{"queue":"Sales"}' }, { Attributes: 'nope' }),
  }),
  fc.record({ kind: fc.constant('maxReserved' as const), n: fc.integer({ min: 0, max: 60 }) }),
);

function checkInvariants(engine: Engine): void {
  const tasks = engine.listTasks();
  if (!tasks.ok) throw new Error('listTasks failed');
  for (const task of tasks.value) {
    const mine = engine.listReservations({ taskSid: task.sid });
    const pending = mine.filter((r) => r.status === 'pending').length;
    const working = mine.filter((r) => r.status === 'accepted' || r.status === 'wrapping').length;
    expect(working, `task ${task.sid} working reservations`).toBeLessThanOrEqual(1);
    if (task.assignmentStatus === 'reserved') expect(pending, `reserved task ${task.sid} has a pending reservation`).toBeGreaterThan(0);
    if (task.assignmentStatus === 'pending') expect(pending, `pending task ${task.sid} has no pending reservation`).toBe(0);
    if (['canceled', 'completed'].includes(task.assignmentStatus)) expect(pending).toBe(0);
    if (task.assignmentStatus === 'assigned' || task.assignmentStatus === 'wrapping') expect(pending).toBe(0);
  }
  for (const r of engine.listReservations()) {
    expect(engine.getTask(r.taskSid), `reservation ${r.sid} task`).toBeDefined();
    expect(engine.getWorker(r.workerSid), `reservation ${r.sid} worker`).toBeDefined();
  }
  const workers = engine.listWorkers();
  if (!workers.ok) throw new Error('listWorkers failed');
  for (const worker of workers.value) {
    for (const channel of engine.listWorkerChannels(worker.sid)) {
      const held = engine.listReservations({ workerSid: worker.sid }).filter((r) => ['pending', 'accepted', 'wrapping'].includes(r.status) && engine.getTask(r.taskSid)?.taskChannelSid === channel.taskChannelSid).length;
      expect(held, `${worker.friendlyName} on channel ${channel.taskChannelSid}`).toBeLessThanOrEqual(channel.capacity);
    }
  }
}

describe('engine invariants under random operations', () => {
  it('never throws and stays consistent', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const { engine, clock, workers, activity } = makeEngine({ workers: 4, reservationTimeoutSeconds: 60 });
        const support = engine.listTaskQueues().find((q) => q.friendlyName === 'Support')!;
        for (const o of ops) {
          const reservations = engine.listReservations();
          const tasks = engine.listTasks();
          switch (o.kind) {
            case 'createTask':
              engine.createTask({ Attributes: JSON.stringify({ queue: o.queue }), TaskChannel: 'voice', Priority: String(o.priority) });
              break;
            case 'reservation': {
              const r = reservations[o.pick % Math.max(1, reservations.length)];
              if (r) engine.updateReservation(r.sid, o.params, o.pick % 2 === 0 ? { workerSid: r.workerSid } : { taskSid: r.taskSid });
              break;
            }
            case 'activity':
              engine.updateWorker(workers[o.worker]!, { ActivitySid: activity(o.activity), ...(o.reject ? { RejectPendingReservations: 'true' } : {}) });
              break;
            case 'advance':
              clock.advance(o.ms);
              break;
            case 'task': {
              const list = tasks.ok ? tasks.value : [];
              const t = list[o.pick % Math.max(1, list.length)];
              if (t) engine.updateTask(t.sid, o.params);
              break;
            }
            case 'maxReserved':
              engine.updateTaskQueue(support.sid, { MaxReservedWorkers: String(o.n) });
              break;
          }
          checkInvariants(engine);
        }
      }),
      { numRuns: 150 },
    );
  });
});
