import { describe, expect, it } from 'vitest';
import type { EmulatorReady } from '../config/demo';
import { connectSourcesFor, TWILIO_CONNECT_SRC } from './connect-sources';
import { contentSecurityPolicy, isCspOrigin } from './security-headers';

const ready = {
  ready: true,
  url: 'http://127.0.0.1:4100',
  voiceSignalingUrl: 'ws://127.0.0.1:4101/signal',
  voice: { edges: ['wss://127.0.0.1:4102/signal'] },
  accountSid: `AC${'0'.repeat(32)}`,
} as unknown as EmulatorReady;

describe('connectSourcesFor', () => {
  it('allows only Twilio when not in demo mode', () => {
    expect(connectSourcesFor(null)).toEqual([...TWILIO_CONNECT_SRC]);
  });

  it('allows every endpoint origin the emulator announces, with the ws twin of http', () => {
    const sources = connectSourcesFor(ready);
    expect(sources).toEqual(expect.arrayContaining(['http://127.0.0.1:4100', 'ws://127.0.0.1:4100', 'ws://127.0.0.1:4101', 'wss://127.0.0.1:4102', ...TWILIO_CONNECT_SRC]));
    expect(sources.some((s) => s.includes('/signal'))).toBe(false);
  });
});

describe('contentSecurityPolicy', () => {
  it('keeps only real origins in connect-src, so an extra cannot add a directive', () => {
    expect(isCspOrigin("ws://127.0.0.1:1; script-src 'unsafe-inline'")).toBe(false);
    expect(isCspOrigin('wss://*.twilio.com')).toBe(true);
    const csp = contentSecurityPolicy({ bridgeWebSocket: 'ws://127.0.0.1:9', connectSrc: ["x; script-src *", 'https://*.twilio.com'] });
    expect(csp.match(/script-src/g)).toHaveLength(1);
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:9 https://*.twilio.com;");
  });
});
