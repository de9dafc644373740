import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { VoiceEmulator } from '../../../emulator/voice/voice-emulator';
import { sdkSoundSamples, wavBytes } from '../../../renderer/voice/local-sounds';

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

/** Serves the SDK page (`/`), the SDK bundle and its sounds on 127.0.0.1; signaling may live elsewhere. */
export interface SdkPageServer {
  origin: string;
  soundUrls(): Record<string, string>;
  /** Extra WebSocket upgrade handling on the same server (the standalone harness puts /signal here). */
  onUpgrade(handler: (request: IncomingMessage, socket: Duplex, head: Buffer) => void): void;
  close(): Promise<void>;
}

export async function startSdkPageServer(): Promise<SdkPageServer> {
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    soundUrls: () => Object.fromEntries(Object.keys(sounds).map((name) => [name, `${origin}/sounds/${name}.wav`])),
    onUpgrade: (handler) => server.on('upgrade', handler),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A Voice access token as the host mints it: Voice grant, incoming allowed. */
export function mintVoiceToken(credentials: { accountSid: string; apiKeySid: string; apiKeySecret: string }, identity: string, ttlSec = 3600): string {
  const token = new twilio.jwt.AccessToken(credentials.accountSid, credentials.apiKeySid, credentials.apiKeySecret, { identity, ttl: ttlSec });
  token.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true }));
  return token.toJwt();
}

export async function startVoiceHarness(options: { heartbeatMs?: number; deviceGoneGraceMs?: number } = {}): Promise<VoiceHarness> {
  const voice = await VoiceEmulator.start({
    lookupSecret: (sid) => (sid === TEST_API_KEY_SID ? TEST_API_KEY_SECRET : undefined),
    heartbeatMs: options.heartbeatMs,
    deviceGoneGraceMs: options.deviceGoneGraceMs ?? 500,
  });
  const pages = await startSdkPageServer();
  pages.onUpgrade((request, socket, head) => {
    if (!voice.handleUpgrade(request, socket, head)) socket.destroy();
  });
  return {
    voice,
    origin: pages.origin,
    signalingUrl: pages.origin.replace('http://', 'ws://') + '/signal',
    token: (identity, ttlSec = 3600) => mintVoiceToken({ accountSid: TEST_ACCOUNT_SID, apiKeySid: TEST_API_KEY_SID, apiKeySecret: TEST_API_KEY_SECRET }, identity, ttlSec),
    soundUrls: () => pages.soundUrls(),
    async close() {
      await voice.close();
      await pages.close();
    },
  };
}
