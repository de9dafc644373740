import { describe, expect, it, vi } from 'vitest';
import { REJECTIONS_BEFORE_CANCEL } from './engine';
import { makeEngine } from './test-fixture';
import type { DialOutcome, DialRequest } from './types';

describe('routing', () => {
  it('reserves a new task for the first available, eligible worker and emits the events in order', () => {
    const { engine, workers, createTask, events } = makeEngine();
    const task = createTask();
    const [reservation] = engine.listReservations({ taskSid: task.sid });
    expect(reservation?.workerSid).toBe(workers[0]);
    expect(reservation?.status).toBe('pending');
    expect(engine.getTask(task.sid)?.assignmentStatus).toBe('reserved');
    expect(events.map((e) => e.type)).toEqual(['task.created', 'reservation.created']);
  });

  it('routes by the workflow filter and the queue expression (skills HAS)', () => {
    const { engine, workers, createTask } = makeEngine({ workers: 4 });
    // Billing: Alice, Bob and Dmitri have the skill; Chandra does not.
    const taken = [createTask({ queue: 'Billing' }), createTask({ queue: 'Billing' }), createTask({ queue: 'Billing' }), createTask({ queue: 'Billing' })];
    const reserved = taken.flatMap((t) => engine.listReservations({ taskSid: t.sid }).map((r) => r.workerSid));
    expect(reserved).toHaveLength(3);
    expect(reserved).not.toContain(workers[2]);
    expect(engine.getTask(taken[3]!.sid)?.assignmentStatus).toBe('pending');
  });

  it('does not offer a task to an unavailable worker, and offers it once the worker becomes available', () => {
    const { engine, workers, createTask, setActivity } = makeEngine({ workers: 1 });
    setActivity(workers[0]!, 'Offline');
    const task = createTask();
    expect(engine.listReservations({ taskSid: task.sid })).toHaveLength(0);
    setActivity(workers[0]!, 'Available');
    expect(engine.listReservations({ taskSid: task.sid, status: 'pending' })).toHaveLength(1);
  });

  it('reserves up to max_reserved_workers at once and rescinds the others when one accepts', () => {
    const { engine, createTask, pendingFor } = makeEngine();
    const support = engine.listTaskQueues().find((q) => q.friendlyName === 'Support')!;
    expect(engine.updateTaskQueue(support.sid, { MaxReservedWorkers: '3' }).ok).toBe(true);
    const task = createTask();
    const offers = pendingFor(task.sid);
    expect(offers).toHaveLength(3);
    const accepted = engine.updateReservation(offers[1]!.sid, { ReservationStatus: 'accepted' });
    expect(accepted.ok).toBe(true);
    const statuses = engine.listReservations({ taskSid: task.sid }).map((r) => [r.sid, r.status]);
    expect(statuses).toEqual([
      [offers[0]!.sid, 'rescinded'],
      [offers[1]!.sid, 'accepted'],
      [offers[2]!.sid, 'rescinded'],
    ]);
    expect(engine.getTask(task.sid)?.assignmentStatus).toBe('assigned');
  });

  it('refuses max_reserved_workers above 50', () => {
    const { engine } = makeEngine();
    const queue = engine.listTaskQueues()[0]!;
    const result = engine.updateTaskQueue(queue.sid, { MaxReservedWorkers: '51' });
    expect(result.ok).toBe(false);
    expect(engine.getTaskQueue(queue.sid)?.maxReservedWorkers).toBe(1);
  });

  it('honours worker capacity: a busy worker gets the next task only when the first is completed', () => {
    const { engine, workers, createTask, pendingFor } = makeEngine({ workers: 1 });
    const first = createTask();
    const r1 = pendingFor(first.sid)[0]!;
    engine.updateReservation(r1.sid, { ReservationStatus: 'accepted' });
    const second = createTask();
    expect(pendingFor(second.sid)).toHaveLength(0);
    engine.updateReservation(r1.sid, { ReservationStatus: 'wrapping' });
    expect(engine.getTask(first.sid)?.assignmentStatus).toBe('wrapping');
    expect(pendingFor(second.sid)).toHaveLength(0);
    engine.updateReservation(r1.sid, { ReservationStatus: 'completed' });
    expect(engine.getTask(first.sid)?.assignmentStatus).toBe('completed');
    expect(pendingFor(second.sid)[0]?.workerSid).toBe(workers[0]);
  });

  it('offers higher-priority tasks first', () => {
    const { workers, createTask, setActivity, pendingFor } = makeEngine({ workers: 1 });
    setActivity(workers[0]!, 'Offline');
    const low = createTask({ queue: 'Support' }, { Priority: '1' });
    const high = createTask({ queue: 'Support' }, { Priority: '10' });
    setActivity(workers[0]!, 'Available');
    expect(pendingFor(high.sid)).toHaveLength(1);
    expect(pendingFor(low.sid)).toHaveLength(0);
  });
});

