import { describe, expect, it } from 'vitest';
import { activitySid, callTaskAttributes, useTestEmulator, waitForTaskReservation, workerSid, workspaceOf, type TestEmulator } from '../test-support/index';

/**
 * TaskRouter's Statistics resources through the official `twilio` library,
 * every response checked against Twilio's OpenAPI spec (useTestEmulator's
 * afterEach). The spec leaves the nested objects untyped, so the tests assert
 * their fields and values from a scenario whose every second is known.
 */

const env = useTestEmulator({ workers: 2 }, { onlyAvailable: [0] });

const queueSid = async (name: string) => (await workspaceOf(env).taskQueues.list({ friendlyName: name }))[0]!.sid;

async function createTask(attributes: Record<string, unknown>, priority = 0, taskChannel = 'voice') {
  return workspaceOf(env).tasks.create({ workflowSid: env.ready.workflowSid, taskChannel, attributes: JSON.stringify(attributes), priority });
}

/**
 * A scenario with known timings (manual clock, seconds after start):
 *   0  task A (Support) reserved to worker 0;   10  A accepted (waited 10 s)
 *  10  task B (Sales) waits: worker 0 is busy;  40  B canceled (waited 30 s), A completed
 *  40  task C (Support): worker 0 rejects the first offer and gets a second one
 * 160  the second offer times out (worker 0 → Missed); 180  C canceled (waited 140 s)
 */
async function runScenario(t: TestEmulator) {
  const ws = workspaceOf(t);
  const startedAt = (await t.admin.clock()).body.now;
  if (startedAt === undefined) throw new Error('GET /emulator/clock answered no time');
  const a = await createTask(callTaskAttributes({ queue: 'Support' }), 5);
  const ra = await waitForTaskReservation(t, a.sid);
  await t.advance(10_000);
  await ws.tasks(a.sid).reservations(ra.sid).update({ reservationStatus: 'accepted' });
  const b = await createTask(callTaskAttributes({ queue: 'Sales' }), 1);
  await t.advance(30_000);
  await ws.tasks(b.sid).update({ assignmentStatus: 'canceled', reason: 'caller hung up' });
  await ws.tasks(a.sid).update({ assignmentStatus: 'completed', reason: 'resolved' });
  const c = await createTask(callTaskAttributes({ queue: 'Support' }));
  const rc1 = await waitForTaskReservation(t, c.sid);
  await ws.tasks(c.sid).reservations(rc1.sid).update({ reservationStatus: 'rejected' });
  await waitForTaskReservation(t, c.sid, 'pending', [rc1.sid]);
  await t.advance(120_000);
  const atTimeout = await ws.realTimeStatistics().fetch();
  await t.advance(20_000);
  await ws.tasks(c.sid).update({ assignmentStatus: 'canceled', reason: 'caller hung up' });
  return { startedAt, a, b, c, atTimeout };
}

