import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../emulator/test-support';
import { startHostHarness, type HostHarness } from './harness';

let h: HostHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('rate limits and reconciliation', () => {
  it('honours Retry-After while polling, says so, and carries on', async () => {
    h = await startHostHarness({ transport: 'poll', pollIntervalMs: 100 });
    await h.emulator.admin.setFaults({ rateLimit: { retryAfterSeconds: 1, count: 1 }, pathPrefix: '/v1/' });
    const slowed = await waitFor(() => h!.events.map((e) => e.payload as { detail?: string }).find((p) => /slow down/.test(p.detail ?? '')), { description: 'rate limit reported' });
    // Retry-After (1 s) plus up to one poll interval of jitter, so desktops told the same thing do not return together.
    expect(slowed.detail).toMatch(/next check in 1(\.1)? s/);
    const offer = await h.offer();
    await h.waitForReservation((r) => r.sid === offer.reservationSid, 'offer after the rate limit', 5_000);
  });

  it('retries an action refused with 429 as asked, and it succeeds once', async () => {
    h = await startHostHarness({ transport: 'poll', pollIntervalMs: 5_000 });
    const { reservationSid } = await h.offer();
    await h.host.reconcile('test: read the offer now');
    await h.waitForReservation((r) => r.sid === reservationSid, 'offer');
    await h.emulator.admin.setFaults({ rateLimit: { retryAfterSeconds: 0, count: 1 }, pathPrefix: `/v1/Workspaces/${h.emulator.ready.workspaceSid}/Workers/${h.workerSid}/Reservations/${reservationSid}` });
    const accepted = await h.host.handlers.acceptReservation({ reservationSid });
    expect(accepted).toMatchObject({ ok: true, value: { status: 'accepted' } });
    expect(h.emulator.running.engine.getReservation(reservationSid)!.history.filter((x) => x.status === 'accepted')).toHaveLength(1);
  });

  it('keeps retrying an answer to a pending offer refused with 429, as asked, while the offer lasts: the agent\'s Accept is not lost to a burst', async () => {
    h = await startHostHarness({ transport: 'poll', pollIntervalMs: 5_000 });
    const { reservationSid } = await h.offer();
    await h.host.reconcile('test: read the offer now');
    await h.waitForReservation((r) => r.sid === reservationSid, 'offer');
    // Five refusals in a row: more than the two retries any other call gets.
    await h.emulator.admin.setFaults({ rateLimit: { retryAfterSeconds: 0, count: 5 }, pathPrefix: `/v1/Workspaces/${h.emulator.ready.workspaceSid}/Workers/${h.workerSid}/Reservations/${reservationSid}` });
    const accepted = await h.host.handlers.acceptReservation({ reservationSid });
    expect(accepted).toMatchObject({ ok: true, value: { status: 'accepted' } });
    expect(h.emulator.running.engine.getReservation(reservationSid)!.history.filter((x) => x.status === 'accepted')).toHaveLength(1);
  });

  it('stops retrying an answer once Retry-After reaches past the offer\'s expiry, and says it was rate limited', async () => {
    h = await startHostHarness({ transport: 'poll', pollIntervalMs: 5_000, reservationTimeoutSeconds: 3 });
    const { reservationSid } = await h.offer();
    await h.host.reconcile('test: read the offer now');
    await h.waitForReservation((r) => r.sid === reservationSid, 'offer');
    await h.emulator.admin.setFaults({ rateLimit: { retryAfterSeconds: 5 }, pathPrefix: `/v1/Workspaces/${h.emulator.ready.workspaceSid}/Workers/${h.workerSid}/Reservations/${reservationSid}` });
    const started = Date.now();
    const accepted = await h.host.handlers.acceptReservation({ reservationSid });
    expect(accepted).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    // Answered before the offer ran out, not after a wait it could not use.
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('reconcile() reads everything at once (resume from sleep) instead of waiting for the next poll', async () => {
    h = await startHostHarness({ transport: 'poll', pollIntervalMs: 60_000 });
    const { reservationSid } = await h.offer();
    expect(h.reservationEvents(reservationSid)).toHaveLength(0);
    await h.host.reconcile('resume');
    expect(h.reservationEvents(reservationSid).map((r) => r.status)).toEqual(['pending']);
  });
});

describe('resume from sleep in subscribe mode', () => {
  it('reconcile() also replaces the live connection, without a gap or a duplicate', async () => {
    const logs: string[] = [];
    h = await startHostHarness({ transport: 'subscribe', logger: { info: (m) => logs.push(m), warn: () => undefined, error: () => undefined } });
    const before = await h.offer();
    await h.waitForReservation((r) => r.sid === before.reservationSid, 'offer before resume');
    const eventsBefore = h.events.length;
    await h.host.reconcile('resume');
    expect(logs).toContain('opening a fresh live connection');
    await h.host.handlers.acceptReservation({ reservationSid: before.reservationSid });
    await h.host.handlers.completeReservation({ reservationSid: before.reservationSid });
    const after = await h.offer();
    await h.waitForReservation((r) => r.sid === after.reservationSid, 'offer after resume');
    const states = h.events.slice(eventsBefore).filter((e) => e.name === 'connectionChanged').map((e) => (e.payload as { state: string }).state);
    expect(states.filter((s) => s !== 'subscribed')).toEqual([]);
    expect(h.reservationEvents(before.reservationSid).map((r) => r.status)).toEqual(['pending', 'accepted', 'completed']);
    expect(h.reservationEvents(after.reservationSid).map((r) => r.status)).toEqual(['pending']);
  });
});
