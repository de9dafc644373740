import { afterEach, describe, expect, it } from 'vitest';
import { verifyVoiceToken } from '../../../emulator/voice/voice-token';
import { startHostHarness, type HostHarness } from '../harness';

describe('the host hands out Voice tokens in demo mode', () => {
  let harness: HostHarness | undefined;
  afterEach(async () => {
    await harness?.close();
  });

  it('answers a token for the worker contact_uri identity, signed with the emulator key, with the local signaling URL', async () => {
    harness = await startHostHarness({ transport: 'poll' });
    const ready = harness.emulator.ready;
    const answer = await harness.host.handlers.getVoiceToken({});
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const identity = ready.workers[0]!.contactUri.replace(/^client:/, '');
    expect(answer.value.identity).toBe(identity);
    expect(answer.value.signalingUrl).toBe(ready.url.replace('http://', 'ws://') + '/signal');
    const verified = verifyVoiceToken(answer.value.token, (sid) => (sid === ready.apiKeySid ? ready.apiKeySecret : undefined));
    expect(verified).toMatchObject({ ok: true, value: { identity, incomingAllowed: true } });
  });

  it('refuses conference control for an unknown reservation with a typed error', async () => {
    harness = await startHostHarness({ transport: 'poll' });
    const answer = await harness.host.handlers.holdCaller({ reservationSid: 'WR' + '0'.repeat(32), hold: true });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const invalid = await harness.host.handlers.holdCaller({ reservationSid: 'nope', hold: true } as never);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
