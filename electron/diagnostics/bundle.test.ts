import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, waitFor, type TestEmulator } from '../../emulator/test-support';
import { createHost, memorySecretStore, memorySettingsStore, SECRET_NAME, type Host } from '../../host/index';
import { mintWorkerToken } from '../../host/tokens/mint';
import { mintVoiceToken } from '../../host/voice/voice-token';
import type { ConnectionState } from '../../shared/model';
import { stderrLogger } from '../logger';
import { buildDiagnosticsBundle } from './bundle';
import { knownSecrets } from './known-secrets';
import { createLogBuffer } from './log-buffer';

/**
 * A diagnostics bundle from a running host that holds a known secret (stored),
 * a worker token and a voice token (from its token URL, whose query carries a
 * key of its own): unzipped, no file may contain any of them, nor anything
 * shaped like a JWT. The same search over the raw material finds them all, so
 * the test fails if redaction stops working.
 */

const KNOWN_SECRET = 'Sup3r-Secret-Api-Key-Value-0042';
const QUERY_KEY = 'query-key-7f3a9c1d2e';
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

let emulator: TestEmulator;
let tokenServer: Server;
let host: Host;
let workerJwt: string;
let voiceJwt: string;
const logs = createLogBuffer();
const secrets = memorySecretStore({ [SECRET_NAME]: KNOWN_SECRET });

beforeAll(async () => {
  emulator = await startTestEmulator({ workers: 1 });
  const { ready } = emulator;
  const workerSid = ready.workers[0]!.sid;
  const key = { accountSid: ready.accountSid, apiKeySid: ready.apiKeySid, apiKeySecret: ready.apiKeySecret };
  workerJwt = mintWorkerToken({ ...key, workspaceSid: ready.workspaceSid, workerSid, ttlSeconds: 3600, now: Date.now() }).jwt;
  voiceJwt = mintVoiceToken({ ...key, identity: 'alice', ttlSeconds: 3600, now: Date.now(), signalingUrl: null }).token;
  tokenServer = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.searchParams.get('key') !== QUERY_KEY) return void response.writeHead(403).end();
    const body = url.searchParams.get('kind') === 'voice' ? { token: voiceJwt } : { taskrouter: workerJwt, voice: voiceJwt };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => tokenServer.listen(0, '127.0.0.1', resolve));
  const tokenUrl = `http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}/token?key=${QUERY_KEY}`;
  host = createHost({
    secrets,
    settings: memorySettingsStore({ mode: 'tokenUrl', tokenUrl }),
    overrides: { restBaseUrl: ready.url, pollIntervalMs: 200 },
    logger: stderrLogger('host', (line) => logs.push(line)),
  });
  let connection: ConnectionState | null = null;
  host.on('connectionChanged', (c) => (connection = c));
  await host.start();
  await waitFor(() => connection?.state === 'subscribed', { description: 'the host subscribed with the worker token', timeoutMs: 15_000 });
});

afterAll(async () => {
  await host?.stop();
  await new Promise((resolve) => tokenServer?.close(resolve));
  await emulator?.close();
});

describe('the diagnostics bundle', () => {
  it('holds versions, settings, connection state and logs, and none of the secret, the tokens or any JWT', async () => {
    // The host really holds them: the voice token it hands out is the one from the token URL.
    const voice = await host.handlers.getVoiceToken({});
    expect(voice.ok && voice.value.token).toBe(voiceJwt);
    expect(await secrets.get(SECRET_NAME)).toBe(KNOWN_SECRET);
    // A careless log line (a key that does not look secret), and a non-JSON one.
    const careless = stderrLogger('electron', (line) => logs.push(line));
    careless.warn('debugging a token refresh', { detail: `worker ${workerJwt} voice ${voiceJwt} with ${KNOWN_SECRET}` });
    logs.push(`plain text line: GET /token?key=${QUERY_KEY} Authorization: Bearer ${workerJwt}`);

    const zip = await buildDiagnosticsBundle({
      createdAt: new Date('2026-11-30T12:00:00Z'),
      versions: { app: '1.0.0', electron: '45.5.0', node: process.versions.node, os: 'linux' },
      host,
      logs: logs.lines(),
      desktop: { updates: { state: 'off', detail: `feed https://updates.example/latest?signature=${QUERY_KEY}` }, voiceToken: voiceJwt },
      crashDumps: [{ name: 'completed/abc.dmp', bytes: 1234, modified: '2026-11-29T10:00:00.000Z' }],
      knownSecrets: await knownSecrets({ secrets, env: {}, demoSecret: null }),
    });

    const files = Object.fromEntries(Object.entries(unzipSync(zip)).map(([name, bytes]) => [name, strFromU8(bytes)]));
    expect(Object.keys(files).sort()).toEqual(['README.txt', 'connection.json', 'crash-dumps.json', 'logs.jsonl', 'settings.json', 'versions.json']);

    const forbidden = { secret: KNOWN_SECRET, workerToken: workerJwt, voiceToken: voiceJwt, queryKey: QUERY_KEY, workerTokenPayload: workerJwt.split('.')[1]!, voiceTokenSignature: voiceJwt.split('.')[2]! };
    // The search finds each of them in the raw material, so it would find them in the bundle if they were there.
    const raw = [...logs.lines(), JSON.stringify(await host.handlers.getSettings({})), voiceJwt].join('\n');
    for (const [what, value] of Object.entries(forbidden)) expect(raw.includes(value), `${what} in the raw material`).toBe(true);
    expect(raw).toMatch(JWT_SHAPE);

    for (const [name, text] of Object.entries(files)) {
      for (const [what, value] of Object.entries(forbidden)) expect(text.includes(value), `${what} in ${name}`).toBe(false);
      expect(text, `a JWT-shaped string in ${name}`).not.toMatch(JWT_SHAPE);
    }

    // And it is still useful to support.
    expect(JSON.parse(files['connection.json']!)).toMatchObject({ connection: { state: 'subscribed' }, worker: { available: expect.any(Boolean) } });
    expect(JSON.parse(files['settings.json']!)).toMatchObject({ connection: { mode: 'tokenUrl', hasSecret: true, tokenUrl: expect.stringContaining('http://127.0.0.1:') } });
    expect(files['logs.jsonl']).toContain('debugging a token refresh');
    expect(files['logs.jsonl']).toContain('[removed]');
    expect(JSON.parse(files['versions.json']!)).toMatchObject({ app: '1.0.0', createdAt: '2026-11-30T12:00:00.000Z' });
    expect(JSON.parse(files['crash-dumps.json']!)).toEqual([{ name: 'completed/abc.dmp', bytes: 1234, modified: '2026-11-29T10:00:00.000Z' }]);
  });

  it('leaves customer data out: no caller names, numbers or task attributes', async () => {
    const created = await emulator.admin.createTask({ attributes: { caller_name: 'Ada Lovelace', from: '+14155550100', account_number: 'ACCT-998877' } });
    expect(created.status).toBe(201);
    await waitFor(async () => {
      const snapshot = await host.handlers.getSnapshot({});
      return snapshot.ok && snapshot.value.reservations.length > 0;
    }, { description: 'the offer reached the host', timeoutMs: 10_000 });
    const zip = await buildDiagnosticsBundle({ createdAt: new Date(), versions: {}, host, logs: [], desktop: {}, crashDumps: [], knownSecrets: [] });
    const text = Object.values(unzipSync(zip)).map((bytes) => strFromU8(bytes)).join('\n');
    expect(text).toContain('"status": "pending"');
    for (const customer of ['Ada Lovelace', '+14155550100', 'ACCT-998877']) expect(text).not.toContain(customer);
  });
});