describe('workspace statistics', () => {
  it('counts tasks and reservations, and measures waits, over the default 15 minutes', async () => {
    await runScenario(env);
    const cumulative = await workspaceOf(env).cumulativeStatistics().fetch({ splitByWaitTime: '60' });
    expect(cumulative).toMatchObject({
      tasksCreated: 3,
      tasksCanceled: 2,
      tasksCompleted: 1,
      tasksDeleted: 0,
      tasksMoved: 0,
      tasksTimedOutInWorkflow: 0,
      reservationsCreated: 3,
      reservationsAccepted: 1,
      reservationsRejected: 1,
      reservationsTimedOut: 1,
      reservationsCanceled: 0,
      reservationsRescinded: 0,
      avgTaskAcceptanceTime: 10,
      waitDurationUntilAccepted: { avg: 10, min: 10, max: 10, total: 10 },
      waitDurationUntilCanceled: { avg: 85, min: 30, max: 140, total: 170 },
      splitByWaitTime: { '60': { below: { tasks_canceled: 1, reservations_accepted: 1 }, above: { tasks_canceled: 1, reservations_accepted: 0 } } },
    });
    expect(cumulative.endTime.getTime() - cumulative.startTime.getTime()).toBe(15 * 60_000);
  });

  it('shows live tasks by status and priority, the longest waiting task, and workers by activity', async () => {
    const { c, atTimeout } = await runScenario(env);
    // At 160 s task C (created at 40 s) was the only one waiting.
    expect(atTimeout).toMatchObject({ longestTaskWaitingSid: c.sid, longestTaskWaitingAge: 120, totalWorkers: 2 });
    const realtime = await workspaceOf(env).realTimeStatistics().fetch();
    // Completed and canceled tasks stay (for five minutes) and are counted.
    expect(realtime.tasksByStatus).toEqual({ pending: 0, reserved: 0, assigned: 0, wrapping: 0, completed: 1, canceled: 2 });
    expect(realtime.tasksByPriority).toEqual({ '5': 1, '1': 1, '0': 1 });
    expect(realtime).toMatchObject({ totalTasks: 3, longestTaskWaitingAge: 0, longestTaskWaitingSid: null, totalWorkers: 2 });
    const byActivity = Object.fromEntries((realtime.activityStatistics as { friendly_name: string; workers: number }[]).map((a) => [a.friendly_name, a.workers]));
    expect(byActivity).toEqual({ Available: 0, Offline: 1, Break: 0, Lunch: 0, 'Wrap Up': 0, Missed: 1 });

    const both = await workspaceOf(env).statistics().fetch({ minutes: 60 });
    expect(both.realtime).toMatchObject({ total_tasks: 3, total_workers: 2 });
    expect(both.cumulative).toMatchObject({ tasks_created: 3, reservations_timed_out: 1, wait_duration_until_canceled: { max: 140 } });
  });

  it('limits cumulative statistics to the window asked for: Minutes, or StartDate and EndDate', async () => {
    const { startedAt } = await runScenario(env);
    const ws = workspaceOf(env);
    // The last minute (120–180 s): the timeout at 160 s and C's cancel at 180 s.
    expect(await ws.cumulativeStatistics().fetch({ minutes: 1 })).toMatchObject({ tasksCreated: 0, reservationsCreated: 0, reservationsTimedOut: 1, tasksCanceled: 1 });
    // The first 20 seconds: A and B created, A's offer made and accepted.
    const early = await ws.cumulativeStatistics().fetch({ startDate: new Date(Math.floor(startedAt / 1000) * 1000), endDate: new Date(startedAt + 20_000) });
    expect(early).toMatchObject({ tasksCreated: 2, reservationsCreated: 1, reservationsAccepted: 1, tasksCanceled: 0 });
  });

  it('filters by task channel', async () => {
    await runScenario(env);
    await createTask({ queue: 'Support' }, 0, 'chat');
    const chat = await workspaceOf(env).cumulativeStatistics().fetch({ taskChannel: 'chat' });
    expect(chat).toMatchObject({ tasksCreated: 1, reservationsCreated: 0, tasksCanceled: 0 });
    const voiceSid = (await workspaceOf(env).taskChannels('voice').fetch()).sid;
    const voice = await workspaceOf(env).cumulativeStatistics().fetch({ taskChannel: voiceSid });
    expect(voice).toMatchObject({ tasksCreated: 3, tasksCanceled: 2, reservationsCreated: 3 });
    const chatNow = await workspaceOf(env).realTimeStatistics().fetch({ taskChannel: 'chat' });
    expect(chatNow.totalTasks).toBe(1);
  });

  it('refuses Minutes together with StartDate, bad dates, thresholds and channels with a Twilio 400, and stays usable', async () => {
    const ws = workspaceOf(env);
    await expect(ws.cumulativeStatistics().fetch({ minutes: 5, startDate: new Date() })).rejects.toMatchObject({ status: 400, code: 20001, message: expect.stringContaining('Minutes cannot be used in combination with StartDate and EndDate') });
    await expect(ws.statistics().fetch({ minutes: 0 })).rejects.toMatchObject({ status: 400 });
    const raw = async (query: string) => (await env.twilioFetch(`/v1/Workspaces/${env.ready.workspaceSid}/CumulativeStatistics?${query}`)).status;
    expect(await raw('StartDate=yesterday')).toBe(400);
    expect(await raw('StartDate=2026-01-05T10:00:00Z&EndDate=2026-01-05T09:00:00Z')).toBe(400);
    expect(await raw('SplitByWaitTime=5,abc')).toBe(400);
    expect(await raw('TaskChannel=carrier-pigeon')).toBe(400);
    expect(await raw('Minutes=5&Minutes=6')).toBe(400);
    expect((await ws.cumulativeStatistics().fetch({ minutes: 5 })).tasksCreated).toBe(0);
  });
});

