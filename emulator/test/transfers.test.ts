import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { activitySid, onlyAvailable, repoRoot, useTestEmulator, waitFor, workerSid, workspaceOf } from '../test-support/index';

/**
 * Transfers on plain TaskRouter (no Flex): a transfer is a new task whose attributes name
 * the target (`transfer_target_type` worker|queue, `transfer_target_sid`), routed by the
 * workflow's transfer filters — Known Agent Routing for a worker, one filter per queue —
 * which the demo workspace is seeded with and docs/transfers-workflow.md gives as a recipe.
 */

const env = useTestEmulator({ workers: 3 });

const queueSid = async (name: string) => (await workspaceOf(env).taskQueues.list({ friendlyName: name }))[0]!.sid;

function transferAttributes(type: 'worker' | 'queue', sid: string): Record<string, unknown> {
  return {
    transfer_target_type: type,
    transfer_target_sid: sid,
    transfer_mode: 'cold',
    conference_sid: `CF${'c'.repeat(32)}`,
    original_task_sid: `WT${'d'.repeat(32)}`,
    transferred_by_worker_sid: workerSid(env, 0),
    // The caller's fields, copied from the original task.
    from: '+15550100001',
    caller_name: 'Casey Caller',
    queue: 'Support',
  };
}

async function createTransfer(type: 'worker' | 'queue', sid: string) {
  return workspaceOf(env).tasks.create({ workflowSid: env.ready.workflowSid, taskChannel: 'voice', attributes: JSON.stringify(transferAttributes(type, sid)) });
}

const reservationsOf = (taskSid: string) => env.running.engine.listReservations({ taskSid });

describe('transfer routing in the seeded workflow', () => {
  it('a worker transfer reaches exactly the named worker, and no one else when they decline', async () => {
    // Everyone is available; Alice is the longest idle and in every queue, Bob is the target.
    await onlyAvailable(env, [workerSid(env, 0), workerSid(env, 1), workerSid(env, 2)]);
    const bob = workerSid(env, 1);
    const task = await createTransfer('worker', bob);
    expect(task.taskQueueSid).toBe(await queueSid('Everyone'));
    const reservation = await waitFor(() => reservationsOf(task.sid)[0], { description: 'the transfer reserved' });
    expect(reservation.workerSid).toBe(bob);
    expect(reservationsOf(task.sid)).toHaveLength(1);

    await workspaceOf(env).tasks(task.sid).reservations(reservation.sid).update({ reservationStatus: 'rejected', workerActivitySid: activitySid(env, 'Break') });
    // Alice and Chandra are still available, but the task waits for Bob.
    expect(reservationsOf(task.sid).map((r) => r.workerSid)).toEqual([bob]);
    expect((await workspaceOf(env).tasks(task.sid).fetch()).assignmentStatus).toBe('pending');
    await workspaceOf(env).workers(bob).update({ activitySid: activitySid(env, 'Available') });
    const again = await waitFor(() => reservationsOf(task.sid).find((r) => r.status === 'pending'), { description: 'offered to Bob again' });
    expect(again.workerSid).toBe(bob);
  });

  it('a queue transfer reaches that queue\'s workers only', async () => {
    // Chandra (sales, support) is available and idle longest; Bob (support, billing) too.
    await onlyAvailable(env, [workerSid(env, 2), workerSid(env, 1)]);
    const billing = await createTransfer('queue', await queueSid('Billing'));
    expect(billing.taskQueueSid).toBe(await queueSid('Billing'));
    const toBilling = await waitFor(() => reservationsOf(billing.sid)[0], { description: 'the Billing transfer reserved' });
    expect(toBilling.workerSid).toBe(workerSid(env, 1));

    const sales = await createTransfer('queue', await queueSid('Sales'));
    expect(sales.taskQueueSid).toBe(await queueSid('Sales'));
    const toSales = await waitFor(() => reservationsOf(sales.sid)[0], { description: 'the Sales transfer reserved' });
    expect(toSales.workerSid).toBe(workerSid(env, 2));
  });

  it('seeds the transfer filters ahead of the inbound ones, with an Everyone queue', async () => {
    const config = JSON.parse((await workspaceOf(env).workflows(env.ready.workflowSid).fetch()).configuration) as { task_routing: { filters: { filter_friendly_name: string; expression: string; targets: Record<string, unknown>[] }[] } };
    const names = config.task_routing.filters.map((f) => f.filter_friendly_name);
    expect(names.slice(0, 5)).toEqual(['Transfer to a worker', 'Transfer to Support', 'Transfer to Sales', 'Transfer to Billing', 'Transfer to Everyone']);
    expect(config.task_routing.filters[0]!.targets[0]).toEqual({ queue: await queueSid('Everyone'), known_worker_sid: 'task.transfer_target_sid' });
    expect((await workspaceOf(env).taskQueues(await queueSid('Everyone')).fetch()).targetWorkers).toBe('1==1');
  });
});

