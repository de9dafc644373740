import { describe, expect, it } from 'vitest';
import { DemoTraffic } from './traffic';
import { makeEngine } from '../domain/test-fixture';
import { IdFactory } from '../domain/ids';

function demo(workers = 3) {
  const fixture = makeEngine({ workers });
  const traffic = new DemoTraffic({ engine: fixture.engine, clock: fixture.clock, ids: new IdFactory(3), agentSid: fixture.workers[0]!, workflowSid: fixture.engine.listWorkflows()[0]!.sid });
  return { ...fixture, traffic };
}

describe('demo traffic', () => {
  it('offers the first call to the app agent within 3 seconds, with believable attributes', () => {
    const { engine, clock, workers, traffic } = demo();
    traffic.start();
    clock.advance(3_000);
    const offers = engine.listReservations({ workerSid: workers[0]!, status: 'pending' });
    expect(offers).toHaveLength(1);
    const attributes = JSON.parse(engine.getTask(offers[0]!.taskSid)!.attributes) as Record<string, unknown>;
    expect(attributes).toMatchObject({ type: 'inbound', to: '+15555550100' });
    expect(attributes['caller_name']).toMatch(/^[A-Z][a-z]+/);
    expect(attributes['from']).toMatch(/^\+1555555\d{4}$/);
    expect(attributes['call_sid']).toMatch(/^CA[0-9a-f]{32}$/);
    expect(typeof attributes['reason']).toBe('string');
    expect(['Support', 'Sales', 'Billing']).toContain(attributes['queue']);
    traffic.stop();
  });

  it('colleagues answer their offers and finish their calls; the agent is never driven', async () => {
    const { engine, clock, workers, traffic } = demo();
    traffic.start();
    // Ten simulated minutes, in one-second steps; between steps the simulated
    // voice bridge's answers (promises) get to settle.
    for (let i = 0; i < 600; i++) {
      clock.advance(1_000);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const colleagues = engine.listReservations().filter((r) => r.workerSid !== workers[0]);
    expect(colleagues.length).toBeGreaterThan(0);
    expect(colleagues.some((r) => r.status === 'completed')).toBe(true);
    const agent = engine.listReservations({ workerSid: workers[0]! });
    expect(agent.every((r) => r.status === 'pending' || r.status === 'timeout' || r.status === 'canceled')).toBe(true);
    expect(traffic.state()).toMatchObject({ mode: 'demo' });
    expect(traffic.state().tasksCreated).toBeGreaterThan(10);
    traffic.stop();
    const created = traffic.state().tasksCreated;
    clock.advance(600_000);
    expect(traffic.state().tasksCreated).toBe(created);
  });
});
