import { describe, expect, it } from 'vitest';
import {
  callTaskAttributes,
  createReservedTask,
  onlyAvailable,
  useTestEmulator,
  waitFor,
  waitForReservationStatus,
  workerSid,
  workspaceOf,
} from '../test-support/index';

const env = useTestEmulator({ workers: 2 });

describe('tasks through the official library', () => {
  it('creates a task (201) whose attributes round-trip as a JSON string, and routes it', async () => {
    await onlyAvailable(env, [workerSid(env, 0)]);
    const attributes = callTaskAttributes({ queue: 'Support', vip: true });
    const task = await workspaceOf(env).tasks.create({ workflowSid: env.ready.workflowSid, attributes: JSON.stringify(attributes), priority: 5, timeout: 600 });
    expect(task.sid).toMatch(/^WT[0-9a-f]{32}$/);
    expect(JSON.parse(task.attributes)).toEqual(attributes);
    expect(task.priority).toBe(5);
    expect(task.timeout).toBe(600);
    expect(task.workflowSid).toBe(env.ready.workflowSid);
    const reserved = await waitFor(async () => {
      const fetched = await workspaceOf(env).tasks(task.sid).fetch();
      return fetched.assignmentStatus === 'reserved' ? fetched : undefined;
    }, { description: 'the task to be reserved' });
    expect(reserved.taskQueueSid).toMatch(/^WQ[0-9a-f]{32}$/);
  });

  it('cancels a task after its TTL (Timeout) on the simulated clock', async () => {
    await onlyAvailable(env, []);
    const task = await workspaceOf(env).tasks.create({ workflowSid: env.ready.workflowSid, attributes: JSON.stringify(callTaskAttributes()), timeout: 60 });
    await env.advance(59_000);
    expect((await workspaceOf(env).tasks(task.sid).fetch()).assignmentStatus).toBe('pending');
    await env.advance(1_000);
    const canceled = await waitFor(async () => {
      const fetched = await workspaceOf(env).tasks(task.sid).fetch();
      return fetched.assignmentStatus === 'canceled' ? fetched : undefined;
    }, { description: 'the task canceled by its TTL' });
    expect(canceled.reason).toMatch(/TTL/i);
  });

  it('canceling a reserved task cancels its pending reservation', async () => {
    await onlyAvailable(env, [workerSid(env, 0)]);
    const { taskSid, reservation } = await createReservedTask(env);
    const canceled = await workspaceOf(env).tasks(taskSid).update({ assignmentStatus: 'canceled', reason: 'caller hung up' });
    expect(canceled.assignmentStatus).toBe('canceled');
    expect(canceled.reason).toBe('caller hung up');
    await waitForReservationStatus(env, taskSid, reservation.sid, 'canceled');
  });

  it('completes an assigned task through the task resource', async () => {
    await onlyAvailable(env, [workerSid(env, 0)]);
    const { taskSid, reservation } = await createReservedTask(env);
    await workspaceOf(env).tasks(taskSid).reservations(reservation.sid).update({ reservationStatus: 'accepted' });
    const completed = await workspaceOf(env).tasks(taskSid).update({ assignmentStatus: 'completed', reason: 'resolved' });
    expect(completed.assignmentStatus).toBe('completed');
  });

  it('answers 412 on a task update whose If-Match is stale, and accepts the current ETag', async () => {
    await onlyAvailable(env, []);
    const task = await workspaceOf(env).tasks.create({ workflowSid: env.ready.workflowSid, attributes: JSON.stringify(callTaskAttributes()) });
    const context = workspaceOf(env).tasks(task.sid);
    const { headers } = await context.fetchWithHttpInfo();
    const etag = String(headers.etag ?? headers.ETag);
    await context.update({ attributes: JSON.stringify({ step: 1 }), ifMatch: etag });
    await expect(context.update({ attributes: JSON.stringify({ step: 2 }), ifMatch: etag })).rejects.toMatchObject({ status: 412 });
    expect(JSON.parse((await context.fetch()).attributes)).toEqual({ step: 1 });
  });

  it('deletes a task, which is then 404', async () => {
    await onlyAvailable(env, []);
    const task = await workspaceOf(env).tasks.create({ workflowSid: env.ready.workflowSid, attributes: '{}' });
    expect(await workspaceOf(env).tasks(task.sid).remove()).toBe(true);
    await expect(workspaceOf(env).tasks(task.sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
  });
});
