import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Countdown } from './Countdown';
import { secondsLeft } from './ticker';
import { formatClock } from '../i18n/format';

describe('Countdown', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T10:00:00Z'));
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('derives mm:ss from expiresAt and the clock, not from counting ticks', () => {
    const expiresAt = Date.now() + 25_000;
    render(<Countdown expiresAt={expiresAt} timeoutSeconds={30} callerLabel="Dana" />);
    const timer = screen.getByRole('timer');
    expect(timer.textContent).toBe('0:25');
    act(() => vi.advanceTimersByTime(1_000));
    expect(timer.textContent).toBe('0:24');
    // The clock jumps (e.g. the machine slept) without timers firing in between: the next tick shows the truth.
    vi.setSystemTime(Date.now() + 10_000);
    act(() => vi.advanceTimersByTime(250));
    expect(timer.textContent).toBe('0:14');
  });

  it('turns urgent in the last 10 seconds and stops at 0:00, marked expired', () => {
    const expiresAt = Date.now() + 12_000;
    const { container } = render(<Countdown expiresAt={expiresAt} timeoutSeconds={30} callerLabel="Dana" />);
    expect(container.querySelector('.countdown.urgent')).toBeNull();
    act(() => vi.advanceTimersByTime(2_500));
    expect(container.querySelector('.countdown.urgent')).not.toBeNull();
    act(() => vi.advanceTimersByTime(20_000));
    expect(screen.getByRole('timer').textContent).toBe('0:00');
    expect(container.querySelector('.countdown.expired')).not.toBeNull();
  });

  it('drains its bar with the time left, in the same tick as the text', () => {
    const { container } = render(<Countdown expiresAt={Date.now() + 15_000} timeoutSeconds={30} callerLabel="Dana" />);
    const bar = container.querySelector<HTMLElement>('.countdown-bar')!;
    expect(bar.style.transform).toBe('scaleX(0.5)');
    act(() => vi.advanceTimersByTime(6_000));
    expect(screen.getByRole('timer').textContent).toBe('0:09');
    expect(bar.style.transform).toBe('scaleX(0.3)');
  });

  it('formats and rounds up partial seconds', () => {
    expect(secondsLeft(10_001, 0)).toBe(11);
    expect(secondsLeft(0, 5_000)).toBe(0);
    expect(formatClock(125)).toBe('2:05');
  });
});

describe('countdown ticks', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-01-01T10:00:00Z'));
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('change only the clocks’ own text (countdown and "waiting"): no React commit for the cards or the list', async () => {
    const { renderWithServices } = await import('../test-support/render');
    const { makeReservation } = await import('../test-support/fixtures');
    const { Profiler } = await import('react');
    const { Inbox } = await import('./Inbox');
    let commits = 0;
    const now = Date.now();
    const view = renderWithServices(
      <Profiler id="inbox" onRender={() => commits++}>
        <Inbox />
      </Profiler>,
    );
    act(() => {
      for (let i = 0; i < 3; i++) view.store.getState().upsertReservation(makeReservation({ expiresAt: now + 30_000 + i * 1_000, task: { ...makeReservation().task, createdAt: now } }));
    });
    const before = commits;
    const timers = screen.getAllByRole('timer');
    const firstText = timers[0]!.textContent;
    const waited = view.container.querySelector('.waited')!;
    expect(waited.textContent).toMatch(/^waiting 0\s?s/);
    act(() => vi.advanceTimersByTime(10_000));
    expect(timers[0]!.textContent).not.toBe(firstText);
    expect(waited.textContent).toMatch(/^waiting 10\s?s/);
    expect(commits).toBe(before);
  });
});
