import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../emulator/test-support';
import type { SessionReset } from '../../shared/contract';
import { GONE_REASON } from '../../host/model/tracker';
import { startHostHarness, type HostHarness } from './harness';

/** From here on the host hears no event: its socket is dropped and no new one is accepted. */
async function loseEvents(h: HostHarness): Promise<void> {
  const post = (path: string, body: unknown) =>
    fetch(`${h.emulator.ready.url}/emulator/eventbridge/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await post('block', { blocked: true });
  await post('disconnect', {});
  await h.waitForConnection('polling');
}

/**
 * What the host tells the renderer must stay true: a reservation TaskRouter
 * no longer knows is final, and another worker's session leaves nothing behind.
 */
describe('the host never keeps a reservation TaskRouter no longer knows', () => {
  let h: HostHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('poll mode: a pending offer whose task was deleted is settled as gone, not left ringing', async () => {
    h = await startHostHarness({ transport: 'poll' });
    const { reservationSid, taskSid } = await h.offer();
    await h.waitForReservation((r) => r.sid === reservationSid && r.status === 'pending', 'offer');
    expect(h.emulator.running.engine.deleteTask(taskSid).ok).toBe(true);
    const gone = await h.waitForReservation((r) => r.sid === reservationSid && r.status !== 'pending', 'the offer settles');
    expect(gone).toMatchObject({ status: 'canceled', endedReason: GONE_REASON });
    expect(h.host.pendingCount()).toBe(0);
  });

  it('subscribe mode: reconcile settles a deleted task\'s offer even when no event said so', async () => {
    h = await startHostHarness({ transport: 'subscribe' });
    const { reservationSid, taskSid } = await h.offer();
    await h.waitForReservation((r) => r.sid === reservationSid && r.status === 'pending', 'offer');
    // The socket hears nothing of the delete (as when an event is lost): only a re-read can tell.
    await loseEvents(h);
    h.emulator.running.engine.deleteTask(taskSid);
    await h.host.reconcile('resume');
    await waitFor(() => h!.host.pendingCount() === 0, { description: 'no pending offer after reconcile' });
    const snapshot = await h.host.handlers.getSnapshot({});
    expect(snapshot.ok && snapshot.value.reservations.find((r) => r.sid === reservationSid)).toMatchObject({ status: 'canceled', endedReason: GONE_REASON });
  });

  it('an action on a reservation that answers 404 settles it as gone and says so', async () => {
    h = await startHostHarness({ transport: 'poll', pollIntervalMs: 60_000 });
    const { reservationSid, taskSid } = await h.offer();
    await h.host.reconcile('test');
    await h.waitForReservation((r) => r.sid === reservationSid, 'offer');
    h.emulator.running.engine.deleteTask(taskSid);
    const result = await h.host.handlers.acceptReservation({ reservationSid });
    expect(result).toMatchObject({ ok: false, error: { code: 'reservation_canceled' } });
    expect(h.host.pendingCount()).toBe(0);
    await h.waitForReservation((r) => r.sid === reservationSid && r.endedReason === GONE_REASON, 'gone pushed');
  });

  it('a pending offer past its expiry with no word from TaskRouter is re-read and settled', { timeout: 20_000 }, async () => {
    // Polls far apart, so what settles the offer is the expiry watch (or, by chance, the first poll after the socket drops).
    h = await startHostHarness({ transport: 'subscribe', reservationTimeoutSeconds: 1, manualClock: false, pollIntervalMs: 60_000 });
    const { reservationSid, taskSid } = await h.offer();
    await h.waitForReservation((r) => r.sid === reservationSid && r.status === 'pending', 'offer');
    await loseEvents(h);
    h.emulator.running.engine.deleteTask(taskSid);
    const settled = await h.waitForReservation((r) => r.sid === reservationSid && r.status !== 'pending', 'the expired offer settles', 10_000);
    expect(settled.status).toBe('canceled');
  });
});

describe('a new session epoch leaves nothing of the old one', () => {
  let h: HostHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('switching the worker in Settings resets the session: the old offers, worker and activities go, a new epoch is announced', async () => {
    h = await startHostHarness({ transport: 'subscribe', workers: 2, mode: 'account' });
    const resets: SessionReset[] = [];
    h.host.on('sessionReset', (r) => resets.push(r));
    const { reservationSid } = await h.offer();
    await h.waitForReservation((r) => r.sid === reservationSid, 'offer for worker 0');
    const before = await h.host.handlers.getSnapshot({});
    expect(before.ok && before.value.reservations).toHaveLength(1);
    const epochBefore = before.ok ? before.value.epoch : -1;

    const ready = h.emulator.ready;
    const other = ready.workers[1]!.sid;
    const saved = await h.host.handlers.saveSettings({
      mode: 'account',
      accountSid: ready.accountSid,
      apiKeySid: ready.apiKeySid,
      secret: ready.apiKeySecret,
      workspaceSid: ready.workspaceSid,
      workerSid: other,
    });
    expect(saved.ok).toBe(true);
    expect(resets.length).toBeGreaterThanOrEqual(1);
    expect(resets[0]).toMatchObject({ reason: 'identity' });
    expect(resets[0]!.epoch).toBeGreaterThan(epochBefore);

    const after = await h.host.handlers.getSnapshot({});
    expect(after.ok).toBe(true);
    if (!after.ok) return;
    expect(after.value.epoch).toBe(resets.at(-1)!.epoch);
    expect(after.value.reservations.map((r) => r.sid)).not.toContain(reservationSid);
    expect(h.host.pendingCount()).toBe(0);
    await waitFor(async () => {
      const s = await h!.host.handlers.getSnapshot({});
      return s.ok && s.value.worker?.sid === other;
    }, { description: 'the new worker loaded' });
  });
});
