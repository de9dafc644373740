import type { ReservationInstance } from 'twilio/lib/rest/taskrouter/v1/workspace/task/reservation';
import type { TestEmulator } from './start-test-emulator';
import { waitFor } from '../../test-support/wait-for';

/** A plausible inbound-call task: the attributes Conference/Redirect instructions need. */
export function callTaskAttributes(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'inbound_call', call_sid: `CA${'1'.repeat(32)}`, from: '+15550100001', to: '+15550100999', name: 'Test Caller', ...overrides };
}

export function workspaceOf(env: TestEmulator) {
  return env.client.taskrouter.v1.workspaces(env.ready.workspaceSid);
}

export function activitySid(env: TestEmulator, friendlyName: string): string {
  const sid = env.ready.activities[friendlyName];
  if (!sid) throw new Error(`the emulator announced no "${friendlyName}" activity (has: ${Object.keys(env.ready.activities).join(', ')})`);
  return sid;
}

/** Makes exactly `availableWorkerSids` Available and every other worker Offline, so routing is deterministic. */
export async function onlyAvailable(env: TestEmulator, availableWorkerSids: string[]): Promise<void> {
  const workspace = workspaceOf(env);
  // Offline first, so no task is routed to a worker that is about to go away.
  for (const worker of env.ready.workers) {
    if (!availableWorkerSids.includes(worker.sid)) await workspace.workers(worker.sid).update({ activitySid: activitySid(env, 'Offline') });
  }
  for (const sid of availableWorkerSids) await workspace.workers(sid).update({ activitySid: activitySid(env, 'Available') });
}

export function workerSid(env: TestEmulator, index: number): string {
  const worker = env.ready.workers[index];
  if (!worker) throw new Error(`the emulator has only ${env.ready.workers.length} workers; wanted #${index}`);
  return worker.sid;
}

/** Creates a task through the admin API and returns its SID. */
export async function createTask(env: TestEmulator, attributes: Record<string, unknown> = callTaskAttributes()): Promise<string> {
  const created = await env.admin.createTask({ attributes });
  if (created.status !== 201) throw new Error(`POST /emulator/tasks answered ${created.status}: ${JSON.stringify(created.body)}`);
  return created.body.sid;
}

/** Waits until the task has a reservation in `status` (default pending), read through the task route. */
export async function waitForTaskReservation(env: TestEmulator, taskSid: string, status = 'pending', exclude: string[] = []): Promise<ReservationInstance> {
  return waitFor(
    async () => {
      const reservations = await workspaceOf(env).tasks(taskSid).reservations.list();
      return reservations.find((r) => r.reservationStatus === status && !exclude.includes(r.sid));
    },
    { description: `a ${status} reservation for task ${taskSid}` },
  );
}

/** Creates a task and waits for its first pending reservation. */
export async function createReservedTask(env: TestEmulator, attributes?: Record<string, unknown>): Promise<{ taskSid: string; reservation: ReservationInstance }> {
  const taskSid = await createTask(env, attributes);
  return { taskSid, reservation: await waitForTaskReservation(env, taskSid) };
}

/** Waits until the reservation (task route) reaches `status`. */
export async function waitForReservationStatus(env: TestEmulator, taskSid: string, reservationSid: string, status: string): Promise<ReservationInstance> {
  return waitFor(
    async () => {
      const reservation = await workspaceOf(env).tasks(taskSid).reservations(reservationSid).fetch();
      return reservation.reservationStatus === status ? reservation : undefined;
    },
    { description: `reservation ${reservationSid} to become ${status}` },
  );
}

/** Stringifies recorded instruction params (the dump may keep parsed numbers/booleans) for comparison. */
export function normalizedParams(params: Record<string, unknown> | undefined): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(params ?? {}).map(([key, value]) => [key, Array.isArray(value) ? value.map(String) : String(value)]));
}