describe('reservation timeout', () => {
  it('times out after the workflow timeout, moves the worker to the timeout activity and re-offers the task', () => {
    const { engine, clock, workers, createTask, pendingFor, activity } = makeEngine({ reservationTimeoutSeconds: 30 });
    const task = createTask();
    const first = pendingFor(task.sid)[0]!;
    clock.advance(29_999);
    expect(engine.getReservation(first.sid)?.status).toBe('pending');
    clock.advance(1);
    expect(engine.getReservation(first.sid)?.status).toBe('timeout');
    expect(engine.getWorker(workers[0]!)?.activitySid).toBe(activity('Missed'));
    const again = pendingFor(task.sid);
    expect(again).toHaveLength(1);
    expect(again[0]!.workerSid).toBe(workers[1]);
    expect(engine.getTask(task.sid)?.assignmentStatus).toBe('reserved');
  });

  it('puts the task back to pending when nobody else can take it', () => {
    const { engine, clock, createTask, pendingFor } = makeEngine({ workers: 1, reservationTimeoutSeconds: 10 });
    const task = createTask();
    clock.advance(10_000);
    expect(pendingFor(task.sid)).toHaveLength(0);
    expect(engine.getTask(task.sid)?.assignmentStatus).toBe('pending');
  });

  it('uses the timeout the workflow had when the reservation was made; TaskReservationTimeout is 1..86,400', () => {
    const { engine, clock, workers, createTask, pendingFor } = makeEngine({ reservationTimeoutSeconds: 5 });
    const workflow = engine.listWorkflows()[0]!;
    const task = createTask();
    const first = pendingFor(task.sid)[0]!;
    expect(engine.updateWorkflow(workflow.sid, { TaskReservationTimeout: '86401' }).ok).toBe(false);
    expect(engine.updateWorkflow(workflow.sid, { TaskReservationTimeout: '60' }).ok).toBe(true);
    clock.advance(5_000);
    expect(engine.getReservation(first.sid)?.status).toBe('timeout');
    const second = pendingFor(task.sid)[0]!;
    expect(second.workerSid).toBe(workers[1]);
    clock.advance(59_000);
    expect(engine.getReservation(second.sid)?.status).toBe('pending');
    clock.advance(1_000);
    expect(engine.getReservation(second.sid)?.status).toBe('timeout');
  });
});

describe('reject', () => {
  it('without WorkerActivitySid returns the worker to its previous activity and offers the task to the next worker', () => {
    const { engine, workers, createTask, pendingFor, activity } = makeEngine();
    const task = createTask();
    const first = pendingFor(task.sid)[0]!;
    const result = engine.updateReservation(first.sid, { ReservationStatus: 'rejected' });
    expect(result.ok && result.value.status).toBe('rejected');
    expect(engine.getWorker(workers[0]!)?.activitySid).toBe(activity('Available'));
    expect(pendingFor(task.sid)[0]?.workerSid).toBe(workers[1]);
  });

  it('with WorkerActivitySid moves the worker there', () => {
    const { engine, workers, createTask, pendingFor, activity } = makeEngine();
    const task = createTask();
    const first = pendingFor(task.sid)[0]!;
    expect(engine.updateReservation(first.sid, { ReservationStatus: 'rejected', WorkerActivitySid: activity('Break') }).ok).toBe(true);
    expect(engine.getWorker(workers[0]!)?.activitySid).toBe(activity('Break'));
  });

  it('refuses an unknown WorkerActivitySid without changing anything', () => {
    const { engine, createTask, pendingFor } = makeEngine();
    const task = createTask();
    const first = pendingFor(task.sid)[0]!;
    const before = JSON.stringify(engine.dump());
    const result = engine.updateReservation(first.sid, { ReservationStatus: 'rejected', WorkerActivitySid: `WA${'0'.repeat(32)}` });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(engine.dump())).toBe(before);
  });

  it(`cancels the task after ${REJECTIONS_BEFORE_CANCEL} rejections`, () => {
    const { engine, workers, createTask, pendingFor, setActivity } = makeEngine();
    setActivity(workers[1]!, 'Offline');
    setActivity(workers[2]!, 'Offline');
    const task = createTask();
    for (let i = 0; i < REJECTIONS_BEFORE_CANCEL; i++) {
      const offer = pendingFor(task.sid)[0];
      expect(offer, `offer #${i + 1}`).toBeDefined();
      expect(engine.updateReservation(offer!.sid, { ReservationStatus: 'rejected' }).ok).toBe(true);
      if (i === REJECTIONS_BEFORE_CANCEL - 2) expect(engine.getTask(task.sid)?.assignmentStatus).toBe('reserved');
    }
    expect(engine.getTask(task.sid)?.assignmentStatus).toBe('canceled');
    expect(engine.getTask(task.sid)?.reason).toMatch(/1000 rejections/);
    expect(pendingFor(task.sid)).toHaveLength(0);
  });
});

