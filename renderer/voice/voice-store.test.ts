import { describe, expect, it } from 'vitest';
import { newCall, reduceCall } from '../../shared/call-state';
import { createVoiceStore, currentCall, replaceCalls, upsertCall } from './voice-store';

describe('the voice store', () => {
  it('keeps an error with its call: it goes when that call ends, and the next call starts without it', () => {
    const store = createVoiceStore();
    const first = reduceCall(newCall({ id: 'CA1', direction: 'inbound', phase: 'ringing', at: 1 }), { type: 'answered', at: 2 });
    upsertCall(store, first);
    // A hold that failed before the host could record it (the link was down).
    const gone = { code: 'not_found' as const, message: 'The caller is no longer on the call.', reason: 'caller_gone' };
    store.setState({ requestErrors: { CA1: gone } });
    expect(store.getState().requestErrors).toEqual({ CA1: gone });
    upsertCall(store, reduceCall(first, { type: 'ended', reason: 'agentHungUp', at: 3 }));
    expect(store.getState().requestErrors).toEqual({});
    const second = newCall({ id: 'CA2', direction: 'inbound', phase: 'ringing', at: 10 });
    upsertCall(store, second);
    expect(currentCall(store.getState())?.id).toBe('CA2');
    expect(store.getState().requestErrors['CA2']).toBeUndefined();
    expect(currentCall(store.getState())?.error).toBeNull();
  });

  it('shows the newest live call, else the last ended one; a reload drops errors of calls that are gone', () => {
    const store = createVoiceStore();
    const ended = reduceCall(reduceCall(newCall({ id: 'A', direction: 'inbound', phase: 'ringing', at: 1 }), { type: 'answered', at: 2 }), { type: 'ended', reason: 'remoteEnded', at: 5 });
    replaceCalls(store, [ended]);
    expect(currentCall(store.getState())?.id).toBe('A');
    const x = { code: 'internal' as const, message: 'x' };
    const y = { code: 'internal' as const, message: 'y' };
    store.setState({ requestErrors: { A: x, B: y } });
    replaceCalls(store, [ended, newCall({ id: 'B', direction: 'outbound', phase: 'connecting', at: 6 })]);
    expect(currentCall(store.getState())?.id).toBe('B');
    expect(store.getState().requestErrors).toEqual({ B: y });
  });
});
