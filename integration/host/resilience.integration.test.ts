import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../emulator/test-support';
import type { Reservation } from '../../shared/model';
import { statusRank } from '../../host/model/reservation-store';
import { adminPost } from './admin-http';
import { startHostHarness, type HostHarness } from './harness';

let h: HostHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Each reservation's pushed updates move strictly forward: no duplicate, no regression. */
function expectForwardOnly(events: Reservation[]): void {
  const bySid = new Map<string, Reservation[]>();
  for (const r of events) bySid.set(r.sid, [...(bySid.get(r.sid) ?? []), r]);
  for (const [sid, list] of bySid) {
    const statuses = list.map((r) => r.status);
    expect(new Set(statuses).size, `${sid}: ${statuses.join(' → ')}`).toBe(statuses.length);
    for (let i = 1; i < list.length; i++) expect(statusRank(list[i]!.status)).toBeGreaterThan(statusRank(list[i - 1]!.status));
    expect(list.map((r) => r.version)).toEqual(list.map((_, i) => i + 1));
  }
}

describe('fallback from subscribe to poll and back', () => {
  it('keeps every change flowing while the WebSocket is down, then resubscribes; nothing missed, nothing duplicated', { timeout: 60_000 }, async () => {
    h = await startHostHarness({ transport: 'subscribe', pollIntervalMs: 200 });
    const url = h.emulator.ready.url;
    const engine = h.emulator.running.engine;

    const a = await h.offer();
    await h.waitForReservation((r) => r.sid === a.reservationSid, 'A offered while subscribed');

    // Kill the socket and keep it down.
    expect((await adminPost(url, '/emulator/eventbridge/block', { blocked: true })).status).toBe(200);
    expect((await adminPost(url, '/emulator/eventbridge/disconnect', {})).status).toBe(200);
    const polling = await h.waitForConnection('polling');
    expect(polling.detail).toMatch(/polling/i);

    // While down: A times out (the worker moves to Missed), the agent comes back, and B is offered.
    await h.emulator.advance(121_000);
    expect(engine.getReservation(a.reservationSid)?.status).toBe('timeout');
    const timedOut = await h.waitForReservation((r) => r.sid === a.reservationSid && r.status === 'timeout', 'A timeout seen by polling');
    expect(timedOut.endedReason).toBe('Timed out after 120 s');
    const back = await h.host.handlers.setActivity({ activitySid: h.emulator.ready.activities['Available']! });
    expect(back.ok, JSON.stringify(back)).toBe(true);
    // TaskRouter offers the timed-out task again: a new reservation, delivered by polling.
    const reoffered = await waitFor(() => engine.listReservations({ taskSid: a.taskSid }).find((r) => r.sid !== a.reservationSid && r.status === 'pending'), { description: 'A re-offered' });
    const b = { reservationSid: reoffered.sid };
    await h.waitForReservation((r) => r.sid === b.reservationSid && r.status === 'pending', 'the re-offer (B) seen while polling');
    expect(await h.host.handlers.acceptReservation({ reservationSid: b.reservationSid })).toMatchObject({ ok: true });

    // The socket may come back: the host resubscribes and stops polling.
    await adminPost(url, '/emulator/eventbridge/block', { blocked: false });
    await h.waitForConnection('subscribed', 40_000);
    await h.host.handlers.completeReservation({ reservationSid: b.reservationSid });
    const c = await h.offer({ caller_name: 'Katherine Johnson' });
    await h.waitForReservation((r) => r.sid === c.reservationSid, 'C offered after resubscribing');

    const all = h.reservationEvents();
    expect(all.filter((r) => r.sid === a.reservationSid).map((r) => r.status)).toEqual(['pending', 'timeout']);
    expect(all.filter((r) => r.sid === b.reservationSid).map((r) => r.status)).toEqual(['pending', 'accepted', 'completed']);
    expect(all.filter((r) => r.sid === c.reservationSid).map((r) => r.status)).toEqual(['pending']);
    expectForwardOnly(all);
    const states = h.events.filter((e) => e.name === 'connectionChanged').map((e) => (e.payload as { state: string }).state);
    expect(states.slice(states.indexOf('subscribed'))).toEqual(expect.arrayContaining(['subscribed', 'polling']));
    expect(states.at(-1)).toBe('subscribed');
  });

  it('reports a gap when TaskRouter is unreachable and closes it when it answers again', { timeout: 30_000 }, async () => {
    h = await startHostHarness({ transport: 'poll', pollIntervalMs: 100 });
    await h.emulator.admin.setFaults({ status: 503, pathPrefix: '/v1/' });
    const offline = await h.waitForConnection('offline');
    expect(offline.detail).toMatch(/server error/i);
    await h.emulator.admin.clearFaults();
    const recovered = await h.waitForConnection('polling', 40_000);
    expect(recovered.lastGap).not.toBeNull();
    expect(recovered.lastGap!.to).toBeGreaterThanOrEqual(recovered.lastGap!.from);
  });
});

