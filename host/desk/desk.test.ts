import { describe, expect, it } from 'vitest';
import { DEFAULT_DESK_SETTINGS, type WrapUp } from '../../shared/desk';
import type { Reservation } from '../../shared/model';
import { ok } from '../../shared/result';
import type { RawTask, TaskRouterApi } from '../twilio/api';
import { StatusError } from '../twilio/status-error';
import type { Clock } from '../types';
import { callerKey, matchExpression } from './previous-contacts';
import { TIMED_OUT_OUTCOME, withWrapUpOutcome } from './insights-attributes';
import { WrapUpKeeper } from './wrap-up-keeper';

const manualClock = () => {
  let now = 1_000_000;
  const timers: Array<{ at: number; fn: () => void; done: boolean }> = [];
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const t = { at: now + ms, fn, done: false };
      timers.push(t);
      return t;
    },
    clearTimeout: (t) => void ((t as { done: boolean }).done = true),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers) {
      if (t.done || t.at > now) continue;
      t.done = true;
      t.fn();
    }
  };
  return { clock, advance };
};

const wrapping = { sid: 'WR1', taskSid: 'WT1', status: 'wrapping' } as Reservation;
const task = (attributes: Record<string, unknown>): RawTask => ({ sid: 'WT1', assignmentStatus: 'wrapping', queueSid: null, queueName: null, channel: 'voice', priority: 0, dateCreatedMs: 0, reason: null, attributes, workflowSid: null });

describe('Flex Insights attributes', () => {
  it('merge into conversations without losing anything written by others', () => {
    expect(withWrapUpOutcome({ a: 1, conversations: { queue_time: 4, outcome: 'old' } }, { disposition: 'Resolved', notes: ' fixed \n' })).toEqual({ a: 1, conversations: { queue_time: 4, outcome: 'Resolved', content: 'fixed' } });
    expect(withWrapUpOutcome({ conversations: 'not an object' }, { disposition: null, notes: '' })).toEqual({ conversations: {} });
  });
});

describe('previous contacts', () => {
  it('match on a safe caller value only', () => {
    expect(callerKey({ from: '+14155550100' })).toEqual({ attribute: 'from', value: '+14155550100' });
    expect(matchExpression({ attribute: 'from', value: '+14155550100' })).toBe('from == "+14155550100"');
    expect(callerKey({ from: 'a" OR "1" == "1' })).toBeNull();
    expect(callerKey({ from: 42, caller: 'client:alice' })).toEqual({ attribute: 'caller', value: 'client:alice' });
  });
});

describe('wrap-up keeper', () => {
  it('reads the task again after a 412 and writes on the new version; on time-out a missing required disposition is said so', async () => {
    const { clock, advance } = manualClock();
    const writes: Array<{ version: string; attributes: Record<string, unknown> }> = [];
    let version = 1;
    const api = {
      fetchVersionedTask: async () => ({ task: task({ caller: 'x', v: version }), version: String(version) }),
      updateTaskAttributes: async (_sid: string, attributes: Record<string, unknown>, v: string) => {
        if (writes.length === 0) {
          writes.push({ version: v, attributes });
          version++; // someone else wrote meanwhile
          throw new StatusError('Precondition failed', 412);
        }
        writes.push({ version: v, attributes });
        return task(attributes);
      },
    } as unknown as TaskRouterApi;
    const completed: string[] = [];
    const updates: WrapUp[] = [];
    const keeper = new WrapUpKeeper({
      clock,
      settings: () => ({ ...DEFAULT_DESK_SETTINGS, wrapUpSeconds: 10, dispositionRequired: true }),
      api: () => ok(api),
      reservation: () => wrapping,
      complete: async (sid) => (completed.push(sid), ok({ ...wrapping, status: 'completed' })),
      emitUpdated: (w) => updates.push(w),
      emitEnded: () => undefined,
    });
    keeper.onReservation(wrapping);
    expect(updates[0]!.deadline).toBe(clock.now() + 10_000);
    keeper.save('WR1', { disposition: null, notes: 'spoke to tier 2' });
    advance(9_999);
    expect(completed).toEqual([]);
    advance(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(writes.map((w) => w.version)).toEqual(['1', '2']);
    expect(writes[1]!.attributes).toEqual({ caller: 'x', v: 2, conversations: { outcome: TIMED_OUT_OUTCOME, content: 'spoke to tier 2' } });
    expect(completed).toEqual(['WR1']);
  });
});
