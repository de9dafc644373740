import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClient, type TestClient } from '../host/browser-bridge/testing/ws-client';
import { ROOT } from './lib/paths';

/**
 * `npm start` as a user runs it, in browser mode (no Electron binary here):
 * the real script, the real host, the embedded emulator with demo traffic.
 */

interface Ready {
  ready: true;
  mode: string;
  ui: string;
  emulator: { url: string; workspaceSid: string } | null;
}

let child: ChildProcess;
const stdoutLines: string[] = [];
let ready: Ready;
let exitCode: Promise<number | null>;
let client: TestClient;

beforeAll(async () => {
  child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--browser', '--no-open', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, AGENT_DESKTOP_SETTINGS_FILE: ':memory:' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  exitCode = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => stdoutLines.push(line));
  ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within 90 s; stderr:\n${stderr.slice(-2000)}`)), 90_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as Ready);
    });
    void exitCode.then((code) => reject(new Error(`npm start exited with ${code} before ready; stderr:\n${stderr.slice(-2000)}`)));
  });
}, 120_000);

afterAll(async () => {
  await client?.close();
  if (child.exitCode === null) child.kill('SIGKILL');
});

describe('npm start (browser mode, demo)', () => {
  it('prints one ready line naming the UI with its secret and the emulator', () => {
    expect(ready).toMatchObject({ ready: true, mode: 'browser' });
    expect(ready.ui).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#secret=[\w-]{40,}$/);
    expect(ready.emulator?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.emulator?.workspaceSid).toMatch(/^WS[0-9a-f]{32}$/);
  });

  it('serves the built renderer with a CSP that allows the emulator', async () => {
    const origin = new URL(ready.ui).origin;
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<script[^>]+src=/);
    const emulatorWs = ready.emulator!.url.replace('http://', 'ws://');
    expect(page.headers.get('content-security-policy')).toContain(emulatorWs);
  });

  it('answers the contract over the bridge and pushes the first demo offer within seconds', async () => {
    const url = new URL(ready.ui);
    const secret = url.hash.slice('#secret='.length);
    client = await openClient(`ws://${url.host}/bridge?secret=${secret}`, url.origin);
    client.send({ type: 'request', id: 1, method: 'getSnapshot', input: {} });
    const snapshot = await client.waitFor(
      (m) => ((m as { id?: number }).id === 1 ? (m as { result: { ok: boolean; value: { settings: { mode: string } } } }) : undefined),
      10_000,
    );
    expect(snapshot.result.ok).toBe(true);
    expect(snapshot.result.value.settings.mode).toBe('demo');
    const pendingInSnapshot = (snapshot.result.value as unknown as { reservations: { status: string }[] }).reservations.some((r) => r.status === 'pending');
    if (!pendingInSnapshot) {
      const offer = await client.waitFor(
        (m) => ((m as { event?: string; payload?: { status?: string } }).event === 'reservationUpdated' ? m : undefined),
        30_000,
      );
      expect(offer).toMatchObject({ type: 'event', event: 'reservationUpdated', payload: { status: expect.any(String) } });
    }
  }, 45_000);

  it('stops cleanly on SIGTERM, having printed nothing else on stdout', async () => {
    child.kill('SIGTERM');
    expect(await exitCode).toBe(0);
    expect(stdoutLines).toHaveLength(1);
  }, 20_000);
});
