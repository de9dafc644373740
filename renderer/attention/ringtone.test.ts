import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRingtone, SUSPEND_AFTER_MS } from './ringtone';

/** Just enough of an AudioContext to count what the ringtone asks of it. */
function fakeContext() {
  const node = () => ({ connect: vi.fn(), start: vi.fn(), stop: vi.fn(), frequency: { value: 0 }, gain: { setValueAtTime: vi.fn(), linearRampToValueAtTime: vi.fn() } });
  const context = {
    state: 'running' as AudioContextState,
    currentTime: 0,
    destination: {},
    createGain: vi.fn(node),
    createOscillator: vi.fn(node),
    suspend: vi.fn(async () => {
      context.state = 'suspended';
    }),
    resume: vi.fn(async () => {
      context.state = 'running';
    }),
  };
  return context;
}

describe('ringtone', () => {
  afterEach(() => vi.useRealTimers());

  it('suspends its audio between rings, after the last beep has played, and resumes for the next ring', () => {
    vi.useFakeTimers();
    const context = fakeContext();
    const ringtone = createRingtone(() => context as unknown as AudioContext);
    ringtone.ring(false);
    expect(context.createOscillator).toHaveBeenCalledTimes(2);
    ringtone.stop();
    vi.advanceTimersByTime(SUSPEND_AFTER_MS - 1);
    expect(context.suspend).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(context.suspend).toHaveBeenCalledTimes(1);
    ringtone.ring(true);
    expect(context.resume).toHaveBeenCalledTimes(1);
    // A ring that starts again before the suspension is due cancels it.
    ringtone.stop();
    ringtone.ring(false);
    vi.advanceTimersByTime(SUSPEND_AFTER_MS * 2);
    expect(context.suspend).toHaveBeenCalledTimes(1);
    ringtone.stop();
  });
});
