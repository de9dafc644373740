import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import twilio from 'twilio';
import { startTestEmulator, waitFor, type TestEmulator } from '../test-support/index';

// Hostile or broken `invite` frames (outgoing calls) earn a `hangup` with an
// error, never a crash, and leave the emulator serving.

let env: TestEmulator | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

function voiceToken(ready: TestEmulator['ready'], identity: string): string {
  const token = new twilio.jwt.AccessToken(ready.accountSid, ready.apiKeySid, ready.apiKeySecret, { identity, ttl: 600 });
  token.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true }));
  return token.toJwt();
}

async function signalingClient(url: string) {
  const ws = new WebSocket(url.replace('http://', 'ws://') + '/signal');
  const frames: { type: string; payload: Record<string, unknown> }[] = [];
  ws.on('message', (data) => {
    const text = data.toString();
    if (text.startsWith('{')) frames.push(JSON.parse(text) as { type: string; payload: Record<string, unknown> });
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const send = (type: string, payload: unknown) => ws.send(JSON.stringify({ type, version: '1.6', payload }));
  return { ws, frames, send };
}

describe('PStream invite (outgoing calls)', () => {
  it('refuses an invite before listen (31201) and an unusable offer (31000), and keeps serving', async () => {
    env = await startTestEmulator();
    const client = await signalingClient(env.ready.url);
    client.send('invite', { callsid: 'TJSbefore', sdp: 'v=0', twilio: { params: 'To=%2B15551234567' } });
    await waitFor(() => client.frames.find((f) => f.type === 'hangup' && f.payload['callsid'] === 'TJSbefore'));
    expect(client.frames.find((f) => f.payload['callsid'] === 'TJSbefore')?.payload['error']).toMatchObject({ code: 31201 });

    client.send('listen', { token: voiceToken(env.ready, 'mallory') });
    await waitFor(() => client.frames.some((f) => f.type === 'connected'));
    client.send('invite', { callsid: 'TJSgarbage', sdp: 'this is not SDP', twilio: { params: 'To=%2B15551234567' } });
    client.ws.send('{"type":"invite","payload":{"callsid":42}}');
    client.ws.send('not json at all');
    await waitFor(() => client.frames.find((f) => f.type === 'hangup' && f.payload['callsid'] === 'TJSgarbage'));
    expect(client.frames.find((f) => f.payload['callsid'] === 'TJSgarbage')?.payload['error']).toMatchObject({ code: 31000 });
    expect((await env.client.calls.list()).filter((c) => c.from === 'client:mallory')).toEqual([]);
    // Still serving.
    expect((await fetch(`${env.ready.url}/emulator/health`)).status).toBe(200);
    client.ws.close();
  });
});