describe('workflow targets', () => {
  async function workflowWith(targets: Record<string, unknown>[]) {
    return workspaceOf(env).workflows.create({ friendlyName: `Targets ${Math.random()}`, configuration: JSON.stringify({ task_routing: { filters: [{ expression: '1==1', targets }] } }) });
  }

  it('a target expression over task. and worker. attributes narrows the queue\'s workers', async () => {
    await onlyAvailable(env, [workerSid(env, 0), workerSid(env, 1), workerSid(env, 2)]);
    const wf = await workflowWith([{ queue: await queueSid('Everyone'), expression: 'task.language IN worker.languages' }]);
    const task = await workspaceOf(env).tasks.create({ workflowSid: wf.sid, attributes: JSON.stringify({ language: 'hi' }) });
    const reservation = await waitFor(() => reservationsOf(task.sid)[0], { description: 'the Hindi speaker reserved' });
    expect(reservation.workerSid).toBe(workerSid(env, 2));
  });

  it('known_worker_friendly_name routes by the worker\'s friendly name', async () => {
    await onlyAvailable(env, [workerSid(env, 0), workerSid(env, 1)]);
    const wf = await workflowWith([{ queue: await queueSid('Everyone'), known_worker_friendly_name: 'task.agent_name' }]);
    const task = await workspaceOf(env).tasks.create({ workflowSid: wf.sid, attributes: JSON.stringify({ agent_name: env.ready.workers[1]!.friendlyName }) });
    expect((await waitFor(() => reservationsOf(task.sid)[0])).workerSid).toBe(workerSid(env, 1));
  });

  it('refuses known-worker values that do not name a task attribute, and both keys at once', async () => {
    const everyone = await queueSid('Everyone');
    await expect(workflowWith([{ queue: everyone, known_worker_sid: workerSid(env, 1) }])).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/known_worker_sid must name a task attribute/) });
    await expect(workflowWith([{ queue: everyone, known_worker_sid: 'task.a', known_worker_friendly_name: 'task.b' }])).rejects.toMatchObject({ status: 400 });
    await expect(workflowWith([{ queue: everyone, expression: 'worker.skills HAS' }])).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/target expression/) });
  });
});

describe('docs/transfers-workflow.md', () => {
  it('gives a configuration TaskRouter accepts once its placeholders are filled in', async () => {
    const doc = readFileSync(path.join(repoRoot, 'docs', 'transfers-workflow.md'), 'utf8');
    const block = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(block, 'a ```json block').toBeDefined();
    const sids: Record<string, string> = {
      WQ_EVERYONE: await queueSid('Everyone'),
      WQ_SUPPORT: await queueSid('Support'),
      WQ_SALES: await queueSid('Sales'),
      WQ_BILLING: await queueSid('Billing'),
    };
    const configuration = block!.replace(/<(WQ_[A-Z]+)>/g, (_match, name: string) => sids[name] ?? name);
    expect(configuration).not.toMatch(/<WQ_/);
    const wf = await workspaceOf(env).workflows.create({ friendlyName: 'From the docs', configuration });
    await onlyAvailable(env, [workerSid(env, 0), workerSid(env, 2)]);
    const task = await workspaceOf(env).tasks.create({ workflowSid: wf.sid, attributes: JSON.stringify(transferAttributes('worker', workerSid(env, 2))) });
    expect((await waitFor(() => reservationsOf(task.sid)[0])).workerSid).toBe(workerSid(env, 2));
  });
});
