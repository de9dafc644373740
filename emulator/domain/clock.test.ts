import { describe, expect, it } from 'vitest';
import { SimClock } from './clock';

describe('SimClock', () => {
  it('in manual mode moves only on advance and fires due timers in order, synchronously', () => {
    const clock = new SimClock({ manual: true, startAt: 1_000 });
    const fired: string[] = [];
    clock.setTimer(300, () => fired.push('c'));
    clock.setTimer(100, () => fired.push('a'));
    clock.setTimer(200, () => fired.push('b'));
    expect(clock.now()).toBe(1_000);
    clock.advance(150);
    expect(fired).toEqual(['a']);
    expect(clock.now()).toBe(1_150);
    clock.advance(1_000);
    expect(fired).toEqual(['a', 'b', 'c']);
    expect(clock.now()).toBe(2_150);
  });

  it('runs timers scheduled by timers when they fall within the advance, at their own time', () => {
    const clock = new SimClock({ manual: true, startAt: 0 });
    const at: number[] = [];
    clock.setTimer(10, () => {
      at.push(clock.now());
      clock.setTimer(10, () => at.push(clock.now()));
    });
    clock.advance(100);
    expect(at).toEqual([10, 20]);
  });

  it('clearTimer cancels a timer', () => {
    const clock = new SimClock({ manual: true, startAt: 0 });
    let fired = false;
    const id = clock.setTimer(10, () => (fired = true));
    clock.clearTimer(id);
    clock.advance(100);
    expect(fired).toBe(false);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('a throwing timer does not stop the others', () => {
    const clock = new SimClock({ manual: true, startAt: 0 });
    let second = false;
    clock.setTimer(1, () => {
      throw new Error('boom');
    });
    clock.setTimer(2, () => (second = true));
    const original = console.error;
    console.error = () => {};
    try {
      clock.advance(5);
    } finally {
      console.error = original;
    }
    expect(second).toBe(true);
  });

  it('in real mode scales the wall clock by the speed', () => {
    let wall = 10_000;
    const clock = new SimClock({ speed: 60, startAt: 0, wallNow: () => wall });
    wall += 1_000;
    expect(clock.now()).toBe(60_000);
    clock.setSpeed(1);
    wall += 1_000;
    expect(clock.now()).toBe(61_000);
    clock.clearAll();
  });

  it('in real mode fires a sped-up timer through a real timeout', async () => {
    const clock = new SimClock({ speed: 1_000 });
    const fired = new Promise<number>((resolve) => clock.setTimer(10_000, () => resolve(clock.now())));
    const start = clock.now();
    const at = await fired;
    expect(at - start).toBeGreaterThanOrEqual(9_990);
  });
});
