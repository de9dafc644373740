import { describe, expect, it } from 'vitest';
import { DeviceOwner } from './device-owner';

function manualClock() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  return {
    now: () => now,
    setTimeout: (fn: () => void, ms: number) => {
      timers.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimeout: (h: unknown) => void timers.delete(h as number),
    advance(ms: number) {
      now += ms;
      for (const [id, t] of [...timers]) {
        if (t.at > now) continue;
        timers.delete(id);
        t.fn();
      }
    },
  };
}

describe('DeviceOwner', () => {
  it('gives the Device to the first window; the second is refused until the first releases it', () => {
    const clock = manualClock();
    const changes: (string | null)[] = [];
    const owner = new DeviceOwner(clock, (id) => changes.push(id), 1_000);
    expect(owner.claim('window-a')).toBe(true);
    expect(owner.claim('window-b')).toBe(false);
    expect(owner.claim('window-a')).toBe(true);
    expect(owner.release('window-b')).toBe(false);
    expect(owner.release('window-a')).toBe(true);
    expect(owner.claim('window-b')).toBe(true);
    expect(changes).toEqual(['window-a', null, 'window-b']);
  });

  it('lets the lease lapse when the owner stops renewing (a crashed window), and says so', () => {
    const clock = manualClock();
    const changes: (string | null)[] = [];
    const owner = new DeviceOwner(clock, (id) => changes.push(id), 1_000);
    owner.claim('window-a');
    clock.advance(900);
    owner.claim('window-a');
    clock.advance(900);
    expect(owner.current()).toBe('window-a');
    expect(owner.claim('window-b')).toBe(false);
    clock.advance(200);
    expect(owner.current()).toBeNull();
    expect(changes).toEqual(['window-a', null]);
    expect(owner.claim('window-b')).toBe(true);
  });
});
