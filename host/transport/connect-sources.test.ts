import { describe, expect, it } from 'vitest';
import { resolveConnection } from '../config/connection';
import { endpointsOf, NO_ENDPOINTS, TWILIO_ENDPOINTS } from '../config/endpoints';
import { overridesFromEnv } from '../config/overrides';
import { applyOverrides, DEFAULT_SETTINGS } from '../config/settings';
import type { DemoReady, HostEndpoints } from '../types';
import { connectSourcesFor, PageConnectPolicy, TWILIO_CONNECT_SRC } from './connect-sources';
import { contentSecurityPolicy, isCspOrigin } from './security-headers';
import { fakeHost } from './testing/fake-host';

const AC = `AC${'1'.repeat(32)}`;
const SK = `SK${'2'.repeat(32)}`;
const WS = `WS${'3'.repeat(32)}`;
const WK = `WK${'4'.repeat(32)}`;

/** The connect sources a configuration given by environment variables leads to, as the shells compute them. */
function sourcesForEnvironment(env: Record<string, string>, demo: DemoReady | null = null): string[] {
  const overrides = overridesFromEnv(env);
  if (!overrides.ok) throw new Error(overrides.error.message);
  const settings = applyOverrides(DEFAULT_SETTINGS, overrides.value);
  const connection = resolveConnection(settings, overrides.value.secret ?? null, overrides.value, demo);
  if (!connection.ok) throw new Error(connection.error.message);
  return connectSourcesFor(endpointsOf(connection.value));
}

const account = { TWILIO_ACCOUNT_SID: AC, TWILIO_API_KEY: SK, TWILIO_API_SECRET: 'key-secret-123', TWILIO_WORKSPACE_SID: WS, TWILIO_WORKER_SID: WK };

describe('connect sources from the configured endpoints', () => {
  it('account mode against an emulator you run yourself (AGENT_DESKTOP_REST_URL): that emulator, its signaling, and not Twilio', () => {
    // Before: browser mode allowed only the embedded demo emulator and Twilio, so the Device's
    // signaling socket to ws://127.0.0.1:3000/signal was refused (CSP violation, Voice SDK 31000).
    const sources = sourcesForEnvironment({ ...account, AGENT_DESKTOP_MODE: 'account', AGENT_DESKTOP_REST_URL: 'http://127.0.0.1:3000' });
    expect(sources.sort()).toEqual(['http://127.0.0.1:3000', 'ws://127.0.0.1:3000']);
  });

  it('separate EventBridge endpoints are allowed too', () => {
    const sources = sourcesForEnvironment({
      ...account,
      AGENT_DESKTOP_REST_URL: 'http://127.0.0.1:3000',
      AGENT_DESKTOP_EVENTBRIDGE_URL: 'http://127.0.0.1:3001/eb',
      AGENT_DESKTOP_EVENTBRIDGE_WS_URL: 'ws://127.0.0.1:3002/eb',
    });
    expect(sources.sort()).toEqual(['http://127.0.0.1:3000', 'http://127.0.0.1:3001', 'ws://127.0.0.1:3000', 'ws://127.0.0.1:3002']);
  });

  it('account mode against Twilio: Twilio only', () => {
    expect(sourcesForEnvironment(account)).toEqual([...TWILIO_CONNECT_SRC]);
  });

  it('token URL mode: Twilio only (the token URL is fetched by the host, not the page)', () => {
    expect(sourcesForEnvironment({ AGENT_DESKTOP_TOKEN_URL: 'https://tokens.example.com/agent' })).toEqual([...TWILIO_CONNECT_SRC]);
  });

  it('demo mode: the embedded emulator only, never Twilio', () => {
    const demo: DemoReady = { url: 'http://127.0.0.1:4100', accountSid: AC, apiKeySid: SK, apiKeySecret: 'x'.repeat(32), workspaceSid: WS, workers: [{ sid: WK }] };
    expect(sourcesForEnvironment({ AGENT_DESKTOP_MODE: 'demo' }, demo).sort()).toEqual(['http://127.0.0.1:4100', 'ws://127.0.0.1:4100']);
  });

  it('an auth token alone polls REST and has no voice: the REST origin only', () => {
    const endpoints = sourcesForEnvironment({ TWILIO_ACCOUNT_SID: AC, TWILIO_AUTH_TOKEN: 'auth-token-123', TWILIO_WORKSPACE_SID: WS, TWILIO_WORKER_SID: WK, AGENT_DESKTOP_REST_URL: 'http://127.0.0.1:3000' });
    expect(endpoints).toEqual(['http://127.0.0.1:3000']);
  });

  it('nothing configured: nothing besides the page itself', () => {
    expect(connectSourcesFor(NO_ENDPOINTS)).toEqual([]);
    expect(connectSourcesFor(TWILIO_ENDPOINTS)).toEqual([...TWILIO_CONNECT_SRC]);
  });

  it('ignores values that are not http(s)/ws(s) URLs', () => {
    expect(connectSourcesFor({ rest: 'javascript:alert(1)', eventBridge: 'not a url', eventBridgeWs: null, voiceSignaling: 'ftp://x' })).toEqual([]);
  });
});

describe('PageConnectPolicy', () => {
  const emulatorAt = (port: number): HostEndpoints => ({ rest: `http://127.0.0.1:${port}`, eventBridge: null, eventBridgeWs: null, voiceSignaling: `ws://127.0.0.1:${port}/signal` });

  it('asks the open page to reload only when the host needs a source its policy lacks', () => {
    const host = fakeHost();
    host.currentEndpoints = emulatorAt(4100);
    const policy = new PageConnectPolicy(() => host.endpoints());
    const reloads: number[] = [];
    policy.watch(host, () => reloads.push(1));
    host.emit('connectionChanged', { state: 'connecting', since: 1, detail: null, lastGap: null });
    expect(reloads).toHaveLength(0); // no page served yet

    expect(policy.sources(false)).toContain('ws://127.0.0.1:4100'); // a script: not the page's policy
    policy.sources(true); // the page's document
    host.currentEndpoints = NO_ENDPOINTS; // narrower: the open page keeps working
    host.emit('connectionChanged', { state: 'unconfigured', since: 2, detail: null, lastGap: null });
    expect(reloads).toHaveLength(0);

    host.currentEndpoints = TWILIO_ENDPOINTS; // the agent switched to an account at Twilio
    host.emit('connectionChanged', { state: 'connecting', since: 3, detail: null, lastGap: null });
    host.emit('connectionChanged', { state: 'subscribed', since: 4, detail: null, lastGap: null });
    expect(reloads).toHaveLength(1); // once, not per event
    expect(policy.pageIsBehind()).toBe(false);
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