describe('refused and conflicting updates', () => {
  it('refuses to update a reservation that is no longer pending, in Twilio words', () => {
    const { engine, createTask, pendingFor } = makeEngine();
    const task = createTask();
    const r = pendingFor(task.sid)[0]!;
    expect(engine.updateReservation(r.sid, { ReservationStatus: 'accepted' }).ok).toBe(true);
    const again = engine.updateReservation(r.sid, { ReservationStatus: 'accepted' });
    expect(again).toEqual({ ok: false, error: { status: 400, code: 20001, message: `Reservation ${r.sid} is already in state [accepted] and cannot be updated to [accepted]` } });
    const reject = engine.updateReservation(r.sid, { ReservationStatus: 'rejected' });
    expect(reject.ok).toBe(false);
    const conference = engine.updateReservation(r.sid, { Instruction: 'conference', To: 'client:alice' });
    expect(!conference.ok && conference.error.message).toMatch(/\[accepted\]/);
  });

  it('refuses completing a pending reservation and wrapping a pending one', () => {
    const { engine, createTask, pendingFor } = makeEngine();
    const r = pendingFor(createTask().sid)[0]!;
    expect(engine.updateReservation(r.sid, { ReservationStatus: 'completed' }).ok).toBe(false);
    expect(engine.updateReservation(r.sid, { ReservationStatus: 'wrapping' }).ok).toBe(false);
    expect(engine.getReservation(r.sid)?.status).toBe('pending');
  });

  it('answers 412 when If-Match does not match the version, and accepts the current version', () => {
    const { engine, createTask, pendingFor } = makeEngine();
    const r = pendingFor(createTask().sid)[0]!;
    const version = r.version;
    const stale = engine.updateReservation(r.sid, { ReservationStatus: 'accepted' }, { ifMatch: String(version + 5) });
    expect(!stale.ok && stale.error.status).toBe(412);
    expect(engine.getReservation(r.sid)?.status).toBe('pending');
    const fresh = engine.updateReservation(r.sid, { ReservationStatus: 'accepted' }, { ifMatch: `"${version}"` });
    expect(fresh.ok && fresh.value.version).toBeGreaterThan(version);
  });

  it('increments worker and task versions and checks If-Match on them', () => {
    const { engine, workers, createTask } = makeEngine();
    const worker = engine.getWorker(workers[0]!)!;
    const v = worker.version;
    expect(engine.updateWorker(worker.sid, { Attributes: '{"contact_uri":"client:alice","skills":["support"]}' }).ok).toBe(true);
    expect(engine.getWorker(worker.sid)!.version).toBe(v + 1);
    expect(engine.updateWorker(worker.sid, { FriendlyName: 'X' }, { ifMatch: String(v) }).ok).toBe(false);
    const task = createTask();
    const stale = engine.updateTask(task.sid, { Priority: '3' }, { ifMatch: String(task.version + 1) });
    expect(!stale.ok && stale.error.code).toBe(20412);
  });

  it('answers 404 for a reservation reached through the wrong worker or task', () => {
    const { engine, workers, createTask, pendingFor } = makeEngine();
    const r = pendingFor(createTask().sid)[0]!;
    const other = engine.updateReservation(r.sid, { ReservationStatus: 'accepted' }, { workerSid: workers[1]! });
    expect(!other.ok && other.error.status).toBe(404);
  });

  it('refuses unknown and mistyped parameters without changing state', () => {
    const { engine, createTask, pendingFor } = makeEngine();
    const r = pendingFor(createTask().sid)[0]!;
    const before = JSON.stringify(engine.dump());
    for (const params of [{ ReservationStatus: 'accepted', Bogus: '1' }, { ReservationStatus: 'maybe' }, { Instruction: 'call', CallFrom: '+15555550100', CallUrl: 'https://x.test/t', CallAccept: 'perhaps' }, { Instruction: 'conference', To: 'client:a', MaxParticipants: '1' }, { ReservationStatus: ['accepted', 'rejected'] }, {}]) {
      const result = engine.updateReservation(r.sid, params);
      expect(result.ok, JSON.stringify(params)).toBe(false);
      expect(!result.ok && result.error.status).toBe(400);
    }
    expect(JSON.stringify(engine.dump())).toBe(before);
  });

  it('refuses moving a worker with a pending reservation to an unavailable activity unless RejectPendingReservations', () => {
    const { engine, workers, createTask, pendingFor, activity } = makeEngine();
    const task = createTask();
    const r = pendingFor(task.sid)[0]!;
    expect(engine.updateWorker(workers[0]!, { ActivitySid: activity('Break') }).ok).toBe(false);
    expect(engine.updateWorker(workers[0]!, { ActivitySid: activity('Break'), RejectPendingReservations: 'true' }).ok).toBe(true);
    expect(engine.getReservation(r.sid)?.status).toBe('rejected');
    expect(engine.getWorker(workers[0]!)?.activitySid).toBe(activity('Break'));
    expect(pendingFor(task.sid)[0]?.workerSid).toBe(workers[1]);
  });
});

