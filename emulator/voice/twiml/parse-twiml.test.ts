import { describe, expect, it } from 'vitest';
import { parseTwiml, TWIML_LIMITS } from './parse-twiml';
import { isLoopbackHost, loopbackUrl } from './loopback-fetch';

const code = (fn: () => unknown): number | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: number }).code;
  }
};

describe('parseTwiml', () => {
  it('reads the subset in order, with attributes, defaults and nouns', () => {
    const doc = parseTwiml(`<?xml version="1.0"?>
      <Response>
        <Say loop="2">Hello &amp; welcome</Say>
        <Play loop="0">http://127.0.0.1:1/a.wav</Play>
        <Pause length="3"/>
        <Enqueue workflowSid="WW${'a'.repeat(32)}" waitUrl="/wait"><Task priority="5">{"type":"support"}</Task></Enqueue>
        <Dial timeout="10" callerId="+15550001111" action="/after"><Client><Identity>bob</Identity><Parameter name="k" value="v"/></Client><Number>+15551234567</Number></Dial>
        <Dial><Conference endConferenceOnExit="true" statusCallback="/conf" statusCallbackEvent="join leave">WT${'b'.repeat(32)}</Conference></Dial>
        <Dial><Queue reservationSid="WR${'c'.repeat(32)}"/></Dial>
        <Redirect method="GET">/next</Redirect>
        <Hangup/>
      </Response>`);
    expect(doc.verbs.map((v) => v.verb)).toEqual(['Say', 'Play', 'Pause', 'Enqueue', 'Dial', 'Dial', 'Dial', 'Redirect', 'Hangup']);
    expect(doc.verbs[0]).toEqual({ verb: 'Say', text: 'Hello & welcome', loop: 2 });
    expect(doc.verbs[1]).toMatchObject({ verb: 'Play', loop: TWIML_LIMITS.maxLoop });
    expect(doc.verbs[3]).toMatchObject({ verb: 'Enqueue', name: `WW${'a'.repeat(32)}`, waitUrl: '/wait', task: { attributes: '{"type":"support"}', priority: 5, timeout: null } });
    expect(doc.verbs[4]).toMatchObject({ verb: 'Dial', timeout: 10, callerId: '+15550001111', action: '/after', nouns: [{ noun: 'Client', identity: 'bob', params: { k: 'v' } }, { noun: 'Number', number: '+15551234567' }] });
    expect(doc.verbs[5]).toMatchObject({ nouns: [{ noun: 'Conference', endConferenceOnExit: true, startConferenceOnEnter: true, statusCallbackEvent: ['join', 'leave'] }] });
    expect(doc.verbs[6]).toMatchObject({ nouns: [{ noun: 'Queue', reservationSid: `WR${'c'.repeat(32)}` }] });
    expect(doc.verbs[7]).toEqual({ verb: 'Redirect', url: '/next', method: 'GET' });
  });

  it('refuses malformed XML (12100), a root other than Response (12100) and verbs outside the subset (12200)', () => {
    expect(code(() => parseTwiml('<Response><Say>unclosed</Response>'))).toBe(12100);
    expect(code(() => parseTwiml('<Document><Say>x</Say></Document>'))).toBe(12100);
    expect(code(() => parseTwiml('<Response><Gather/></Response>'))).toBe(12200);
    expect(code(() => parseTwiml('<Response><Dial><Sip>sip:a@b</Sip></Dial></Response>'))).toBe(12200);
    expect(code(() => parseTwiml('<Response><Dial><Conference>a</Conference><Number>+15551234567</Number></Dial></Response>'))).toBe(12200);
    expect(code(() => parseTwiml('<Response><Pause length="9999"/></Response>'))).toBe(12200);
    expect(code(() => parseTwiml('<Response><Enqueue><Task>not json</Task></Enqueue></Response>'))).toBe(12200);
  });

  it('bounds size, nesting and verb count', () => {
    expect(code(() => parseTwiml(`<Response><Say>${'x'.repeat(TWIML_LIMITS.maxDocumentBytes)}</Say></Response>`))).toBe(11750);
    const deep = '<Response>' + '<Dial>'.repeat(20) + '</Dial>'.repeat(20) + '</Response>';
    expect(code(() => parseTwiml(deep))).toBeGreaterThanOrEqual(12100);
    expect(code(() => parseTwiml(`<Response>${'<Pause/>'.repeat(TWIML_LIMITS.maxVerbs + 1)}</Response>`))).toBe(12200);
  });
});

describe('loopback URLs', () => {
  it('accepts loopback hosts only, resolving relative URLs against the document', () => {
    expect(['127.0.0.1', '127.9.9.9', 'localhost', '[::1]', '::1'].every(isLoopbackHost)).toBe(true);
    expect(['10.0.0.1', 'example.com', '0.0.0.0', '::ffff:127.0.0.1', '192.168.1.2', '127.example.com'].some(isLoopbackHost)).toBe(false);
    expect(loopbackUrl('/next', 'http://127.0.0.1:8080/first').href).toBe('http://127.0.0.1:8080/next');
    expect(code(() => loopbackUrl('https://example.com/twiml'))).toBe(21218);
    expect(code(() => loopbackUrl('file:///etc/passwd'))).toBe(11100);
    expect(code(() => loopbackUrl('not a url'))).toBe(11100);
  });
});
