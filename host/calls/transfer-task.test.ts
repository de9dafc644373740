import { describe, expect, it } from 'vitest';
import { newCall } from '../../shared/call-state';
import { describeParticipants } from './participants';
import { joinConferenceUrl, transferAttributes, transferOf } from './transfer-task';

const CF = 'CF' + '1'.repeat(32);
const WT = 'WT' + '2'.repeat(32);

describe('transfer tasks', () => {
  it('carry the agreed attributes and the caller\'s own fields, replacing those of an earlier transfer', () => {
    const attributes = transferAttributes(
      { caller_name: 'Dana', from: '+14155550100', queue: 'Sales', transfer_target_type: 'queue', transfer_mode: 'warm', transferred_by: 'Old' },
      { targetType: 'worker', targetSid: 'WK1', mode: 'cold', conferenceSid: CF, originalTaskSid: WT, byWorkerSid: 'WK0', byName: null, customerCallSid: 'CA9' },
    );
    expect(attributes).toEqual({
      caller_name: 'Dana',
      from: '+14155550100',
      queue: 'Sales',
      call_sid: 'CA9',
      transfer_target_type: 'worker',
      transfer_target_sid: 'WK1',
      transfer_mode: 'cold',
      conference_sid: CF,
      original_task_sid: WT,
      transferred_by_worker_sid: 'WK0',
    });
    expect(transferOf(attributes)).toEqual({ conferenceSid: CF, originalTaskSid: WT, mode: 'cold', byName: null });
  });

  it('are recognized only with well-formed SIDs and a known target type (hostile attributes are not a transfer)', () => {
    expect(transferOf({})).toBeNull();
    expect(transferOf({ conference_sid: 'CF<script>', original_task_sid: WT, transfer_target_type: 'worker' })).toBeNull();
    expect(transferOf({ conference_sid: CF, original_task_sid: WT, transfer_target_type: 'nobody' })).toBeNull();
    expect(transferOf({ conference_sid: CF, original_task_sid: WT, transfer_target_type: 'queue', transfer_mode: 'warm' })?.mode).toBe('warm');
  });

  it('join the conference through the TwiML URL, keeping its own query', () => {
    expect(joinConferenceUrl('http://127.0.0.1:3000/twiml/demo-app', WT)).toBe(`http://127.0.0.1:3000/twiml/demo-app?To=conference%3A${WT}`);
    expect(joinConferenceUrl('https://example.com/voice?key=1', WT)).toBe(`https://example.com/voice?key=1&To=conference%3A${WT}`);
  });
});

describe('participants', () => {
  it('names everyone with a role and a state, and keeps those who left as "left"', () => {
    const call = { ...newCall({ id: 'CA1', direction: 'inbound', phase: 'ringing', at: 0, callSid: 'CA1', remote: { name: 'Dana', number: null }, customerCallSid: 'CA2' }) };
    const first = describeParticipants(call, [
      { callSid: 'CA1', label: 'worker', status: 'connected', hold: false, muted: true },
      { callSid: 'CA2', label: 'customer', status: 'connected', hold: true, muted: false },
      { callSid: 'CA3', label: 'external', status: 'ringing', hold: false, muted: false },
    ], new Map([['CA3', { label: '+15557650001', role: 'external' as const }]]));
    expect(first).toEqual([
      { callSid: 'CA1', label: '', role: 'me', state: 'muted' },
      { callSid: 'CA2', label: 'Dana', role: 'customer', state: 'onHold' },
      { callSid: 'CA3', label: '+15557650001', role: 'external', state: 'ringing' },
    ]);
    const later = describeParticipants({ ...call, participants: first }, [{ callSid: 'CA1', label: 'worker', status: 'connected', hold: false, muted: false }, { callSid: 'CA2', label: 'customer', status: 'connected', hold: false, muted: false }], new Map());
    expect(later.find((p) => p.callSid === 'CA3')).toEqual({ callSid: 'CA3', label: '+15557650001', role: 'external', state: 'left' });
  });
});