describe('instructions', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['dequeue without DequeueFrom', { Instruction: 'dequeue' }, /DequeueFrom/],
    ['call without CallFrom', { Instruction: 'call', CallUrl: 'https://example.com/twiml' }, /CallFrom/],
    ['call without CallUrl', { Instruction: 'call', CallFrom: '+15555550100' }, /CallUrl/],
    ['redirect without RedirectCallSid', { Instruction: 'redirect', RedirectUrl: 'https://example.com/twiml' }, /RedirectCallSid/],
    ['redirect without RedirectUrl', { Instruction: 'redirect', RedirectCallSid: `CA${'a'.repeat(32)}` }, /RedirectUrl/],
  ];
  for (const [name, params, message] of cases) {
    it(`refuses ${name}`, () => {
      const { engine, createTask, pendingFor } = makeEngine();
      const r = pendingFor(createTask().sid)[0]!;
      const result = engine.updateReservation(r.sid, params);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toMatchObject({ status: 400, code: 20001 });
      expect(!result.ok && result.error.message).toMatch(message);
      expect(engine.getReservation(r.sid)?.instruction).toBeNull();
    });
  }

  it('refuses conference when the worker has no contact_uri and no To is given', () => {
    const { engine, workers, createTask, pendingFor } = makeEngine();
    engine.updateWorker(workers[0]!, { Attributes: '{"skills":["support"]}' });
    const r = pendingFor(createTask().sid)[0]!;
    const result = engine.updateReservation(r.sid, { Instruction: 'conference' });
    expect(!result.ok && result.error.message).toMatch(/contact_uri/);
    expect(engine.updateReservation(r.sid, { Instruction: 'conference', To: 'client:someone' }).ok).toBe(true);
  });

  it('conference: records every parameter, rings the contact_uri, accepts once the worker leg answered', async () => {
    const { engine, createTask, pendingFor } = makeEngine();
    const task = createTask({ queue: 'Support', call_sid: `CA${'b'.repeat(32)}`, from: '+15555550142' });
    const r = pendingFor(task.sid)[0]!;
    const result = engine.updateReservation(r.sid, {
      Instruction: 'conference',
      From: '+15555550100',
      Timeout: '30',
      StatusCallbackEvent: ['ringing', 'answered'],
      EndConferenceOnExit: 'true',
      ConferenceStatusCallbackEvent: 'start',
    });
    expect(result.ok && result.value.status).toBe('pending');
    await vi.waitFor(() => expect(engine.getReservation(r.sid)?.status).toBe('accepted'), { timeout: 2000 });
    const instruction = engine.getReservation(r.sid)!.instruction!;
    expect(instruction.name).toBe('conference');
    expect(instruction.params).toEqual({ From: '+15555550100', Timeout: 30, StatusCallbackEvent: ['ringing', 'answered'], EndConferenceOnExit: true, ConferenceStatusCallbackEvent: ['start'] });
    expect(instruction.outcome).toBe('answered');
    const conference = engine.calls.conferences.get(instruction.conferenceSid!);
    expect(conference?.friendlyName).toBe(task.sid);
    expect([...engine.calls.participants.get(conference!.sid)!.keys()]).toContain(`CA${'b'.repeat(32)}`);
    expect(engine.getTask(task.sid)?.assignmentStatus).toBe('assigned');
  });

  it('accepts the Worker SDK spellings: comma-separated events, boolean Beep, DequeueStatusCallbackEvents, Transcribe', () => {
    const { engine, createTask, pendingFor } = makeEngine();
    const a = pendingFor(createTask().sid)[0]!;
    const conference = engine.updateReservation(a.sid, { Instruction: 'conference', StatusCallbackEvent: 'ringing,answered', Beep: false, Transcribe: true, Timeout: 20 });
    expect(conference.ok).toBe(true);
    expect(engine.getReservation(a.sid)?.instruction?.params).toEqual({ StatusCallbackEvent: ['ringing', 'answered'], Beep: 'false', Transcribe: true, Timeout: 20 });
    const b = pendingFor(createTask().sid)[0]!;
    const dequeue = engine.updateReservation(b.sid, { Instruction: 'dequeue', DequeueFrom: '+15555550100', DequeueStatusCallbackEvents: 'completed' });
    expect(dequeue.ok).toBe(true);
    expect(engine.getReservation(b.sid)?.instruction?.params['DequeueStatusCallbackEvents']).toEqual(['completed']);
    const c = pendingFor(createTask().sid)[0]!;
    expect(engine.updateReservation(c.sid, { Instruction: 'conference', StatusCallbackEvent: 'ringing,exploded' }).ok).toBe(false);
  });

  it('passes the dial to the voice bridge seam; when the worker does not answer the held reservation is canceled and the task offered again', async () => {
    const { engine, createTask, pendingFor, events, workers } = makeEngine();
    const dials: DialRequest[] = [];
    engine.setVoiceBridge({
      dialWorker: async (request): Promise<DialOutcome> => {
        dials.push(request);
        return { outcome: 'no-answer', reason: 'nobody picked up' };
      },
    });
    const task = createTask();
    const r = pendingFor(task.sid)[0]!;
    engine.updateReservation(r.sid, { Instruction: 'dequeue', DequeueFrom: '+15555550100', DequeueTimeout: '15' });
    await vi.waitFor(() => expect(engine.getReservation(r.sid)?.status).toBe('canceled'), { timeout: 2000 });
    expect(dials[0]).toMatchObject({ instruction: 'dequeue', to: 'client:alice', from: '+15555550100', timeoutSec: 15 });
    expect(engine.getReservation(r.sid)?.instruction).toMatchObject({ outcome: 'no-answer', reason: 'nobody picked up' });
    expect(events.some((e) => e.type === 'reservation.canceled' && e.reservationSid === r.sid)).toBe(true);
    expect(pendingFor(task.sid)[0]?.workerSid).toBe(workers[1]);
  });

  it('holds a reservation while the conference rings: its timeout no longer runs', async () => {
    const { engine, clock, createTask, pendingFor } = makeEngine({ reservationTimeoutSeconds: 10 });
    let answer: ((o: DialOutcome) => void) | undefined;
    engine.setVoiceBridge({ dialWorker: () => new Promise<DialOutcome>((resolve) => (answer = resolve)) });
    const r = pendingFor(createTask().sid)[0]!;
    engine.updateReservation(r.sid, { Instruction: 'conference' });
    clock.advance(60_000);
    expect(engine.getReservation(r.sid)?.status).toBe('pending');
    answer!({ outcome: 'answered', callSid: `CA${'d'.repeat(32)}` });
    await vi.waitFor(() => expect(engine.getReservation(r.sid)?.status).toBe('accepted'), { timeout: 2000 });
  });

  it('aborts a ringing dial when the task is canceled, and hangs up a leg that answers too late', async () => {
    const { engine, createTask, pendingFor, events } = makeEngine();
    const signals: AbortSignal[] = [];
    const hungUp: string[] = [];
    let answerLate: ((o: DialOutcome) => void) | undefined;
    engine.setVoiceBridge({
      dialWorker: (request) => {
        signals.push(request.signal!);
        return new Promise<DialOutcome>((resolve) => (answerLate = resolve));
      },
      hangUp: (callSid) => hungUp.push(callSid),
    });
    const task = createTask();
    const r = pendingFor(task.sid)[0]!;
    engine.updateReservation(r.sid, { Instruction: 'conference' });
    expect(signals[0]?.aborted).toBe(false);
    expect(engine.updateTask(task.sid, { AssignmentStatus: 'canceled', Reason: 'caller left' }).ok).toBe(true);
    expect(engine.getReservation(r.sid)?.status).toBe('canceled');
    expect(signals[0]?.aborted).toBe(true);
    answerLate!({ outcome: 'answered', callSid: `CA${'e'.repeat(32)}` });
    await vi.waitFor(() => expect(hungUp).toEqual([`CA${'e'.repeat(32)}`]), { timeout: 2000 });
    expect(engine.getReservation(r.sid)?.status).toBe('canceled');
    expect(events.filter((e) => e.type === 'reservation.failed')).toHaveLength(0);
  });

  it('cancels the task gracefully when the caller hangs up before the worker answers', async () => {
    const { engine, createTask, pendingFor } = makeEngine();
    engine.setVoiceBridge({ dialWorker: async () => ({ outcome: 'caller-hung-up', reason: 'caller left' }) });
    const task = createTask();
    const r = pendingFor(task.sid)[0]!;
    engine.updateReservation(r.sid, { Instruction: 'conference' });
    await vi.waitFor(() => expect(engine.getTask(task.sid)?.assignmentStatus).toBe('canceled'), { timeout: 2000 });
    expect(engine.getReservation(r.sid)?.status).toBe('canceled');
  });

  it('call with CallAccept=true accepts at once; redirect without RedirectAccept stays pending', () => {
    const { engine, createTask, pendingFor } = makeEngine();
    const a = pendingFor(createTask().sid)[0]!;
    const call = engine.updateReservation(a.sid, { Instruction: 'call', CallFrom: '+15555550100', CallUrl: 'https://example.com/twiml', CallAccept: 'true' });
    expect(call.ok && call.value.status).toBe('accepted');
    const b = pendingFor(createTask().sid)[0]!;
    const redirect = engine.updateReservation(b.sid, { Instruction: 'redirect', RedirectCallSid: `CA${'c'.repeat(32)}`, RedirectUrl: 'https://example.com/next' });
    expect(redirect.ok && redirect.value.status).toBe('pending');
    expect(engine.getReservation(b.sid)?.instruction?.params).toEqual({ RedirectCallSid: `CA${'c'.repeat(32)}`, RedirectUrl: 'https://example.com/next' });
  });

  it('moves the worker to DequeuePostWorkActivitySid when the reservation completes', async () => {
    const { engine, workers, createTask, pendingFor, activity } = makeEngine();
    const r = pendingFor(createTask().sid)[0]!;
    engine.updateReservation(r.sid, { Instruction: 'dequeue', DequeueFrom: '+15555550100', DequeuePostWorkActivitySid: activity('Wrap Up') });
    await vi.waitFor(() => expect(engine.getReservation(r.sid)?.status).toBe('accepted'), { timeout: 2000 });
    engine.updateReservation(r.sid, { ReservationStatus: 'completed' });
    expect(engine.getWorker(workers[0]!)?.activitySid).toBe(activity('Wrap Up'));
  });
});

