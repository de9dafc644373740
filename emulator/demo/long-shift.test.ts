import { describe, expect, it } from 'vitest';
import { makeEngine } from '../domain/test-fixture';
import { IdFactory } from '../domain/ids';
import { TERMINAL_TASK_RETENTION_MS } from '../domain/task-retention';
import { DemoTraffic } from './traffic';

describe('a long demo shift', () => {
  it('keeps memory bounded: finished tasks are deleted after five minutes, and the statistics still count them', async () => {
    const { engine, clock, workers } = makeEngine({ workers: 4 });
    const traffic = new DemoTraffic({ engine, clock, ids: new IdFactory(11), agentSid: workers[0]!, workflowSid: engine.listWorkflows()[0]!.sid });
    traffic.start(20);
    let mostTasks = 0;
    // Three simulated hours in five-second steps; between steps the simulated voice bridge's answers settle.
    for (let step = 0; step < (3 * 3_600) / 5; step++) {
      clock.advance(5_000);
      await new Promise((resolve) => setImmediate(resolve));
      const all = engine.listTasks();
      if (all.ok) mostTasks = Math.max(mostTasks, all.value.length);
    }
    traffic.stop();
    const created = traffic.state().tasksCreated;
    expect(created).toBeGreaterThan(400);
    // A call every 20 s, each kept for at most a few minutes of waiting or talking plus five minutes after it ends.
    expect(mostTasks).toBeLessThan(80);
    expect(engine.listReservations().length).toBeLessThan(100);
    const query = engine.statistics.parseQuery({ Minutes: '240' });
    if (!query.ok) throw new Error(query.error.message);
    const cumulative = engine.statistics.tasksCumulative({}, query.value);
    expect(cumulative.tasksCreated).toBe(created);
    expect(cumulative.tasksDeleted).toBeGreaterThan(created - mostTasks - 1);
    // Nothing finished is left once the retention has passed.
    clock.advance(TERMINAL_TASK_RETENTION_MS + 200_000);
    await new Promise((resolve) => setImmediate(resolve));
    const left = engine.listTasks();
    expect(left.ok && left.value.filter((t) => t.assignmentStatus === 'completed' || t.assignmentStatus === 'canceled')).toEqual([]);
  });
});