describe('task queue statistics', () => {
  it('scopes counts to the queue and reports its eligible and available workers', async () => {
    await runScenario(env);
    const support = await queueSid('Support');
    const sales = await queueSid('Sales');
    const supportStats = await workspaceOf(env).taskQueues(support).cumulativeStatistics().fetch();
    expect(supportStats).toMatchObject({ taskQueueSid: support, tasksEntered: 2, tasksCanceled: 1, tasksCompleted: 1, reservationsCreated: 3, reservationsAccepted: 1, waitDurationInQueueUntilAccepted: { max: 10 } });
    const salesStats = await workspaceOf(env).taskQueues(sales).cumulativeStatistics().fetch();
    expect(salesStats).toMatchObject({ tasksEntered: 1, tasksCanceled: 1, reservationsCreated: 0, waitDurationUntilCanceled: { total: 30 } });

    const salesNow = await workspaceOf(env).taskQueues(sales).realTimeStatistics().fetch();
    // Sales targets skills HAS "sales": only Alice (worker 0), who is in Missed now.
    expect(salesNow).toMatchObject({ totalEligibleWorkers: 1, totalAvailableWorkers: 0, totalTasks: 1, tasksByStatus: { canceled: 1, pending: 0 } });
    const supportNow = await workspaceOf(env).taskQueues(support).statistics().fetch();
    expect(supportNow.realtime).toMatchObject({ total_eligible_workers: 2, total_tasks: 2 });
    expect(supportNow.cumulative).toMatchObject({ tasks_entered: 2, reservations_timed_out: 1 });

    const all = await workspaceOf(env).taskQueues.statistics.list();
    expect(all.map((s) => s.taskQueueSid).sort()).toEqual((await workspaceOf(env).taskQueues.list()).map((q) => q.sid).sort());
    const onlySales = await workspaceOf(env).taskQueues.statistics.list({ friendlyName: 'Sales' });
    expect(onlySales.map((s) => (s.cumulative as { tasks_entered: number }).tasks_entered)).toEqual([1]);
    // Paged one at a time, the list still reaches every queue (Support, Sales, Billing and the transfers' Everyone).
    expect((await workspaceOf(env).taskQueues.statistics.list({ pageSize: 1 })).length).toBe(all.length);
  });

  it('counts a task moved to another queue as moved out of one and entered into the other', async () => {
    const ws = workspaceOf(env);
    await ws.workers(workerSid(env, 0)).update({ activitySid: activitySid(env, 'Offline') });
    const task = await createTask({ queue: 'Support' });
    await env.advance(5_000);
    await ws.tasks(task.sid).update({ attributes: JSON.stringify({ queue: 'Sales' }) });
    await env.advance(3_000);
    const [support, sales] = [await queueSid('Support'), await queueSid('Sales')];
    expect(await ws.taskQueues(support).cumulativeStatistics().fetch()).toMatchObject({ tasksEntered: 1, tasksMoved: 1 });
    expect(await ws.taskQueues(sales).cumulativeStatistics().fetch()).toMatchObject({ tasksEntered: 1, tasksMoved: 0 });
    expect(await ws.cumulativeStatistics().fetch()).toMatchObject({ tasksCreated: 1, tasksMoved: 1 });
    // Its age counts from creation; its time in the queue from the move.
    expect(await ws.taskQueues(sales).realTimeStatistics().fetch()).toMatchObject({ longestTaskWaitingSid: task.sid, longestTaskWaitingAge: 8, longestRelativeTaskSidInQueue: task.sid, longestRelativeTaskAgeInQueue: 3 });
    expect(await ws.taskQueues(support).realTimeStatistics().fetch()).toMatchObject({ totalTasks: 0, longestTaskWaitingSid: null });
  });

  it('answers the bulk real-time POST (JSON body) for up to 50 queues, zeros for a SID of no queue', async () => {
    const support = await queueSid('Support');
    await createTask(callTaskAttributes({ queue: 'Support' }));
    await createTask(callTaskAttributes({ queue: 'Support' }));
    const unknown = `WQ${'0'.repeat(32)}`;
    const bulk = await workspaceOf(env).taskQueues.bulkRealTimeStatistics.create({ QueueSids: [support, unknown] });
    expect(bulk.taskQueueResponseCount).toBe(2);
    const [supportData, unknownData] = bulk.taskQueueData as Record<string, unknown>[];
    expect(supportData).toMatchObject({ task_queue_sid: support, total_tasks: 2, total_eligible_workers: 2, total_available_workers: 1, tasks_by_status: { reserved: 1, pending: 1 } });
    expect(unknownData).toMatchObject({ task_queue_sid: unknown, total_tasks: 0, total_eligible_workers: 0, longest_task_waiting_sid: null });
    const bad = async (body: unknown) =>
      fetch(`${env.ready.url}/v1/Workspaces/${env.ready.workspaceSid}/TaskQueues/RealTimeStatistics`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${env.ready.accountSid}:${env.ready.authToken}`).toString('base64')}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.status);
    expect(await bad({ queueSids: [] })).toBe(400);
    expect(await bad({ queueSids: ['not-a-sid'] })).toBe(400);
    expect(await bad({ queueSids: Array.from({ length: 51 }, () => support) })).toBe(400);
    expect(await bad({ queueSids: [support] })).toBe(200);
  });

  it('answers 404 for a queue that does not exist and 400 for a malformed SID', async () => {
    await expect(workspaceOf(env).taskQueues(`WQ${'0'.repeat(32)}`).statistics().fetch()).rejects.toMatchObject({ status: 404 });
    expect((await env.twilioFetch(`/v1/Workspaces/${env.ready.workspaceSid}/TaskQueues/WQnope/RealTimeStatistics`)).status).toBe(400);
  });
});

describe('worker statistics', () => {
  it('measures time in each activity and counts each worker’s reservations', async () => {
    await runScenario(env);
    const alice = await workspaceOf(env).workers(workerSid(env, 0)).statistics().fetch();
    const cumulative = alice.cumulative as Record<string, unknown> & { activity_durations: { friendly_name: string; total: number; min: number; max: number; avg: number }[] };
    expect(cumulative).toMatchObject({ reservations_created: 3, reservations_accepted: 1, reservations_rejected: 1, reservations_timed_out: 1, reservations_canceled: 0, reservations_rescinded: 0 });
    const durations = Object.fromEntries(cumulative.activity_durations.map((d) => [d.friendly_name, d]));
    expect(durations['Available']).toMatchObject({ total: 160, min: 160, max: 160, avg: 160 });
    expect(durations['Missed']).toMatchObject({ total: 20 });
    expect(durations['Offline']).toMatchObject({ total: 0 });
    expect(alice.workerSid).toBe(workerSid(env, 0));

    const bob = await workspaceOf(env).workers(workerSid(env, 1)).statistics().fetch();
    expect(bob.cumulative).toMatchObject({ reservations_created: 0 });
    expect((bob.cumulative as typeof cumulative).activity_durations.find((d) => d.friendly_name === 'Offline')).toMatchObject({ total: 180 });
  });

  it('aggregates all workers, filtered by queue or name, in real time and cumulatively', async () => {
    await runScenario(env);
    const ws = workspaceOf(env);
    const all = await ws.workers.cumulativeStatistics().fetch();
    expect(all).toMatchObject({ reservationsCreated: 3, reservationsTimedOut: 1 });
    const offline = (all.activityDurations as { friendly_name: string; total: number }[]).find((d) => d.friendly_name === 'Offline');
    expect(offline?.total).toBe(180);
    const now = await ws.workers.realTimeStatistics().fetch();
    expect(now.totalWorkers).toBe(2);
    const sales = await ws.workers.statistics().fetch({ taskQueueName: 'Sales' });
    expect(sales.realtime).toMatchObject({ total_workers: 1 });
    const bobOnly = await ws.workers.statistics().fetch({ friendlyName: 'bob banks' });
    expect(bobOnly.realtime).toMatchObject({ total_workers: 1 });
    expect(bobOnly.cumulative).toMatchObject({ reservations_created: 0 });
    await expect(ws.workers.statistics().fetch({ taskQueueSid: `WQ${'0'.repeat(32)}` })).rejects.toMatchObject({ status: 400 });
    await expect(ws.workers(`WK${'0'.repeat(32)}`).statistics().fetch()).rejects.toMatchObject({ status: 404 });
  });

  it('counts time up to now in the current activity, moving with the clock', async () => {
    const ws = workspaceOf(env);
    await env.advance(60_000);
    await ws.workers(workerSid(env, 0)).update({ activitySid: activitySid(env, 'Break') });
    await env.advance(30_000);
    const stats = await ws.workers(workerSid(env, 0)).statistics().fetch({ minutes: 1 });
    const durations = Object.fromEntries((stats.cumulative as { activity_durations: { friendly_name: string; total: number }[] }).activity_durations.map((d) => [d.friendly_name, d.total]));
    // The last minute: 30 s still Available, then 30 s on Break.
    expect(durations).toMatchObject({ Available: 30, Break: 30 });
  });
});

describe('workflow statistics', () => {
  it('counts the workflow’s tasks and reservations', async () => {
    await runScenario(env);
    const ws = workspaceOf(env);
    const cumulative = await ws.workflows(env.ready.workflowSid).cumulativeStatistics().fetch();
    expect(cumulative).toMatchObject({ workflowSid: env.ready.workflowSid, tasksEntered: 3, tasksCanceled: 2, reservationsAccepted: 1, avgTaskAcceptanceTime: 10 });
    const realtime = await ws.workflows(env.ready.workflowSid).realTimeStatistics().fetch();
    expect(realtime).toMatchObject({ totalTasks: 3, longestTaskWaitingSid: null });
    const both = await ws.workflows(env.ready.workflowSid).statistics().fetch({ minutes: 2 });
    expect(both.cumulative).toMatchObject({ tasks_entered: 0, tasks_canceled: 1 });
    expect(both.realtime).toMatchObject({ total_tasks: 3 });
  });
});
