import { describe, expect, it } from 'vitest';
import { EXPECT_WINDOW_MS, ExpectedCalls } from './expected-calls';

describe('ExpectedCalls', () => {
  it('matches a call that names a reservation this desktop instructed, once', () => {
    let now = 0;
    const expected = new ExpectedCalls(() => now);
    expected.expect('WR1');
    now = 2_000;
    expect(expected.claim('WR2')).toBeNull();
    expect(expected.claim('WR1')).toBe('WR1');
    expect(expected.claim('WR1')).toBeNull();
  });

  it('without a named reservation, matches only while exactly one instruction is outstanding', () => {
    const expected = new ExpectedCalls(() => 0);
    expect(expected.claim(null)).toBeNull();
    expected.expect('WR1');
    expected.expect('WR2');
    expect(expected.claim(null)).toBeNull();
    expected.forget('WR2');
    expect(expected.claim(null)).toBe('WR1');
  });

  it('forgets instructions older than a few seconds', () => {
    let now = 0;
    const expected = new ExpectedCalls(() => now);
    expected.expect('WR1');
    now = EXPECT_WINDOW_MS + 1;
    expect(expected.claim(null)).toBeNull();
    expect(expected.claim('WR1')).toBeNull();
  });
});
