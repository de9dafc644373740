import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../emulator/test-support';
import { startHostHarness, type HostHarness } from './harness';

let h: HostHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** An offer the host has read, whose reservation TaskRouter then answers with 429 as `rateLimit` says. */
async function rateLimitedOffer(rateLimit: { retryAfterSeconds: number; count?: number }, reservationTimeoutSeconds?: number): Promise<string> {
  h = await startHostHarness({ transport: 'poll', pollIntervalMs: 5_000, ...(reservationTimeoutSeconds ? { reservationTimeoutSeconds } : {}) });
  const { reservationSid } = await h.offer();
  await h.host.reconcile('test: read the offer now');
  await h.waitForReservation((r) => r.sid === reservationSid, 'offer');
  await h.emulator.admin.setFaults({ rateLimit, pathPrefix: `/v1/Workspaces/${h.emulator.ready.workspaceSid}/Workers/${h.workerSid}/Reservations/${reservationSid}` });
  return reservationSid;
}

const timesAccepted = (sid: string) => h!.emulator.running.engine.getReservation(sid)!.history.filter((x) => x.status === 'accepted').length;

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
    const reservationSid = await rateLimitedOffer({ retryAfterSeconds: 0, count: 1 });
    expect(await h!.host.handlers.acceptReservation({ reservationSid })).toMatchObject({ ok: true, value: { status: 'accepted' } });
    expect(timesAccepted(reservationSid)).toBe(1);
  });

  it('keeps retrying an answer to a pending offer refused with 429, as asked, while the offer lasts: the agent\'s Accept is not lost to a burst', async () => {
    // Five refusals in a row: more than the two retries any other call gets.
    const reservationSid = await rateLimitedOffer({ retryAfterSeconds: 0, count: 5 });
    expect(await h!.host.handlers.acceptReservation({ reservationSid })).toMatchObject({ ok: true, value: { status: 'accepted' } });
    expect(timesAccepted(reservationSid)).toBe(1);
  });

  it('stops retrying an answer once Retry-After reaches past the offer\'s expiry, and says it was rate limited', async () => {
    const reservationSid = await rateLimitedOffer({ retryAfterSeconds: 5 }, 3);
    const started = Date.now();
    expect(await h!.host.handlers.acceptReservation({ reservationSid })).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
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
