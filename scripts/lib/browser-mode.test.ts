import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { stderrLogger } from '../../electron/logger';
import { startBrowserMode, type BrowserMode } from './browser-mode';

/**
 * Browser mode as `npm start --browser` composes it, in account mode pointed at
 * an emulator you run yourself (AGENT_DESKTOP_REST_URL). Before, its CSP allowed
 * only the embedded demo emulator and Twilio, so the Voice SDK's signaling
 * socket to that emulator was refused (CSP violation, Voice SDK error 31000).
 */
let emulator: RunningEmulator;
let browser: BrowserMode | undefined;
const settingsFile = process.env.AGENT_DESKTOP_SETTINGS_FILE;

beforeEach(async () => {
  process.env.AGENT_DESKTOP_SETTINGS_FILE = ':memory:';
  emulator = await startEmulator({ traffic: 'off', workers: 1 });
});

afterEach(async () => {
  await browser?.close();
  browser = undefined;
  await emulator.close();
  if (settingsFile === undefined) delete process.env.AGENT_DESKTOP_SETTINGS_FILE;
  else process.env.AGENT_DESKTOP_SETTINGS_FILE = settingsFile;
});

const connectSrcOf = (csp: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src'))!.split(' ').slice(1);

describe('startBrowserMode: the page CSP follows the configured endpoints', () => {
  it('account mode + AGENT_DESKTOP_REST_URL: that emulator (REST, signaling), not Twilio, nothing else', async () => {
    const { ready } = emulator;
    browser = await startBrowserMode({
      port: 0,
      logger: stderrLogger('test', () => undefined),
      overrides: { mode: 'account', accountSid: ready.accountSid, apiKeySid: ready.apiKeySid, secret: ready.apiKeySecret, workspaceSid: ready.workspaceSid, workerSid: ready.workers[0]!.sid, restBaseUrl: ready.url },
    });
    const csp = (await fetch(`${browser.bridge.origin}/`)).headers.get('content-security-policy') ?? '';
    const emulatorHost = new URL(ready.url).host;
    expect(connectSrcOf(csp).sort()).toEqual(["'self'", browser.bridge.origin.replace('http:', 'ws:'), `http://${emulatorHost}`, `ws://${emulatorHost}`].sort());
    expect(browser.host.demo()).toBeNull(); // no embedded demo emulator was started for it
  });
});
