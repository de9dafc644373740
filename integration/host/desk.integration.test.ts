import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DESK_SETTINGS } from '../../shared/desk';
import type { WrapUp } from '../../shared/desk';
import { waitFor } from '../../emulator/test-support';
import { startHostHarness, type HostHarness } from './harness';

// The desk's requests against the real emulator over real sockets: wrap-up
// written where Flex Insights reads it (If-Match guarded), previous contacts
// through EvaluateTaskAttributes, the agent's day.

let h: HostHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const attributesOf = (harness: HostHarness, taskSid: string) => JSON.parse(harness.emulator.running.engine.getTask(taskSid)!.attributes) as Record<string, unknown>;

describe('desk', () => {
  it('finishWrapUp merges the outcome and notes into conversations and completes the reservation', async () => {
    h = await startHostHarness({ transport: 'subscribe' });
    const { taskSid, reservationSid } = await h.offer({ caller_name: 'Ada', from: '+14155550101', conversations: { queue_time: 7 } });
    expect((await h.host.handlers.acceptReservation({ reservationSid })).ok).toBe(true);
    expect((await h.host.handlers.wrapReservation({ reservationSid })).ok).toBe(true);
    const done = await h.host.handlers.finishWrapUp({ reservationSid, disposition: 'Resolved', notes: 'All good' });
    expect(done.ok && done.value.status).toBe('completed');
    expect(attributesOf(h, taskSid)).toEqual({ caller_name: 'Ada', from: '+14155550101', conversations: { queue_time: 7, outcome: 'Resolved', content: 'All good' } });
  });

  it('refuses a missing required disposition on its field and completes nothing', async () => {
    h = await startHostHarness({ transport: 'subscribe' });
    expect((await h.host.handlers.saveDeskSettings({ ...DEFAULT_DESK_SETTINGS, dispositionRequired: true })).ok).toBe(true);
    const { taskSid, reservationSid } = await h.offer({ caller_name: 'Bo' });
    await h.host.handlers.acceptReservation({ reservationSid });
    await h.host.handlers.wrapReservation({ reservationSid });
    const refused = await h.host.handlers.finishWrapUp({ reservationSid, disposition: null, notes: '' });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toMatchObject({ code: 'invalid_input', field: 'disposition' });
    expect(h.emulator.running.engine.getTask(taskSid)!.assignmentStatus).toBe('wrapping');
    const unknown = await h.host.handlers.finishWrapUp({ reservationSid, disposition: 'Made up', notes: '' });
    expect(!unknown.ok && unknown.error.field).toBe('disposition');
  });

  it('the wrap-up timer completes with the saved draft, which every window sees in the snapshot', async () => {
    h = await startHostHarness({ transport: 'subscribe', manualClock: false });
    const wrapUps: WrapUp[] = [];
    h.host.on('wrapUpUpdated', (w) => wrapUps.push(w));
    expect((await h.host.handlers.saveDeskSettings({ ...DEFAULT_DESK_SETTINGS, wrapUpSeconds: 1 })).ok).toBe(true);
    const { taskSid, reservationSid } = await h.offer({ caller_name: 'Cy' });
    await h.host.handlers.acceptReservation({ reservationSid });
    await h.host.handlers.wrapReservation({ reservationSid });
    await waitFor(() => wrapUps.some((w) => w.reservationSid === reservationSid), { description: 'wrap-up started' });
    const first = wrapUps.at(-1)!;
    expect(first.deadline! - first.startedAt).toBe(1_000);
    expect((await h.host.handlers.saveWrapUp({ reservationSid, disposition: 'Escalated', notes: 'tier 2' })).ok).toBe(true);
    const snapshot = await h.host.handlers.getSnapshot({});
    expect(snapshot.ok && snapshot.value.wrapUps.map((w) => w.disposition)).toEqual(['Escalated']);
    await waitFor(() => h!.emulator.running.engine.getTask(taskSid)?.assignmentStatus === 'completed', { description: 'completed by the timer', timeoutMs: 40_000 });
    expect(attributesOf(h, taskSid).conversations).toEqual({ outcome: 'Escalated', content: 'tier 2' });
  }, 20_000);

  it('extend gives 30 s more from the later of now and the deadline', async () => {
    h = await startHostHarness({ transport: 'subscribe' });
    const { reservationSid } = await h.offer({ caller_name: 'Di' });
    await h.host.handlers.acceptReservation({ reservationSid });
    await h.host.handlers.wrapReservation({ reservationSid });
    await waitFor(async () => { const s = await h!.host.handlers.getSnapshot({}); return s.ok && s.value.wrapUps.length === 1; }, { description: "wrap-up started" });
    const before = await h.host.handlers.getSnapshot({});
    const deadline = before.ok ? before.value.wrapUps[0]!.deadline! : 0;
    const extended = await h.host.handlers.extendWrapUp({ reservationSid });
    expect(extended.ok && extended.value.deadline).toBe(deadline + 30_000);
    const notWrapping = await h.host.handlers.extendWrapUp({ reservationSid: 'WR' + 'f'.repeat(32) });
    expect(!notWrapping.ok && notWrapping.error.code).toBe('reservation_not_pending');
  });

  it('finds the previous contacts of the same caller and nobody else', async () => {
    h = await startHostHarness({ transport: 'subscribe' });
    const engine = h.emulator.running.engine;
    for (const [from, outcome] of [
      ['+14155550199', 'Resolved'],
      ['+14155550199', 'Escalated'],
      ['+14155550100', 'Resolved'],
    ] as const) {
      const t = engine.createTask({ Attributes: JSON.stringify({ from, conversations: { outcome } }), WorkflowSid: h.emulator.ready.workflowSid });
      if (t.ok) engine.updateTask(t.value.sid, { AssignmentStatus: 'canceled', Reason: 'earlier' });
    }
    const { reservationSid } = await h.offer({ caller_name: 'Dee', from: '+14155550199' });
    await h.waitForReservation((r) => r.sid === reservationSid, 'the offer reaches the host');
    const found = await h.host.handlers.previousContacts({ reservationSid });
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    expect(found.value.matchedOn).toEqual({ attribute: 'from', value: '+14155550199' });
    expect(found.value.contacts.map((c) => c.outcome).sort()).toEqual(['Escalated', 'Resolved']);
  });

  it('a caller number that could change the expression is never sent', async () => {
    h = await startHostHarness({ transport: 'subscribe' });
    const { reservationSid } = await h.offer({ caller_name: 'Eve', from: '" OR 1 == 1 OR from == "' });
    await h.waitForReservation((r) => r.sid === reservationSid, 'the offer reaches the host');
    const found = await h.host.handlers.previousContacts({ reservationSid });
    expect(found.ok && found.value).toEqual({ matchedOn: null, contacts: [] });
  });

  it('the agent\'s day counts handled tasks and time per activity, saying where the figures come from', async () => {
    h = await startHostHarness({ transport: 'subscribe' });
    const { reservationSid } = await h.offer({ caller_name: 'Fay' });
    await h.host.handlers.acceptReservation({ reservationSid });
    await h.host.handlers.completeReservation({ reservationSid });
    await waitFor(() => h!.reservationEvents(reservationSid).some((r) => r.status === 'completed'), { description: 'completed' });
    const day = await h.host.handlers.getAgentDay({});
    expect(day.ok).toBe(true);
    if (!day.ok) return;
    expect(['taskrouter', 'observed']).toContain(day.value.source);
    if (day.value.source === 'observed') {
      expect(day.value.tasksHandled).toBe(1);
      expect(day.value.activities.map((a) => a.name)).toContain('Available');
    }
  });
});

describe('the agent\'s day from TaskRouter statistics', () => {
  it('reads the worker\'s statistics and its queues\' waiting tasks when TaskRouter answers them', async () => {
    h = await startHostHarness({ transport: 'subscribe' });
    const { reservationSid } = await h.offer({ caller_name: 'Gus' });
    await h.host.handlers.acceptReservation({ reservationSid });
    const day = await h.host.handlers.getAgentDay({});
    expect(day.ok).toBe(true);
    if (!day.ok) return;
    expect(day.value.source).toBe('taskrouter');
    expect(day.value.tasksHandled).toBe(1);
    expect(day.value.activities.find((a) => a.name === 'Available')).toBeTruthy();
    expect(day.value.queues?.length).toBeGreaterThan(0);
  });
});
