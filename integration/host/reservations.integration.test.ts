import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../emulator/test-support';
import { startHostHarness, type HostHarness } from './harness';

describe.each(['subscribe', 'poll'] as const)('host in %s mode against the emulator', (transport) => {
  let h: HostHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('pushes a new reservation, normalized, exactly once per change', async () => {
    h = await startHostHarness({ transport });
    await waitFor(() => h!.host.handlers.getSnapshot({}).then((s) => s.ok && s.value.worker?.sid === h!.workerSid), { description: 'worker loaded' });
    const { reservationSid, taskSid } = await h.offer();
    const pushed = await h.waitForReservation((r) => r.sid === reservationSid, 'the offer reaches the host');
    expect(pushed).toMatchObject({
      status: 'pending',
      taskSid,
      workerSid: h.workerSid,
      caller: { name: 'Ada Lovelace', number: '+14155550100' },
      topic: 'billing',
      timeoutSeconds: 120,
    });
    expect(pushed.expiresAt - pushed.createdAt).toBe(120_000);
    expect(h.host.pendingCount()).toBe(1);
    const snapshot = await h.host.handlers.getSnapshot({});
    expect(snapshot.ok && snapshot.value.reservations.map((r) => r.sid)).toEqual([reservationSid]);
    // One push for the offer, however many polls or events saw it.
    expect(h.reservationEvents(reservationSid)).toHaveLength(1);
  });

  it('accepts, wraps and completes, each taking effect in the emulator', async () => {
    h = await startHostHarness({ transport });
    const { reservationSid } = await h.offer();
    await h.waitForReservation((r) => r.sid === reservationSid, 'offer');
    const engine = h.emulator.running.engine;

    const accepted = await h.host.handlers.acceptReservation({ reservationSid });
    expect(accepted).toMatchObject({ ok: true, value: { status: 'accepted' } });
    expect(engine.getReservation(reservationSid)?.status).toBe('accepted');

    const wrapped = await h.host.handlers.wrapReservation({ reservationSid });
    expect(wrapped).toMatchObject({ ok: true, value: { status: 'wrapping' } });
    expect(engine.getReservation(reservationSid)?.status).toBe('wrapping');

    const completed = await h.host.handlers.completeReservation({ reservationSid });
    expect(completed).toMatchObject({ ok: true, value: { status: 'completed' } });
    expect(engine.getReservation(reservationSid)?.status).toBe('completed');
    expect(h.host.pendingCount()).toBe(0);

    // The UI saw each state once, in order, with increasing versions.
    await h.waitForReservation((r) => r.sid === reservationSid && r.status === 'completed', 'completed pushed');
    const seen = h.reservationEvents(reservationSid);
    expect(seen.map((r) => r.status)).toEqual(['pending', 'accepted', 'wrapping', 'completed']);
    expect(seen.map((r) => r.version)).toEqual([1, 2, 3, 4]);
  });

  it('estimates expiresAt within a second of the emulator\'s own expiry (real clock)', async () => {
    h = await startHostHarness({ transport, manualClock: false });
    for (let i = 0; i < 3; i++) {
      const { reservationSid } = await h.offer();
      const pushed = await h.waitForReservation((r) => r.sid === reservationSid, 'offer');
      const truth = h.emulator.running.engine.getReservation(reservationSid)!;
      expect(Math.abs(pushed.expiresAt - (truth.dateCreated + truth.timeoutSeconds * 1000))).toBeLessThan(1000);
      // Done with it, so the next offer is a new task (a rejected one would be offered again).
      await h.host.handlers.acceptReservation({ reservationSid });
      await h.host.handlers.completeReservation({ reservationSid });
    }
  });
});
