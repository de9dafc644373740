import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProxyRequest, toFormParams } from './proxy-request';
import { page } from './proxy-routes';

describe('parseProxyRequest', () => {
  it('reads the SDK envelope from a raw JSON string and its headers', () => {
    const body = JSON.stringify({ url: 'Workspaces/WS1/Workers/WK1/Reservations/WR1', method: 'POST', params: { ReservationStatus: 'accepted' }, token: 'jwt' });
    const parsed = parseProxyRequest(body, { apiversion: 'v1', 'if-match': '3' });
    expect(parsed).toEqual({
      ok: true,
      value: { segments: ['Workspaces', 'WS1', 'Workers', 'WK1', 'Reservations', 'WR1'], method: 'POST', params: { ReservationStatus: 'accepted' }, token: 'jwt', apiVersion: 'v1', ifMatch: '3' },
    });
  });

  it('refuses an unknown apiVersion', () => {
    const body = JSON.stringify({ url: 'Workspaces', method: 'GET', token: 't' });
    expect(parseProxyRequest(body, { apiversion: 'v9' })).toMatchObject({ ok: false, error: { status: 400 } });
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.anything()), fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.constant(undefined))), (body, headers) => {
        const result = parseProxyRequest(body, headers);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error.status).toBe(400);
      }),
      { numRuns: 300 },
    );
  });
});

describe('toFormParams', () => {
  it('turns the SDK JSON values into form values the engine validates', () => {
    expect(
      toFormParams({
        Beep: true,
        Timeout: 20,
        Attributes: { team: 'Tier 2' },
        To: 'client:alice',
        DequeueStatusCallbackEvents: 'initiated,completed',
        StatusCallbackEvent: ['ringing', 'answered'],
        Skipped: undefined,
        AlsoSkipped: null,
      }),
    ).toEqual({
      Beep: 'true',
      Timeout: '20',
      Attributes: '{"team":"Tier 2"}',
      To: 'client:alice',
      DequeueStatusCallbackEvent: ['initiated', 'completed'],
      StatusCallbackEvent: ['ringing', 'answered'],
    });
  });
});

describe('page', () => {
  const items = Array.from({ length: 5 }, (_, i) => ({ sid: `S${i}` }));

  it('walks every item exactly once with AfterSid', () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const result: ReturnType<typeof page<{ sid: string }>> = page(items, { PageSize: 2, ...(after ? { AfterSid: after } : {}) });
      seen.push(...result.contents.map((item) => item.sid));
      after = result.after_sid;
      if (!after) break;
    }
    expect(seen).toEqual(items.map((item) => item.sid));
  });

  it('answers everything with no after_sid when the page is large enough', () => {
    expect(page(items, { PageSize: '1000' })).toEqual({ contents: items, after_sid: null });
  });
});
