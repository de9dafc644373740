import { describe, expect, it } from 'vitest';
import { DeviceOwner } from './device-owner';
import { manualClock } from '../../test-support/manual-clock';

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
