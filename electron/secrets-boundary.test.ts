import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { ipcChannel } from '../shared/contract';
import { createHost, memorySettingsStore } from '../host/index';
import type { Logger } from '../host/types';

vi.mock('electron', () => import('./testing/electron-mock'));
const { ipcMain, FakeWebContents, safeStorage } = await import('./testing/electron-mock');
const { registerIpcHandlers, forwardHostEvents } = await import('./ipc');
const { safeSecretStore } = await import('./safe-secrets');
const { stderrLogger } = await import('./logger');

/**
 * The real host behind the real IPC wiring: a secret saved from the renderer
 * goes into safeStorage and comes back out nowhere: not in a reply, an event,
 * a log line, or the settings file.
 */
const SECRET = 'f00dbabe-not-a-real-auth-token-123456';
const dir = mkdtempSync(join(tmpdir(), 'secrets-boundary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('secrets never cross to the renderer', () => {
  it('stores the secret with safeStorage and never echoes it', async () => {
    const logLines: string[] = [];
    const logger: Logger = stderrLogger('test', (line) => logLines.push(line));
    const encrypted: string[] = [];
    const storage = { ...safeStorage, encryptString: (text: string) => (encrypted.push(text), safeStorage.encryptString(text)) };
    const settings = memorySettingsStore();
    const host = createHost({ secrets: safeSecretStore(join(dir, 'secrets.json'), storage), settings, logger });

    const window = new FakeWebContents('app://agent/index.html');
    const contents = () => window as unknown as WebContents;
    const disposeIpc = registerIpcHandlers(host.handlers, contents, logger);
    const stopEvents = forwardHostEvents(host, contents, logger);
    const invoke = (name: string, input: unknown) =>
      ipcMain.handlers.get(ipcChannel(name as never))!({ sender: window, senderFrame: window.mainFrame }, input);

    const replies: unknown[] = [];
    replies.push(
      await invoke('saveSettings', {
        mode: 'account',
        accountSid: `AC${'1'.repeat(32)}`,
        apiKeySid: null,
        secret: SECRET,
        workspaceSid: `WS${'2'.repeat(32)}`,
        workerSid: `WK${'3'.repeat(32)}`,
      }),
    );
    replies.push(await invoke('getSettings', {}));
    replies.push(await invoke('getSnapshot', {}));

    expect(replies[0]).toMatchObject({ ok: true, value: { mode: 'account', hasSecret: true } });
    expect(encrypted).toEqual([SECRET]);
    expect(readFileSync(join(dir, 'secrets.json'), 'utf8')).not.toContain(SECRET);
    expect(JSON.stringify(await settings.load())).not.toContain(SECRET);
    expect(window.sent.some((m) => m.channel === ipcChannel('settingsChanged'))).toBe(true);
    for (const crossed of [replies, window.sent, logLines]) expect(JSON.stringify(crossed)).not.toContain(SECRET);

    stopEvents();
    disposeIpc();
    await host.stop();
  });
});
