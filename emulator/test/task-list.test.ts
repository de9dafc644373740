import { describe, expect, it } from 'vitest';
import { callTaskAttributes, useTestEmulator, waitForTaskReservation, workspaceOf } from '../test-support/index';

/**
 * The Tasks list through the official `twilio` library: every filter Twilio
 * documents, and how long finished tasks stay listable (Twilio deletes a task
 * five minutes after it is completed or canceled).
 */

const env = useTestEmulator({ workers: 1 }, { onlyAvailable: [] });

const RETURNING = '+15555550101';

async function createTask(attributes: Record<string, unknown>, priority = 0) {
  const task = await workspaceOf(env).tasks.create({ workflowSid: env.ready.workflowSid, taskChannel: 'voice', attributes: JSON.stringify(attributes), priority });
  // Distinct creation times, so ordering by DateCreated is unambiguous.
  await env.advance(1_000);
  return task;
}

describe('the Tasks list', () => {
  it('finds the previous contacts of a caller with EvaluateTaskAttributes, newest first', async () => {
    const first = await createTask(callTaskAttributes({ from: RETURNING, caller_name: 'Ada' }));
    await createTask(callTaskAttributes({ from: '+15555550199' }));
    const second = await createTask(callTaskAttributes({ from: RETURNING, caller_name: 'Ada' }));
    await workspaceOf(env).tasks(first.sid).update({ assignmentStatus: 'canceled', reason: 'caller hung up' });

    const contacts = await workspaceOf(env).tasks.list({ evaluateTaskAttributes: `from == "${RETURNING}"`, ordering: 'DateCreated:desc' });
    expect(contacts.map((t) => t.sid)).toEqual([second.sid, first.sid]);
    const finished = await workspaceOf(env).tasks.list({ evaluateTaskAttributes: `from == "${RETURNING}"`, assignmentStatus: ['canceled', 'completed'] });
    expect(finished.map((t) => t.sid)).toEqual([first.sid]);
    const nested = await workspaceOf(env).tasks.list({ evaluateTaskAttributes: `caller_name == "Ada" AND from IN ["${RETURNING}", "+15555550000"]` });
    expect(nested).toHaveLength(2);
  });

  it('orders by several keys (Priority:desc,DateCreated:asc) and by default by ascending DateCreated', async () => {
    const low = await createTask({ n: 1 }, 1);
    const highOld = await createTask({ n: 2 }, 9);
    const highNew = await createTask({ n: 3 }, 9);
    const ws = workspaceOf(env);
    expect((await ws.tasks.list()).map((t) => t.sid)).toEqual([low.sid, highOld.sid, highNew.sid]);
    expect((await ws.tasks.list({ ordering: 'Priority:desc,DateCreated:asc' })).map((t) => t.sid)).toEqual([highOld.sid, highNew.sid, low.sid]);
    expect((await ws.tasks.list({ ordering: 'Priority:desc,DateCreated:desc' })).map((t) => t.sid)).toEqual([highNew.sid, highOld.sid, low.sid]);
    expect((await ws.tasks.list({ ordering: 'Priority:asc' })).map((t) => t.sid)).toEqual([low.sid, highOld.sid, highNew.sid]);
    expect((await ws.tasks.list({ ordering: 'VirtualStartTime:desc' })).map((t) => t.sid)).toEqual([highNew.sid, highOld.sid, low.sid]);
    // Paging keeps the order.
    expect((await ws.tasks.list({ ordering: 'Priority:desc,DateCreated:asc', pageSize: 1 })).map((t) => t.sid)).toEqual([highOld.sid, highNew.sid, low.sid]);
  });

  it('filters by Priority, HasAddons and RoutingTarget', async () => {
    const urgent = await createTask({ n: 1 }, 7);
    await createTask({ n: 2 }, 0);
    const ws = workspaceOf(env);
    expect((await ws.tasks.list({ priority: 7 })).map((t) => t.sid)).toEqual([urgent.sid]);
    // The emulator runs no Add-ons: no task has any.
    expect(await ws.tasks.list({ hasAddons: true })).toHaveLength(0);
    expect(await ws.tasks.list({ hasAddons: false })).toHaveLength(2);
    // None of these tasks was created with a RoutingTarget.
    expect(await ws.tasks.list({ routingTarget: env.ready.workers[0]!.sid })).toHaveLength(0);
  });

  it('refuses malformed filters with a Twilio 400 naming the parameter', async () => {
    const ws = workspaceOf(env);
    await expect(ws.tasks.list({ ordering: 'Priority' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('Ordering') });
    await expect(ws.tasks.list({ ordering: 'Age:desc' })).rejects.toMatchObject({ status: 400 });
    await expect(ws.tasks.list({ ordering: 'DateCreated:asc,VirtualStartTime:desc' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('cannot be combined') });
    await expect(ws.tasks.list({ assignmentStatus: ['waiting'] })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('AssignmentStatus') });
    await expect(ws.tasks.list({ evaluateTaskAttributes: 'from == ' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('EvaluateTaskAttributes') });
    const raw = async (query: string) => (await env.twilioFetch(`/v1/Workspaces/${env.ready.workspaceSid}/Tasks?${query}`)).status;
    expect(await raw('Priority=high')).toBe(400);
    expect(await raw('HasAddons=maybe')).toBe(400);
    expect(await raw('WorkflowSid=WWnope')).toBe(400);
    expect(await raw('TaskQueueSid=WQnope')).toBe(400);
  });
});

describe('how long tasks stay', () => {
  it('deletes a completed or canceled task (and its reservations) five minutes after it ended', async () => {
    const ws = workspaceOf(env);
    await ws.workers(env.ready.workers[0]!.sid).update({ activitySid: env.ready.activities['Available'] });
    const done = await createTask(callTaskAttributes({ from: RETURNING }));
    const reservation = await waitForTaskReservation(env, done.sid);
    await ws.tasks(done.sid).reservations(reservation.sid).update({ reservationStatus: 'accepted' });
    await ws.tasks(done.sid).update({ assignmentStatus: 'completed', reason: 'resolved' });
    const dropped = await createTask(callTaskAttributes({ from: RETURNING }));
    await ws.tasks(dropped.sid).update({ assignmentStatus: 'canceled', reason: 'caller hung up' });

    await env.advance(4 * 60_000);
    expect((await ws.tasks.list({ evaluateTaskAttributes: `from == "${RETURNING}"` })).map((t) => t.sid)).toEqual([done.sid, dropped.sid]);
    await env.advance(59_500);
    // `done` ended one second before `dropped`: five minutes later it is gone, `dropped` not yet.
    expect((await ws.tasks.list({ evaluateTaskAttributes: `from == "${RETURNING}"` })).map((t) => t.sid)).toEqual([dropped.sid]);
    await expect(ws.tasks(done.sid).fetch()).rejects.toMatchObject({ status: 404 });
    await expect(ws.workers(env.ready.workers[0]!.sid).reservations(reservation.sid).fetch()).rejects.toMatchObject({ status: 404 });
    await env.advance(1_000);
    expect(await ws.tasks.list({ evaluateTaskAttributes: `from == "${RETURNING}"` })).toHaveLength(0);
    expect((await ws.events.list({ eventType: 'task.deleted' })).map((e) => e.resourceSid).sort()).toEqual([done.sid, dropped.sid].sort());
    expect((await ws.cumulativeStatistics().fetch()).tasksDeleted).toBe(2);
  });

  it('keeps a waiting or assigned task, and deletes one still assigned after 24 hours', async () => {
    const ws = workspaceOf(env);
    const waiting = await createTask({ n: 1 });
    await ws.workers(env.ready.workers[0]!.sid).update({ activitySid: env.ready.activities['Available'] });
    const reservation = await waitForTaskReservation(env, waiting.sid);
    await ws.tasks(waiting.sid).reservations(reservation.sid).update({ reservationStatus: 'accepted' });
    await env.advance(23 * 3_600_000);
    expect((await ws.tasks(waiting.sid).fetch()).assignmentStatus).toBe('assigned');
    await env.advance(3_600_000);
    await expect(ws.tasks(waiting.sid).fetch()).rejects.toMatchObject({ status: 404 });
  });
});
