import { describe, expect, it } from 'vitest';
import { createEventBridgeApi } from './eventbridge-api';
import { RateLimitedError } from './http-status-error';

const api = (response: () => Response) =>
  createEventBridgeApi({ ebServer: 'http://127.0.0.1:1/eventbridge', workspaceSid: 'WS1', workerSid: 'WK1', token: () => 'jwt', fetch: async () => response(), now: () => 1_000 });

describe('the EventBridge API (token URL mode)', () => {
  it('raises a 429 as RateLimitedError with its Retry-After, so it is retried like one from the REST API', async () => {
    const refused = api(() => new Response(JSON.stringify({ code: 20429, message: 'Too Many Requests' }), { status: 429, headers: { 'retry-after': '2' } }));
    const error = await refused.updateReservation('WR1', { reservationStatus: 'accepted' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ retryAfterMs: 2_000, twilioCode: 20429 });
  });

  it('keeps other refusals as they are, with their status and Twilio code', async () => {
    const refused = api(() => new Response(JSON.stringify({ code: 20001, message: 'Reservation is not pending' }), { status: 400 }));
    const error = await refused.updateReservation('WR1', { reservationStatus: 'accepted' }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ status: 400, code: 20001, message: 'Reservation is not pending' });
  });
});
