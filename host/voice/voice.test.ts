import { describe, expect, it } from 'vitest';
import type { VoiceToken } from '../../shared/contract';
import { ok } from '../../shared/result';
import { voiceIdentityFromContactUri } from './voice-token';
import { VoiceTokenKeeper } from './voice-token-keeper';
import { manualClock } from '../../test-support/manual-clock';

describe('voice identity and tokens', () => {
  it('derives the Device identity from a client: contact URI only', () => {
    expect(voiceIdentityFromContactUri('client:alice')).toBe('alice');
    expect(voiceIdentityFromContactUri('+15551234567')).toBeNull();
    expect(voiceIdentityFromContactUri('client:')).toBeNull();
    expect(voiceIdentityFromContactUri(null)).toBeNull();
  });
});

describe('VoiceTokenKeeper', () => {
  it('renews the token before it expires and pushes each new one', async () => {
    const clock = manualClock(1_000_000);
    let minted = 0;
    const pushed: VoiceToken[] = [];
    const keeper = new VoiceTokenKeeper({
      clock,
      obtain: async () => ok({ token: `t${++minted}`, identity: 'alice', expiresAt: clock.now() + 10_000, signalingUrl: null }),
      onRefreshed: (token) => pushed.push(token),
    });
    const first = await keeper.get();
    expect(first).toMatchObject({ ok: true, value: { token: 't1' } });
    // A second read while the token is fresh mints nothing.
    await keeper.get();
    expect(minted).toBe(1);
    // Half-way through a short lifetime the keeper renews.
    await clock.settle(5_000);
    expect(pushed.map((t) => t.token)).toEqual(['t2']);
    await clock.settle(5_000);
    expect(pushed.map((t) => t.token)).toEqual(['t2', 't3']);
    keeper.stop();
    await clock.settle(60_000);
    expect(minted).toBe(3);
  });

  it('does not refresh in a tight loop when the token URL answers an already-expired token', async () => {
    const clock = manualClock(1_000_000);
    let fetched = 0;
    const keeper = new VoiceTokenKeeper({
      clock,
      obtain: async () => ok({ token: `t${++fetched}`, identity: 'alice', expiresAt: clock.now() - 1_000, signalingUrl: null }),
      onRefreshed: () => {},
    });
    await keeper.get();
    for (let i = 0; i < 10; i++) await clock.settle(100);
    // A second of back-to-back refreshes would hammer the customer's token URL; at most one retry per second.
    expect(fetched).toBeLessThanOrEqual(2);
    keeper.stop();
  });
});