describe('inbound calls', () => {
  it('uses the voice bridge for a real caller leg when it can, else a simulated record', () => {
    const { engine } = makeEngine();
    const simulated = engine.startInboundCall('+15555550142', '+15555550100');
    expect(engine.calls.calls.get(simulated)).toMatchObject({ direction: 'inbound', status: 'in-progress' });
    engine.setVoiceBridge({ dialWorker: async () => ({ outcome: 'failed', reason: 'n/a' }), startInboundCall: () => `CA${'f'.repeat(32)}` });
    expect(engine.startInboundCall('+15555550142', '+15555550100')).toBe(`CA${'f'.repeat(32)}`);
  });
});

describe('tasks', () => {
  it('cancels a task that is not assigned within its TTL ("Task TTL Exceeded")', () => {
    const { engine, clock, workers, createTask, setActivity } = makeEngine({ workers: 1 });
    setActivity(workers[0]!, 'Offline');
    const task = createTask({ queue: 'Support' }, { Timeout: '60' });
    clock.advance(59_000);
    expect(engine.getTask(task.sid)?.assignmentStatus).toBe('pending');
    clock.advance(1_000);
    expect(engine.getTask(task.sid)?.assignmentStatus).toBe('canceled');
    expect(engine.getTask(task.sid)?.reason).toBe('Task TTL Exceeded');
  });

  it('defaults the TTL to 86,400 s and leaves assigned tasks alone', () => {
    const { engine, clock, createTask, pendingFor } = makeEngine();
    const task = createTask();
    expect(task.timeout).toBe(86_400);
    clock.advance(1_000);
    engine.updateReservation(pendingFor(task.sid)[0]!.sid, { ReservationStatus: 'accepted' });
    // Past the TTL (86,400 s after creation), still inside the 24 hours an assigned task may live.
    clock.advance(86_399_500);
    expect(engine.getTask(task.sid)?.assignmentStatus).toBe('assigned');
    clock.advance(1_000);
    expect(engine.getTask(task.sid)).toBeUndefined();
  });

  it('canceling a reserved task cancels its pending reservation; canceling an assigned one is refused', () => {
    const { engine, createTask, pendingFor } = makeEngine();
    const a = createTask();
    const ra = pendingFor(a.sid)[0]!;
    expect(engine.updateTask(a.sid, { AssignmentStatus: 'canceled', Reason: 'caller left' }).ok).toBe(true);
    expect(engine.getReservation(ra.sid)?.status).toBe('canceled');
    const b = createTask();
    engine.updateReservation(pendingFor(b.sid)[0]!.sid, { ReservationStatus: 'accepted' });
    expect(engine.updateTask(b.sid, { AssignmentStatus: 'canceled' }).ok).toBe(false);
    expect(engine.updateTask(b.sid, { AssignmentStatus: 'completed', Reason: 'done' }).ok).toBe(true);
    expect(engine.listReservations({ taskSid: b.sid })[0]?.status).toBe('completed');
  });

  it('routes a pending task again when its attributes move it to another queue', () => {
    const { engine, workers, createTask, setActivity, pendingFor } = makeEngine({ workers: 3 });
    // Only Chandra (worker 2) sells; make her the only one available.
    setActivity(workers[0]!, 'Offline');
    setActivity(workers[1]!, 'Offline');
    const task = createTask({ queue: 'Billing' });
    expect(pendingFor(task.sid)).toHaveLength(0);
    expect(engine.updateTask(task.sid, { Attributes: JSON.stringify({ queue: 'Sales' }) }).ok).toBe(true);
    expect(engine.getTaskQueue(engine.getTask(task.sid)!.taskQueueSid!)?.friendlyName).toBe('Sales');
    expect(pendingFor(task.sid)[0]?.workerSid).toBe(workers[2]);
  });

  it('requires Attributes to be a JSON object', () => {
    const { engine } = makeEngine();
    expect(engine.createTask({ Attributes: '[1,2]' }).ok).toBe(false);
    expect(engine.createTask({ Attributes: '{nope' }).ok).toBe(false);
    expect(engine.listTasks().ok && engine.listTasks()).toMatchObject({ value: [] });
  });

  it('deleting a task removes it and its reservations and frees the worker', () => {
    const { engine, workers, createTask, pendingFor } = makeEngine({ workers: 1 });
    const a = createTask();
    const r = pendingFor(a.sid)[0]!;
    engine.updateReservation(r.sid, { ReservationStatus: 'accepted' });
    const b = createTask();
    expect(pendingFor(b.sid)).toHaveLength(0);
    expect(engine.deleteTask(a.sid).ok).toBe(true);
    expect(engine.getTask(a.sid)).toBeUndefined();
    expect(engine.getReservation(r.sid)).toBeUndefined();
    expect(pendingFor(b.sid)[0]?.workerSid).toBe(workers[0]);
  });
});

describe('reset', () => {
  it('load() rebuilds the same workspace with the same SIDs and no tasks', () => {
    const { engine, plan, createTask } = makeEngine();
    createTask();
    engine.load(plan);
    expect(engine.getWorkspace().sid).toBe(plan.workspace.sid);
    expect(engine.listTasks()).toMatchObject({ ok: true, value: [] });
    expect(engine.listReservations()).toEqual([]);
    expect(engine.getWorker(plan.workers[0]!.sid)?.version).toBe(0);
  });
});
