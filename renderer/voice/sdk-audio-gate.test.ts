import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REST_AFTER_MS, createSdkAudioGate } from './sdk-audio-gate';

/** An AudioContext's state machine: suspend and resume settle in the order asked, as in Chromium. */
class FakeContext {
  state: AudioContextState = 'running';
  private queue = Promise.resolve();
  readonly asked: string[] = [];
  suspend() {
    this.asked.push('suspend');
    return (this.queue = this.queue.then(() => void (this.state = 'suspended')));
  }
  resume() {
    this.asked.push('resume');
    return (this.queue = this.queue.then(() => void (this.state = 'running')));
  }
}

let context: FakeContext;
beforeEach(() => {
  vi.useFakeTimers();
  context = new FakeContext();
});
afterEach(() => vi.useRealTimers());

const settle = () => vi.advanceTimersByTimeAsync(0);

describe('the SDK audio gate', () => {
  it('lets the context rest once the Device has had no call for a moment', async () => {
    const gate = createSdkAudioGate(() => context);
    gate.reset();
    await vi.advanceTimersByTimeAsync(REST_AFTER_MS - 1);
    expect(context.state).toBe('running');
    await vi.advanceTimersByTimeAsync(1);
    expect(context.state).toBe('suspended');
  });

  it('wakes the context when a call starts, keeps it awake while any call lives, and rests after the last', async () => {
    const gate = createSdkAudioGate(() => context);
    gate.reset();
    await vi.advanceTimersByTimeAsync(REST_AFTER_MS);
    const first = {};
    const second = {};
    gate.callStarted(first);
    await settle();
    expect(context.state).toBe('running');
    gate.callStarted(second);
    gate.callEnded(first);
    await vi.advanceTimersByTimeAsync(REST_AFTER_MS * 3);
    expect(context.state).toBe('running');
    gate.callEnded(second);
    gate.callEnded(second); // a call that reports its end twice
    await vi.advanceTimersByTimeAsync(REST_AFTER_MS);
    expect(context.state).toBe('suspended');
  });

  it('a call arriving while a suspend is still on its way ends with the context awake', async () => {
    const gate = createSdkAudioGate(() => context);
    gate.reset();
    // The timer fires and asks to suspend; the state still reads "running" until that settles.
    vi.advanceTimersByTime(REST_AFTER_MS);
    expect(context.asked).toEqual(['suspend']);
    gate.callStarted({});
    await settle();
    expect(context.asked).toEqual(['suspend', 'resume']);
    expect(context.state).toBe('running');
  });

  it('a call that starts within the grace keeps the context from resting', async () => {
    const gate = createSdkAudioGate(() => context);
    gate.reset();
    await vi.advanceTimersByTimeAsync(REST_AFTER_MS / 2);
    gate.callStarted({});
    await vi.advanceTimersByTimeAsync(REST_AFTER_MS * 2);
    expect(context.asked).not.toContain('suspend');
  });

  it('does nothing before the SDK has made its context, and forgets calls of a Device that is gone', async () => {
    const made: { current?: FakeContext } = {};
    const gate = createSdkAudioGate(() => made.current);
    gate.callStarted({}); // no context yet: nothing to wake, nothing thrown
    made.current = context;
    gate.reset(); // the Device was destroyed with its call still listed
    await vi.advanceTimersByTimeAsync(REST_AFTER_MS);
    expect(context.state).toBe('suspended');
  });
});
