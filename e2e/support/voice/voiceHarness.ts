import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { VoiceEmulator } from '../../../emulator/voice/voiceEmulator';
import { sdkSoundSamples, wavBytes } from '../../../renderer/voice/localSounds';

const require = createRequire(import.meta.url);

export const TEST_ACCOUNT_SID = 'AC' + 'a'.repeat(32);
export const TEST_API_KEY_SID = 'SK' + 'b'.repeat(32);
export const TEST_API_KEY_SECRET = 'voice-e2e-secret';

/**
 * The voice emulator behind a bare page that loads the unmodified Voice SDK
 * bundle, all on one 127.0.0.1 origin: `/` the page, `/twilio.min.js` the SDK,
 * `/sounds/<name>.wav` its sounds, `/signal` the signaling WebSocket.
 */
export interface VoiceHarness {
  voice: VoiceEmulator;
  origin: string;
  signalingUrl: string;
  token(identity: string, ttlSec?: number): string;
  soundUrls(): Record<string, string>;
  close(): Promise<void>;
}

export async function startVoiceHarness(options: { heartbeatMs?: number } = {}): Promise<VoiceHarness> {
  const voice = await VoiceEmulator.start({
    lookupSecret: (sid) => (sid === TEST_API_KEY_SID ? TEST_API_KEY_SECRET : undefined),
    heartbeatMs: options.heartbeatMs,
  });
  const sdkBundle = readFileSync(join(dirname(require.resolve('@twilio/voice-sdk')), '..', 'dist', 'twilio.min.js'));
  const sounds = sdkSoundSamples();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><html><head><title>voice harness</title><script src="/twilio.min.js"></script></head><body>voice harness</body></html>');
      return;
    }
    if (path === '/twilio.min.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(sdkBundle);
      return;
    }
    const sound = /^\/sounds\/(\w+)\.wav$/.exec(path)?.[1];
    if (sound && sound in sounds) {
      response.writeHead(200, { 'content-type': 'audio/wav' });
      response.end(wavBytes(sounds[sound as keyof typeof sounds]));
      return;
    }
    response.writeHead(404).end();
  });
  server.on('upgrade', (request, socket, head) => {
    if (!voice.handleUpgrade(request, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    voice,
    origin,
    signalingUrl: `ws://127.0.0.1:${port}/signal`,
    token(identity, ttlSec = 3600) {
      const token = new twilio.jwt.AccessToken(TEST_ACCOUNT_SID, TEST_API_KEY_SID, TEST_API_KEY_SECRET, { identity, ttl: ttlSec });
      token.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true }));
      return token.toJwt();
    },
    soundUrls() {
      return Object.fromEntries(Object.keys(sounds).map((name) => [name, `${origin}/sounds/${name}.wav`]));
    },
    async close() {
      await voice.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