describe('token refresh', () => {
  it('replaces short-lived tokens before they expire without leaving subscribe mode', { timeout: 40_000 }, async () => {
    const logs: string[] = [];
    h = await startHostHarness({ transport: 'subscribe', tokenTtlSeconds: 8, manualClock: false, logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) } });
    const subscribedAt = h.events.length;
    const started = Date.now();
    // Past the first token's expiry (the emulator closes a socket whose token expired).
    await waitFor(() => Date.now() - started > 9_500 && logs.filter((m) => m === 'worker token refreshed').length >= 2, { timeoutMs: 20_000, intervalMs: 100, description: 'two refreshes and the first token expired' });
    const offer = await h.offer();
    await h.waitForReservation((r) => r.sid === offer.reservationSid, 'offer after the first token expired');
    const statesSince = h.events.slice(subscribedAt).filter((e) => e.name === 'connectionChanged').map((e) => (e.payload as { state: string }).state);
    expect(statesSince.filter((s) => s !== 'subscribed')).toEqual([]);
    expect(h.connection()?.state).toBe('subscribed');
  });
});

describe('a reservation that ends while an action is in flight', () => {
  const slowPathTo = (harness: HostHarness, reservationSid: string) =>
    harness.emulator.admin.setFaults({ latencyMs: 300, times: 1, pathPrefix: `/v1/Workspaces/${harness.emulator.ready.workspaceSid}/Workers/${harness.workerSid}/Reservations/${reservationSid}` });

  it('expired → reservation_expired, and the host shows it timed out', async () => {
    h = await startHostHarness({ transport: 'subscribe' });
    const { reservationSid } = await h.offer();
    await h.waitForReservation((r) => r.sid === reservationSid, 'offer');
    await slowPathTo(h, reservationSid);
    const accepting = h.host.handlers.acceptReservation({ reservationSid });
    await h.emulator.advance(121_000);
    expect(await accepting).toMatchObject({ ok: false, error: { code: 'reservation_expired' } });
    expect(h.emulator.running.engine.getReservation(reservationSid)?.status).toBe('timeout');
    const snapshot = await h.host.handlers.getSnapshot({});
    expect(snapshot.ok && snapshot.value.reservations.find((r) => r.sid === reservationSid)?.status).toBe('timeout');
    expect(h.host.pendingCount()).toBe(0);
  });

  it('taken by another agent → reservation_rescinded', async () => {
    h = await startHostHarness({ transport: 'subscribe', workers: 2 });
    const { client, ready } = h.emulator;
    const [queue] = await client.taskrouter.v1.workspaces(ready.workspaceSid).taskQueues.list();
    await client.taskrouter.v1.workspaces(ready.workspaceSid).taskQueues(queue!.sid).update({ maxReservedWorkers: 2 });
    const { taskSid, reservationSid } = await h.offer();
    const other = await waitFor(() => h!.emulator.running.engine.listReservations({ taskSid }).find((r) => r.workerSid !== h!.workerSid && r.status === 'pending'), { description: 'the other worker is offered the same task' });
    await h.waitForReservation((r) => r.sid === reservationSid, 'offer');
    await slowPathTo(h, reservationSid);
    const accepting = h.host.handlers.acceptReservation({ reservationSid });
    await client.taskrouter.v1.workspaces(ready.workspaceSid).tasks(taskSid).reservations(other.sid).update({ reservationStatus: 'accepted' });
    expect(await accepting).toMatchObject({ ok: false, error: { code: 'reservation_rescinded' } });
    const ended = await h.waitForReservation((r) => r.sid === reservationSid && r.status === 'rescinded', 'rescinded pushed');
    expect(ended.endedReason).toBe('Taken by another agent');
  });

  it('task canceled (caller hung up) → reservation_canceled', async () => {
    h = await startHostHarness({ transport: 'poll' });
    const { client, ready } = h.emulator;
    const { taskSid, reservationSid } = await h.offer();
    await h.waitForReservation((r) => r.sid === reservationSid, 'offer');
    await slowPathTo(h, reservationSid);
    const accepting = h.host.handlers.acceptReservation({ reservationSid });
    await client.taskrouter.v1.workspaces(ready.workspaceSid).tasks(taskSid).update({ assignmentStatus: 'canceled', reason: 'caller hung up' });
    expect(await accepting).toMatchObject({ ok: false, error: { code: 'reservation_canceled' } });
    const ended = await h.waitForReservation((r) => r.sid === reservationSid && r.status === 'canceled', 'canceled pushed');
    expect(ended.endedReason).toMatch(/caller hung up/i);
  });
});
