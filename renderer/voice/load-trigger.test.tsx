import { act } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeReservation } from '../test-support/fixtures';
import { renderWithServices } from '../test-support/render';
import { afterFirstPaintAndIdle, FIRST_PAINT_FALLBACK_MS, IDLE_TIMEOUT_MS, isVoiceOffer, useVoiceLoad } from './load-trigger';

function Probe() {
  return <p>{useVoiceLoad() ? 'load' : 'wait'}</p>;
}

describe('afterFirstPaintAndIdle', () => {
  let frames: FrameRequestCallback[];
  let idles: IdleRequestCallback[];
  beforeEach(() => {
    vi.useFakeTimers();
    frames = [];
    idles = [];
    vi.stubGlobal('requestAnimationFrame', (fn: FrameRequestCallback) => frames.push(fn));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    vi.stubGlobal('requestIdleCallback', (fn: IdleRequestCallback) => idles.push(fn));
    vi.stubGlobal('cancelIdleCallback', () => undefined);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('waits for a frame, then the paint, then an idle moment', () => {
    const ready = vi.fn();
    afterFirstPaintAndIdle(ready);
    expect(idles).toHaveLength(0);
    frames[0]!(0);
    expect(idles).toHaveLength(0); // the paint comes after the frame callback
    vi.advanceTimersByTime(0);
    expect(ready).not.toHaveBeenCalled();
    idles[0]!({ didTimeout: false, timeRemaining: () => 10 });
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('does not wait forever for a paint that never comes (a hidden window)', () => {
    const ready = vi.fn();
    afterFirstPaintAndIdle(ready);
    vi.advanceTimersByTime(FIRST_PAINT_FALLBACK_MS + 1);
    expect(idles).toHaveLength(1);
    idles[0]!({ didTimeout: true, timeRemaining: () => 0 });
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it('fires nothing once cancelled', () => {
    const ready = vi.fn();
    const cancel = afterFirstPaintAndIdle(ready);
    frames[0]!(0);
    vi.advanceTimersByTime(0);
    cancel();
    idles.forEach((fn) => fn({ didTimeout: true, timeRemaining: () => 0 }));
    expect(ready).not.toHaveBeenCalled();
  });
});

describe('useVoiceLoad', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds the call region back until an idle moment after the first paint', async () => {
    vi.useFakeTimers();
    const view = renderWithServices(<Probe />);
    expect(view.getByText('wait')).toBeTruthy();
    // jsdom has no requestIdleCallback on every version; the bounded waits end it anyway.
    await act(async () => {
      vi.advanceTimersByTime(FIRST_PAINT_FALLBACK_MS + IDLE_TIMEOUT_MS + 100);
    });
    expect(view.getByText('load')).toBeTruthy();
  });

  it('loads at once when a voice offer arrives, without waiting for idle', async () => {
    vi.useFakeTimers();
    const view = renderWithServices(<Probe />);
    expect(view.getByText('wait')).toBeTruthy();
    await act(async () => {
      view.store.getState().upsertReservation(makeReservation({ task: { ...makeReservation().task, channel: 'voice' } }));
    });
    expect(view.getByText('load')).toBeTruthy();
  });

  it('is not hurried by an offer that is not a call', async () => {
    vi.useFakeTimers();
    const view = renderWithServices(<Probe />);
    await act(async () => {
      view.store.getState().upsertReservation(makeReservation({ callSid: null, task: { ...makeReservation().task, channel: 'chat' } }));
    });
    expect(view.getByText('wait')).toBeTruthy();
  });

  it('counts only pending voice offers', () => {
    expect(isVoiceOffer(makeReservation())).toBe(true);
    expect(isVoiceOffer(makeReservation({ status: 'completed' }))).toBe(false);
    expect(isVoiceOffer(makeReservation({ callSid: null, task: { ...makeReservation().task, channel: 'sms' } }))).toBe(false);
  });
});
