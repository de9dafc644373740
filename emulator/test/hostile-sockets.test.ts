import net from 'node:net';
import fc from 'fast-check';
import twilio from 'twilio';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, waitFor, type TestEmulator } from '../test-support/index';

/**
 * The WebSocket and admin surfaces under hostile input: the Voice SDK's /signal socket, raw
 * upgrades, and the /emulator/ admin endpoints. Nothing may crash, hang or 5xx the emulator,
 * and it must still answer /emulator/health afterwards. (The EventBridge proxy and socket are
 * covered by emulator/eventbridge/connection.test.ts and proxy-request.test.ts.)
 */

let env: TestEmulator;
beforeAll(async () => {
  env = await startTestEmulator({ workers: 2 });
});
afterAll(async () => {
  await env.close();
});

async function expectHealthy(label: string): Promise<void> {
  const response = await fetch(`${env.ready.url}/emulator/health`);
  expect(response.status, `${label}: /emulator/health`).toBe(200);
}

/** Sends a raw upgrade request line and answers the status line the server writes before closing (or TIMEOUT). */
function rawUpgrade(target: string, timeoutMs = 3_000): Promise<string> {
  const origin = new URL(env.ready.url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: origin.hostname, port: Number(origin.port) });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('TIMEOUT');
    }, timeoutMs);
    socket.on('connect', () =>
      socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`),
    );
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1').split('\r\n')[0] ?? '');
    });
  });
}

function voiceToken(options: { identity?: string; ttl?: number; secret?: string; key?: string } = {}): string {
  const token = new twilio.jwt.AccessToken(env.ready.accountSid, options.key ?? env.ready.apiKeySid, options.secret ?? env.ready.apiKeySecret, {
    identity: options.identity ?? 'alice',
    ttl: options.ttl ?? 600,
  });
  token.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true }));
  return token.toJwt();
}

interface Device {
  ws: WebSocket;
  frames: { type: string; payload: Record<string, unknown> }[];
  send(type: string, payload: unknown): void;
  closed: Promise<number>;
}

async function openDevice(): Promise<Device> {
  const ws = new WebSocket(`${env.ready.url.replace(/^http/, 'ws')}/signal`);
  const frames: Device['frames'] = [];
  ws.on('message', (data: Buffer) => {
    const text = data.toString();
    if (text.trim()) frames.push(JSON.parse(text) as Device['frames'][number]);
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, frames, closed, send: (type, payload) => ws.send(JSON.stringify({ type, version: '1.6', payload })) };
}

async function listen(device: Device, token: string): Promise<{ type: string; payload: Record<string, unknown> }> {
  const before = device.frames.length;
  device.send('listen', { token, browserinfo: {} });
  return waitFor(() => device.frames.slice(before).find((f) => f.type === 'connected' || f.type === 'error'));
}

async function inboundCall(): Promise<string> {
  const response = await fetch(`${env.ready.url}/emulator/inbound-call`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: '+15551234567' }) });
  expect(response.status).toBe(201);
  return ((await response.json()) as { callSid: string }).callSid;
}

async function callStatus(sid: string): Promise<string> {
  const response = await fetch(`${env.ready.url}/emulator/calls/${sid}`);
  return ((await response.json()) as { status: string }).status;
}

describe('WebSocket upgrades', () => {
  it('answers an upgrade to an unknown path or a malformed target instead of hanging or crashing', async () => {
    for (const target of ['/nowhere', '/signal/extra', 'http://[', '//', '/eventbridge/v1/wschannels/x', '*']) {
      const status = await rawUpgrade(target);
      expect(status, target).toMatch(/^HTTP\/1\.1 4\d\d /);
      await expectHealthy(target);
    }
  });
});

describe('/signal (Voice SDK PStream)', () => {
  it('ignores garbage, binary, wrong types and call messages before listen, and still serves listen', async () => {
    const device = await openDevice();
    const callSid = await inboundCall();
    const junk: (string | Buffer)[] = [
      'not json',
      '{',
      '[]',
      'null',
      '42',
      '"listen"',
      JSON.stringify({ type: 'listen', payload: { token: 42 } }),
      JSON.stringify({ type: 'listen', payload: null }),
      JSON.stringify({ type: 'register', payload: { media: { audio: 'yes' } } }),
      JSON.stringify({ type: 'answer', payload: { callsid: callSid, sdp: 'v=0 garbage' } }),
      JSON.stringify({ type: 'hangup', payload: { callsid: callSid } }),
      JSON.stringify({ type: 'reject', payload: { callsid: callSid } }),
      JSON.stringify({ type: 'dtmf', payload: { callsid: callSid, dtmf: '1' } }),
      JSON.stringify({ type: 'dtmf', payload: { callsid: { __proto__: 1 }, dtmf: 7 } }),
      JSON.stringify({ type: 'constructor', payload: {} }),
      '{"__proto__":{"type":"listen"},"type":"__proto__"}',
      Buffer.from([0, 1, 2, 255, 254]),
      '\n',
      '',
    ];
    for (const frame of junk) device.ws.send(frame, { binary: Buffer.isBuffer(frame) });
    const register = device.frames.length;
    device.send('register', { media: { audio: true } });
    await waitFor(() => device.frames.slice(register).find((f) => f.type === 'error'));
    expect((await listen(device, voiceToken())).type).toBe('connected');
    expect(await callStatus(callSid)).toBe('in-progress');
    device.ws.close();
    await expectHealthy('after junk frames');
  });

  it('answers malformed, expired and foreign tokens with the SDK error codes', async () => {
    const device = await openDevice();
    const cases: [string, number][] = [
      ['not-a-jwt', 31204],
      ['a.b.c', 31204],
      [voiceToken({ ttl: -60 }), 31205],
      [voiceToken({ secret: 'f'.repeat(32) }), 31204],
      [voiceToken({ key: `SK${'9'.repeat(32)}` }), 31201],
    ];
    for (const [token, code] of cases) {
      const answer = await listen(device, token);
      expect(answer, token).toMatchObject({ type: 'error', payload: { error: { code } } });
    }
    device.ws.close();
    await expectHealthy('after bad tokens');
  });

  it('closes the socket on a frame over its size limit and keeps serving others', async () => {
    const device = await openDevice();
    device.ws.send('x'.repeat(300 * 1024));
    expect(await device.closed).toBe(1009);
    const other = await openDevice();
    expect((await listen(other, voiceToken())).type).toBe('connected');
    other.ws.close();
    await expectHealthy('after a huge frame');
  });

  it("answer, hangup, reject and dtmf for unknown calls or another party's call change nothing", async () => {
    const device = await openDevice();
    expect((await listen(device, voiceToken({ identity: 'mallory' }))).type).toBe('connected');
    device.send('register', { media: { audio: true } });
    const callerCall = await inboundCall();
    for (const callsid of [callerCall, `CA${'0'.repeat(32)}`, 'x']) {
      device.send('answer', { callsid, sdp: 'v=0\r\n' });
      device.send('dtmf', { callsid, dtmf: '123' });
      device.send('reject', { callsid });
      device.send('hangup', { callsid });
    }
    await expectHealthy('after foreign call messages');
    expect(await callStatus(callerCall)).toBe('in-progress');
    device.ws.close();
  });

  it('random frames never crash it (fast-check)', { timeout: 60_000 }, async () => {
    const device = await openDevice();
    const types = fc.constantFrom('listen', 'register', 'answer', 'hangup', 'reject', 'dtmf', 'invite', 'reinvite', 'message', 'bogus');
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.json(), fc.record({ type: types, version: fc.anything(), payload: fc.anything() }).map((m) => JSON.stringify(m) ?? '')), async (frame) => {
        device.ws.send(frame);
      }),
      { numRuns: 300 },
    );
    expect((await listen(device, voiceToken())).type).toBe('connected');
    device.ws.close();
    await expectHealthy('after random frames');
  });
});

describe('admin API under hostile JSON', () => {
  const post = (path: string, body: string) => fetch(`${env.ready.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('refuses wrong types, huge or negative numbers and __proto__ keys with a typed 4xx', async () => {
    const before = (await env.admin.clock()).body.now;
    const cases: [string, string][] = [
      ['/emulator/clock', '{"advanceMs":-1}'],
      ['/emulator/clock', '{"advanceMs":1e308}'],
      ['/emulator/clock', '{"advanceMs":"NaN"}'],
      ['/emulator/clock', '{"advanceMs":NaN}'],
      ['/emulator/clock', '{"speed":0}'],
      ['/emulator/clock', '{"__proto__":{"advanceMs":1}}'],
      ['/emulator/clock', '[]'],
      ['/emulator/faults', '{"latencyMs":1e9}'],
      ['/emulator/faults', '{"status":"500"}'],
      ['/emulator/faults', '{"constructor":{"prototype":{"x":1}}}'],
      ['/emulator/tasks', '{"priority":-1}'],
      ['/emulator/tasks', '{"attributes":"x"}'],
      ['/emulator/inbound-call', '{"from":15551234567}'],
      ['/emulator/inbound-call', '{"from":"+15551234567","attributes":[]}'],
      ['/emulator/inbound-call', '{"from":"+15551234567","__proto__":{}}'],
      ['/emulator/calls/CA00000000000000000000000000000000/hangup', '{}'],
      ['/emulator/calls/..%2F..%2Fhealth/hangup', '{}'],
    ];
    for (const [path, body] of cases) {
      const response = await post(path, body);
      expect(response.status, `${path} ${body}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${path} ${body}`).toBeLessThan(500);
      expect(await response.json(), `${path} ${body}`).toMatchObject({ code: expect.any(Number), message: expect.any(String) });
    }
    // A nested __proto__ key is data, not a prototype: the task is created and nothing is polluted.
    expect((await post('/emulator/tasks', '{"attributes":{"__proto__":{"polluted":true}}}')).status).toBe(201);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((await env.admin.clock()).body.now).toBe(before);
    expect((await fetch(`${env.ready.url}/emulator/faults`).then((r) => r.json())) as unknown).toEqual({ faults: null });
    await expectHealthy('after hostile admin bodies');
  });

  it('random bodies never produce a 5xx (fast-check)', { timeout: 60_000 }, async () => {
    const paths = fc.constantFrom('/emulator/clock', '/emulator/faults', '/emulator/tasks', '/emulator/inbound-call', '/emulator/traffic', `/emulator/calls/CA${'1'.repeat(32)}/hangup`);
    const value = fc.oneof(fc.integer(), fc.double(), fc.string(), fc.boolean(), fc.constant(null), fc.constant(-1), fc.constant(1e308));
    const body = fc.oneof(
      fc.json(),
      fc.string(),
      fc.dictionary(fc.constantFrom('advanceMs', 'speed', 'latencyMs', 'status', 'times', 'from', 'to', 'priority', 'attributes', 'mode', '__proto__', 'constructor'), value).map((d) => JSON.stringify(d)),
    );
    await fc.assert(
      fc.asyncProperty(paths, body, async (path, text) => {
        const response = await post(path, text);
        await response.arrayBuffer();
        expect(response.status, `${path} ${text}`).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
    await fetch(`${env.ready.url}/emulator/faults`, { method: 'DELETE' });
    await post('/emulator/traffic', '{"mode":"off"}');
    await expectHealthy('after random admin bodies');
  });
});
