import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BRIDGE_CLOSE_CODES, EVENT_NAMES } from '../../shared/contract';
import { err } from '../../shared/result';
import { startBrowserBridge, type BrowserBridge } from './index';
import { MAX_FRAME_BYTES, UNKNOWN_REQUEST_ID } from '../transport/frames';
import { fakeHost, type FakeHost } from '../transport/testing/fake-host';
import { openClient, type TestClient } from './testing/ws-client';

const WR = `WR${'a'.repeat(32)}`;

type Response = { type: 'response'; id: number; result: { ok: boolean; value?: unknown; error?: { code: string; message: string; field?: string } } };
const responseTo = (id: number) => (m: unknown) => ((m as Response).type === 'response' && (m as Response).id === id ? (m as Response) : undefined);

let rendererDir: string;
let host: FakeHost;
let bridge: BrowserBridge;
const clients: TestClient[] = [];

const wsUrl = (secret: string | null) => `${bridge.origin.replace('http', 'ws')}/bridge${secret === null ? '' : `?secret=${encodeURIComponent(secret)}`}`;
const connect = async () => {
  const client = await openClient(wsUrl(bridge.secret), bridge.origin);
  clients.push(client);
  return client;
};

beforeEach(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Agent desktop</title><script type="module" src="./app.js"></script>');
  writeFileSync(join(rendererDir, 'app.js'), 'console.log("hi")');
  host = fakeHost();
  host.currentEndpoints = { rest: 'http://127.0.0.1:4567', eventBridge: null, eventBridgeWs: null, voiceSignaling: 'ws://127.0.0.1:4567/signal' };
  bridge = await startBrowserBridge({ host, port: 0, rendererDir });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await bridge.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

describe('startBrowserBridge: serving the renderer', () => {
  it('listens on 127.0.0.1 only and puts the per-launch secret in the URL hash', () => {
    expect(bridge.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bridge.url).toBe(`${bridge.origin}/#secret=${bridge.secret}`);
    expect(bridge.secret.length).toBeGreaterThanOrEqual(40);
  });

  it('serves the built files with their MIME type and a strict CSP derived from the host endpoints', async () => {
    const page = await fetch(`${bridge.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    const port = new URL(bridge.origin).port;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port} http://127.0.0.1:4567 ws://127.0.0.1:4567;`);
    expect(csp).not.toContain('twilio.com'); // nothing the host does not use
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');

    const script = await fetch(`${bridge.origin}/app.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    const missing = await fetch(`${bridge.origin}/nope.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(csp);
  });

  it('refuses requests addressed to another Host name (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${bridge.origin}/`, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });
});

describe('startBrowserBridge: who may connect', () => {
  const check = (secret: string | null, origin: string | undefined) =>
    fetch(`${bridge.origin}/bridge${secret === null ? '' : `?secret=${encodeURIComponent(secret)}`}`, { method: 'POST', headers: origin ? { origin } : {} }).then((r) => r.status);

  it('tells its own page whether a secret would be accepted (a browser hides the status of a refused upgrade)', async () => {
    expect(await check(bridge.secret, bridge.origin)).toBe(204);
    expect(await check('x'.repeat(bridge.secret.length), bridge.origin)).toBe(403);
    expect(await check(null, bridge.origin)).toBe(403);
    // The same Origin rule as the upgrade: another page learns nothing, not even whether a secret is right.
    expect(await check(bridge.secret, 'http://evil.example')).toBe(403);
    expect(host.calls).toEqual([]);
  });

  it('refuses a wrong secret before any message', async () => {
    await expect(openClient(wsUrl('x'.repeat(bridge.secret.length)), bridge.origin)).rejects.toThrow(/403/);
    await expect(openClient(wsUrl(bridge.secret.slice(1)), bridge.origin)).rejects.toThrow(/403/);
  });

  it('refuses a missing secret', async () => {
    await expect(openClient(wsUrl(null), bridge.origin)).rejects.toThrow(/403/);
  });

  it('refuses a foreign or missing Origin even with the right secret', async () => {
    await expect(openClient(wsUrl(bridge.secret), 'http://evil.example')).rejects.toThrow(/403/);
    await expect(openClient(wsUrl(bridge.secret), bridge.origin.replace('127.0.0.1', 'localhost'))).rejects.toThrow(/403/);
    await expect(openClient(wsUrl(bridge.secret), undefined)).rejects.toThrow(/403/);
  });

  it('refuses WebSockets on other paths', async () => {
    await expect(openClient(`${bridge.origin.replace('http', 'ws')}/other?secret=${bridge.secret}`, bridge.origin)).rejects.toThrow(/404/);
  });

  it('accepts its own page and nothing reached the host from the refused attempts', async () => {
    await expect(openClient(wsUrl('wrong'), bridge.origin)).rejects.toThrow();
    const client = await connect();
    client.send({ type: 'request', id: 1, method: 'getSettings', input: {} });
    await client.waitFor(responseTo(1));
    expect(host.calls.map((c) => c.method)).toEqual(['getSettings']);
  });
});

describe('startBrowserBridge: the contract over the WebSocket', () => {
  it('round-trips a request to the host handler with the parsed input', async () => {
    const client = await connect();
    client.send({ type: 'request', id: 7, method: 'acceptReservation', input: { reservationSid: WR } });
    const response = await client.waitFor(responseTo(7));
    expect(response.result).toEqual({ ok: true, value: { echo: { reservationSid: WR } } });
    expect(host.calls).toEqual([{ method: 'acceptReservation', input: { reservationSid: WR } }]);
  });

  it('passes typed errors from the host through unchanged', async () => {
    host.setHandler('acceptReservation', async () => err('reservation_expired', 'The offer expired.'));
    const client = await connect();
    client.send({ type: 'request', id: 2, method: 'acceptReservation', input: { reservationSid: WR } });
    expect((await client.waitFor(responseTo(2))).result).toEqual({ ok: false, error: { code: 'reservation_expired', message: 'The offer expired.' } });
  });

  it('answers a handler that throws with an internal error and keeps serving', async () => {
    host.setHandler('getSnapshot', async () => {
      throw new Error('secret=hunter2');
    });
    const client = await connect();
    client.send({ type: 'request', id: 3, method: 'getSnapshot', input: {} });
    const response = await client.waitFor(responseTo(3));
    expect(response.result.error?.code).toBe('internal');
    expect(JSON.stringify(response)).not.toContain('hunter2');
    client.send({ type: 'request', id: 4, method: 'getSettings', input: {} });
    expect((await client.waitFor(responseTo(4))).result.ok).toBe(true);
  });

  it('answers a host result JSON cannot carry with an internal error, and drops such an event', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    host.setHandler('getSettings', async () => ({ ok: true, value: cyclic }));
    const client = await connect();
    host.emit('workerUpdated', cyclic as never);
    client.send({ type: 'request', id: 5, method: 'getSettings', input: {} });
    expect((await client.waitFor(responseTo(5))).result.error?.code).toBe('internal');
    expect(client.messages.some((m) => (m as { type: string }).type === 'event')).toBe(false);
  });

  it('answers malformed frames with typed invalid_input errors, never reaching the host', async () => {
    const client = await connect();
    client.sendRaw('not json');
    client.sendRaw(JSON.stringify({ type: 'request', id: 10, method: 'getSnapshot' , input: {}, extra: 1 }));
    client.send({ type: 'request', id: 11, method: 'launchMissiles', input: {} });
    client.send({ type: 'request', id: 12, method: '__proto__', input: {} });
    client.send({ type: 'request', id: 13, method: 'acceptReservation', input: { reservationSid: 'WRnope' } });
    client.send({ type: 'hello', id: 14 });
    client.sendRaw(Buffer.from([1, 2, 3]), true);
    client.sendRaw('x'.repeat(MAX_FRAME_BYTES + 1));

    for (const id of [10, 11, 12, 13, 14]) {
      const response = await client.waitFor(responseTo(id));
      expect(response.result.ok).toBe(false);
      expect(response.result.error?.code).toBe('invalid_input');
      expect(response.result.error?.message.length).toBeGreaterThan(5);
    }
    expect((await client.waitFor(responseTo(13))).result.error?.field).toBe('reservationSid');
    expect((await client.waitFor(responseTo(11))).result.error?.field).toBe('method');
    const anonymous = () => client.messages.filter((m) => (m as Response).id === UNKNOWN_REQUEST_ID) as Response[];
    await client.waitFor(() => (anonymous().length === 3 ? true : undefined));
    expect(anonymous().map((m) => m.result.error?.message)).toEqual([
      expect.stringMatching(/not valid JSON/),
      expect.stringMatching(/Binary/),
      expect.stringMatching(/too large/),
    ]);
    expect(host.calls).toEqual([]);
    client.send({ type: 'request', id: 15, method: 'getSettings', input: {} });
    expect((await client.waitFor(responseTo(15))).result.ok).toBe(true);
  });

  it('fans every host event out to every connected client', async () => {
    const [a, b] = [await connect(), await connect()];
    expect(EVENT_NAMES.every((event) => host.listenerCount(event) >= 1)).toBe(true);
    const connection = { state: 'polling' as const, since: 1, detail: 'WebSocket lost', lastGap: null };
    host.emit('connectionChanged', connection);
    host.emit('activitiesUpdated', [{ sid: `WA${'1'.repeat(32)}`, friendlyName: 'Available', available: true }]);
    for (const client of [a, b]) {
      const event = await client.waitFor((m) => ((m as { event?: string }).event === 'connectionChanged' ? m : undefined));
      expect(event).toEqual({ type: 'event', event: 'connectionChanged', payload: connection });
      await client.waitFor((m) => ((m as { event?: string }).event === 'activitiesUpdated' ? m : undefined));
    }
  });

  it('asks its pages to reload when the host starts using an endpoint their CSP lacks', async () => {
    await fetch(`${bridge.origin}/`); // the page's document: its policy allows 127.0.0.1:4567
    const { WebSocket } = await import('ws');
    const ws = new WebSocket(wsUrl(bridge.secret), { origin: bridge.origin });
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await new Promise((opened) => ws.once('open', opened));
    host.emit('connectionChanged', { state: 'connecting', since: 1, detail: null, lastGap: null });
    host.currentEndpoints = { rest: 'https://taskrouter.twilio.com', eventBridge: null, eventBridgeWs: null, voiceSignaling: 'wss://voice-js.twilio.com/signal' };
    host.emit('connectionChanged', { state: 'connecting', since: 2, detail: null, lastGap: null });
    expect(await closed).toBe(BRIDGE_CLOSE_CODES.reload);
    const csp = (await fetch(`${bridge.origin}/`)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain('wss://*.twilio.com');
    expect(csp).not.toContain('127.0.0.1:4567');
  });

  it('stops listening to the host and drops clients on close', async () => {
    const client = await connect();
    await bridge.close();
    expect(host.listenerCount()).toBe(0);
    await client.close();
    await expect(fetch(`${bridge.origin}/`)).rejects.toThrow();
  });
});
