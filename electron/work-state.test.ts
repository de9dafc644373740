import { describe, expect, it } from 'vitest';
import { createWorkTracker } from './work-state';

describe('the work tracker', () => {
  it('is in a call while any call the host reports has not ended, and tells its listeners once per change', () => {
    const work = createWorkTracker();
    let changes = 0;
    work.onChange(() => changes++);
    work.callUpdated({ id: 'a', phase: 'ringing' });
    work.callUpdated({ id: 'a', phase: 'live' });
    work.callUpdated({ id: 'b', phase: 'connecting' });
    expect(work.current().inCall).toBe(true);
    work.callUpdated({ id: 'a', phase: 'ended' });
    expect(work.current().inCall).toBe(true);
    work.callUpdated({ id: 'b', phase: 'ended' });
    expect(work.current().inCall).toBe(false);
    expect(changes).toBe(2);
  });

  it('forgets the calls of a session that was reset', () => {
    const work = createWorkTracker();
    work.callUpdated({ id: 'a', phase: 'live' });
    work.reset();
    expect(work.current().inCall).toBe(false);
  });
});
