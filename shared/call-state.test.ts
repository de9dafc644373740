import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALL_END_REASONS, callControls, callHeadline, callState, newCall, reduceCall, type CallEvent, type CallState } from './call-state';

const ringing = () => newCall({ id: 'CA1', direction: 'inbound', phase: 'ringing', at: 1_000, remote: { name: 'Dana', number: '+14155550100' } });
const run = (s: CallState, ...events: CallEvent[]) => events.reduce(reduceCall, s);

describe('the call state machine', () => {
  it('rings, goes live on answer, holds and resumes with a hold timer, and ends with the reason', () => {
    let s = ringing();
    expect(callHeadline(s, 1_000)).toEqual({ key: 'ringing', who: 'Dana' });
    s = run(s, { type: 'answered', at: 2_000 });
    expect(s).toMatchObject({ phase: 'live', liveAt: 2_000 });
    expect(callHeadline(s, 5_000)).toEqual({ key: 'live', who: 'Dana' });
    s = run(s, { type: 'hold', held: true, at: 3_000 });
    expect(s).toMatchObject({ phase: 'onHold', holdStartedAt: 3_000 });
    expect(callHeadline(s, 4_000)).toEqual({ key: 'onHold', who: 'Dana' });
    s = run(s, { type: 'hold', held: false, at: 4_000 });
    expect(s).toMatchObject({ phase: 'live', holdStartedAt: null });
    s = run(s, { type: 'ended', reason: 'agentHungUp', at: 2_000 + 192_000 });
    expect(s).toMatchObject({ phase: 'ended', endReason: 'agentHungUp' });
    expect(callHeadline(s, 999_999)).toEqual({ key: 'ended', reason: 'agentHungUp', talkMs: 192_000 });
  });

  it('says the caller hung up, with the talk time, when the customer leaves mid-call, and keeps it as the end reason when the agent hangs up after', () => {
    let s = run(ringing(), { type: 'answered', at: 10_000 }, { type: 'customerLeft', at: 10_000 + 192_400 });
    expect(s.phase).toBe('callerLeft');
    expect(callHeadline(s, 10_000 + 300_000)).toEqual({ key: 'callerLeft', talkMs: 192_400 });
    expect(callControls(s).wrapUp).toBe(false); // no reservation linked here
    s = run(s, { type: 'linked', patch: { reservationSid: 'WR1' } });
    expect(callControls(s).wrapUp).toBe(true);
    s = run(s, { type: 'ended', reason: 'agentHungUp', at: 400_000 });
    expect(s.endReason).toBe('callerHungUp');
  });

  it('a caller who hangs up while the agent rings is "before you answered", not a mid-call hang-up', () => {
    const s = run(ringing(), { type: 'ended', reason: 'callerHungUp', at: 3_000 });
    expect(s.endReason).toBe('callerHungUpBeforeAnswer');
    expect(callHeadline(s, 3_000)).toEqual({ key: 'ended', reason: 'callerHungUpBeforeAnswer', talkMs: null });
  });

  it('an outgoing call connects the agent first and goes live when the far end answers', () => {
    let s = newCall({ id: 'out-1', direction: 'outbound', phase: 'connecting', at: 0, remote: { name: null, number: '+15557654321' } });
    expect(callHeadline(s, 0)).toEqual({ key: 'connecting', who: '+15557654321' });
    s = run(s, { type: 'answered', at: 500 });
    expect(s.phase).toBe('connecting');
    expect(callHeadline(s, 600)).toEqual({ key: 'calling', who: '+15557654321' });
    s = run(s, { type: 'remoteAnswered', at: 1_500 });
    expect(s).toMatchObject({ phase: 'live', liveAt: 500 });
  });

  it('never moves backwards: late and duplicate events leave the state as it is (the same object)', () => {
    const ended = run(ringing(), { type: 'answered', at: 2 }, { type: 'ended', reason: 'remoteEnded', at: 3 });
    for (const e of [
      { type: 'answered', at: 4 },
      { type: 'hold', held: true, at: 4 },
      { type: 'customerLeft', at: 4 },
      { type: 'ended', reason: 'agentHungUp', at: 4 },
      { type: 'error', error: { code: 'internal', message: 'late' } },
      { type: 'muted', muted: true },
    ] satisfies CallEvent[]) {
      expect(reduceCall(ended, e)).toBe(ended);
    }
    const live = run(ringing(), { type: 'answered', at: 2 });
    expect(reduceCall(live, { type: 'answered', at: 5 })).toBe(live);
    expect(reduceCall(live, { type: 'hold', held: false, at: 5 })).toBe(live);
  });

  it('an error belongs to its call: it is kept on that call and cleared with null', () => {
    const gone = { code: 'not_found' as const, message: 'The caller is no longer on the call.', reason: 'caller_gone' };
    let s = run(ringing(), { type: 'answered', at: 1 }, { type: 'error', error: gone });
    expect(s.error).toEqual(gone);
    s = run(s, { type: 'error', error: null });
    expect(s.error).toBeNull();
    // A new call starts clean, whatever the last one said.
    expect(ringing().error).toBeNull();
  });

  it('offers hold, transfer and participants only on a live conference call with a known customer', () => {
    const live = run(ringing(), { type: 'answered', at: 1 });
    expect(callControls(live)).toMatchObject({ hold: false, transfer: false, addParticipant: false, mute: true, hangUp: true, answer: false });
    const conferenced = run(live, { type: 'linked', patch: { conferenceSid: 'CF1', customerCallSid: 'CA9' } });
    expect(callControls(conferenced)).toMatchObject({ hold: true, transfer: true, addParticipant: true });
    expect(callControls(ringing())).toMatchObject({ answer: true, hold: false, mute: false });
  });

  it('any sequence of events yields a state the contract accepts, and an ended call stays ended', () => {
    const event: fc.Arbitrary<CallEvent> = fc.oneof(
      fc.record({ type: fc.constant('answered' as const), at: fc.nat() }),
      fc.record({ type: fc.constant('remoteAnswered' as const), at: fc.nat() }),
      fc.record({ type: fc.constant('hold' as const), held: fc.boolean(), at: fc.nat() }),
      fc.record({ type: fc.constant('muted' as const), muted: fc.boolean() }),
      fc.record({ type: fc.constant('customerLeft' as const), at: fc.nat() }),
      fc.record({ type: fc.constant('ended' as const), reason: fc.constantFrom(...CALL_END_REASONS), at: fc.nat() }),
      fc.record({ type: fc.constant('error' as const), error: fc.option(fc.record({ code: fc.constant('internal' as const), message: fc.string() }), { nil: null }) }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), fc.boolean(), (events, inbound) => {
        let s = inbound ? ringing() : newCall({ id: 'o', direction: 'outbound', phase: 'connecting', at: 0 });
        let endedOnce = false;
        for (const e of events) {
          s = reduceCall(s, e);
          if (endedOnce) expect(s.phase).toBe('ended');
          if (s.phase === 'ended') endedOnce = true;
          expect(callState.safeParse(s).success).toBe(true);
          expect(s.phase === 'onHold').toBe(s.holdStartedAt !== null);
        }
      }),
    );
  });
});
