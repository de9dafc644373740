import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../emulator/test-support';
import { startHostHarness, type HostHarness } from './harness';

let h: HostHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const offered = async (harness: HostHarness) => {
  const offer = await harness.offer();
  await harness.waitForReservation((r) => r.sid === offer.reservationSid, 'offer');
  return offer;
};

describe('actions against the emulator', () => {
  it.each(['subscribe', 'poll'] as const)('rejects with an activity (%s): the reservation is rejected, the worker moves there and the UI hears it', async (transport) => {
    h = await startHostHarness({ transport });
    const { reservationSid } = await offered(h);
    const breakSid = h.emulator.ready.activities['Break']!;
    const rejected = await h.host.handlers.rejectReservation({ reservationSid, activitySid: breakSid });
    expect(rejected).toMatchObject({ ok: true, value: { status: 'rejected', endedReason: 'Rejected' } });
    const engine = h.emulator.running.engine;
    expect(engine.getReservation(reservationSid)?.status).toBe('rejected');
    expect(engine.getWorker(h.workerSid)?.activitySid).toBe(breakSid);
    await waitFor(() => h!.events.some((e) => e.name === 'workerUpdated' && (e.payload as { activitySid: string; activityName: string }).activitySid === breakSid && (e.payload as { activityName: string }).activityName === 'Break'), {
      description: 'workerUpdated with the Break activity',
    });
  });

  it('sends every conference option as TaskRouter parameters, arrays as repeated values (the engine keeps them parsed)', async () => {
    h = await startHostHarness({ transport: 'poll' });
    const { reservationSid } = await offered(h);
    const result = await h.host.handlers.conferenceReservation({
      reservationSid,
      options: {
        to: 'client:alice',
        from: '+14155550100',
        timeout: 30,
        record: true,
        beep: 'onEnter',
        statusCallback: 'https://example.com/status',
        statusCallbackEvent: ['initiated', 'answered'],
        conferenceStatusCallbackEvent: ['start', 'end'],
        maxParticipants: 10,
        endConferenceOnCustomerExit: true,
        jitterBufferSize: 'small',
      },
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const instruction = h.emulator.running.engine.getReservation(reservationSid)?.instruction;
    expect(instruction?.name).toBe('conference');
    expect(instruction?.params).toMatchObject({
      To: 'client:alice',
      From: '+14155550100',
      Timeout: 30,
      Record: true,
      Beep: 'onEnter',
      StatusCallback: 'https://example.com/status',
      StatusCallbackEvent: ['initiated', 'answered'],
      ConferenceStatusCallbackEvent: ['start', 'end'],
      MaxParticipants: 10,
      EndConferenceOnCustomerExit: true,
      JitterBufferSize: 'small',
    });
  });

  it('maps dequeue, call and redirect options onto their prefixed parameters', async () => {
    h = await startHostHarness({ transport: 'poll' });
    const engine = h.emulator.running.engine;
    const cases = [
      {
        send: (reservationSid: string) =>
          h!.host.handlers.dequeueReservation({ reservationSid, options: { from: '+14155550100', to: 'client:bob', timeout: 20, record: 'record-from-answer', statusCallbackUrl: 'https://example.com/d', statusCallbackEvent: ['ringing', 'completed'] } }),
        name: 'dequeue',
        params: { DequeueFrom: '+14155550100', DequeueTo: 'client:bob', DequeueTimeout: 20, DequeueRecord: 'record-from-answer', DequeueStatusCallbackUrl: 'https://example.com/d', DequeueStatusCallbackEvent: ['ringing', 'completed'] },
      },
      {
        send: (reservationSid: string) =>
          h!.host.handlers.callReservation({ reservationSid, options: { from: '+14155550100', url: 'https://example.com/twiml', to: '+14155550111', accept: true, record: 'do-not-record', timeout: 15, statusCallbackUrl: 'https://example.com/c' } }),
        name: 'call',
        params: { CallFrom: '+14155550100', CallUrl: 'https://example.com/twiml', CallTo: '+14155550111', CallAccept: true, CallRecord: 'do-not-record', CallTimeout: 15, CallStatusCallbackUrl: 'https://example.com/c' },
      },
      {
        send: (reservationSid: string) => h!.host.handlers.redirectReservation({ reservationSid, options: { callSid: 'CA' + 'a'.repeat(32), url: 'https://example.com/r', accept: true } }),
        name: 'redirect',
        params: { RedirectCallSid: 'CA' + 'a'.repeat(32), RedirectUrl: 'https://example.com/r', RedirectAccept: true },
      },
    ];
    for (const c of cases) {
      const { reservationSid } = await offered(h);
      const result = await c.send(reservationSid);
      // The engine keeps the parsed values (numbers, booleans). The instruction may fail later in the emulator (no such call); what matters here is what TaskRouter received.
      const instruction = await waitFor(() => engine.getReservation(reservationSid)?.instruction, { description: `${c.name} recorded (${JSON.stringify(result)})` });
      expect(instruction.name).toBe(c.name);
      expect(instruction.params).toMatchObject(c.params);
      // Free the worker for the next case.
      const status = engine.getReservation(reservationSid)?.status;
      if (status === 'accepted') await h.host.handlers.completeReservation({ reservationSid });
      if (status === 'pending') await h.host.handlers.rejectReservation({ reservationSid, activitySid: h.emulator.ready.activities['Available']! });
    }
  });

  it('a double click sends once: concurrent identical accepts share one request', async () => {
    h = await startHostHarness({ transport: 'poll' });
    const { reservationSid } = await offered(h);
    const engine = h.emulator.running.engine;
    let accepts = 0;
    const off = engine.onEvent((e) => {
      if (e.type === 'reservation.accepted' && e.reservationSid === reservationSid) accepts++;
    });
    const [a, b] = await Promise.all([h.host.handlers.acceptReservation({ reservationSid }), h.host.handlers.acceptReservation({ reservationSid })]);
    // A late second click gets the same answer, not a "not pending" error.
    const c = await h.host.handlers.acceptReservation({ reservationSid });
    off();
    expect([a.ok, b.ok, c.ok]).toEqual([true, true, true]);
    expect(accepts).toBe(1);
    const history = engine.getReservation(reservationSid)!.history.map((x) => x.status);
    expect(history.filter((s) => s === 'accepted')).toHaveLength(1);
  });

  it('invalid input is refused with the field and its issue, and nothing reaches TaskRouter', async () => {
    h = await startHostHarness({ transport: 'poll' });
    const { reservationSid } = await offered(h);
    const before = h.emulator.running.engine.getReservation(reservationSid)!.version;
    const bad = await h.host.handlers.dequeueReservation({ reservationSid, options: { from: '555-0100' } } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'options.from' } });
    // The issue (a caller ID) is what the UI words in the agent's language.
    expect(bad.ok || bad.error.fields).toEqual({ 'options.from': { key: 'caller_id' } });
    expect(h.emulator.running.engine.getReservation(reservationSid)!.version).toBe(before);
  });

  it('changes the activity, and applies the next activity once the task is completed', async () => {
    h = await startHostHarness({ transport: 'subscribe' });
    const engine = h.emulator.running.engine;
    const { Break: breakSid, Available: availableSid, Lunch: lunchSid } = h.emulator.ready.activities as Record<string, string>;
    const toBreak = await h.host.handlers.setActivity({ activitySid: breakSid! });
    expect(toBreak).toMatchObject({ ok: true, value: { activitySid: breakSid, available: false } });
    expect(engine.getWorker(h.workerSid)?.activitySid).toBe(breakSid);
    await h.host.handlers.setActivity({ activitySid: availableSid! });

    const { reservationSid } = await offered(h);
    await h.host.handlers.acceptReservation({ reservationSid });
    const next = await h.host.handlers.setNextActivity({ activitySid: lunchSid! });
    expect(next).toMatchObject({ ok: true, value: { nextActivitySid: lunchSid, activitySid: availableSid } });
    expect(engine.getWorker(h.workerSid)?.activitySid).toBe(availableSid);
    await h.host.handlers.completeReservation({ reservationSid });
    await waitFor(() => engine.getWorker(h!.workerSid)?.activitySid === lunchSid, { description: 'worker moved to Lunch after completing' });
    const snapshot = await h.host.handlers.getSnapshot({});
    await waitFor(async () => {
      const s = await h!.host.handlers.getSnapshot({});
      return s.ok && s.value.worker?.activitySid === lunchSid && s.value.worker?.nextActivitySid === null;
    }, { description: `snapshot shows Lunch and no next activity (${JSON.stringify(snapshot.ok && snapshot.value.worker)})` });
  });

  it('"after these offers": the next activity applies when the pending offers end without a task (rejected), not only on a completion', async () => {
    h = await startHostHarness({ transport: 'subscribe' });
    const engine = h.emulator.running.engine;
    const { Break: breakSid } = h.emulator.ready.activities as Record<string, string>;
    const { reservationSid } = await offered(h);
    // The agent chose Break while an offer was pending: it is kept for "after".
    const next = await h.host.handlers.setNextActivity({ activitySid: breakSid! });
    expect(next).toMatchObject({ ok: true, value: { nextActivitySid: breakSid } });
    expect((await h.host.handlers.rejectReservation({ reservationSid })).ok).toBe(true);
    await waitFor(() => engine.getWorker(h!.workerSid)?.activitySid === breakSid, { description: 'worker moved to Break once the offer was rejected' });
  });

  it('lists the workspace workers and its activities', async () => {
    h = await startHostHarness({ transport: 'poll', workers: 3 });
    const workers = await h.host.handlers.listWorkers({});
    expect(workers.ok && workers.value.map((w) => w.sid).sort()).toEqual(h.emulator.ready.workers.map((w) => w.sid).sort());
    await waitFor(async () => {
      const s = await h!.host.handlers.getSnapshot({});
      return s.ok && s.value.activities.length === Object.keys(h!.emulator.ready.activities).length && s.value.workspace?.timeoutActivitySid === h!.emulator.ready.activities['Missed'];
    }, { description: 'activities and workspace facts in the snapshot' });
  });
});
