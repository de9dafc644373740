import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startElectronMode } from './electron-mode';

/**
 * startElectronMode against stand-in "Electron binaries" (small Node scripts),
 * since no real one can be installed here: the ready line is relayed, and an
 * app that dies or stays silent is reported so `npm start` falls back to browser mode.
 */
const dir = mkdtempSync(join(tmpdir(), 'fake-electron-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fakeBinary = (name: string, body: string) => {
  const file = join(dir, name);
  writeFileSync(file, `#!${process.execPath}\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
};
const silent = { info: () => {}, warn: () => {}, error: () => {} };

describe('startElectronMode', () => {
  it('resolves with the ready line the app prints once its window loaded, and closes it', async () => {
    const binary = fakeBinary(
      'ready',
      `if (process.env.AGENT_DESKTOP_REPORT_READY !== '1') process.exit(3);
       console.log('some chromium chatter');
       console.log(JSON.stringify({ ready: true, mode: 'electron', ui: 'app://agent/index.html', emulator: { url: 'http://127.0.0.1:1', args: process.argv.slice(2) } }));
       setInterval(() => {}, 1000);`,
    );
    const electron = await startElectronMode({ binary, hostArgs: ['--mode', 'demo'], logger: silent });
    expect(electron.ready).toMatchObject({ ready: true, mode: 'electron', ui: 'app://agent/index.html' });
    const args = (electron.ready.emulator as { args: string[] }).args;
    expect(args.slice(-3)).toEqual([expect.stringMatching(/dist-electron[\\/]main\.cjs$/), '--mode', 'demo']);
    await electron.close();
    expect(electron.child.exitCode !== null || electron.child.signalCode !== null).toBe(true);
  });

  it('rejects when the app exits before it is ready', async () => {
    const binary = fakeBinary('crash', `console.error('cannot open display'); process.exit(1);`);
    await expect(startElectronMode({ binary, hostArgs: [], logger: silent })).rejects.toThrow(/exited \(code 1\)/);
  });

  it('rejects, and stops the app, when it stays silent too long', async () => {
    const binary = fakeBinary('silent', `setInterval(() => {}, 1000);`);
    await expect(startElectronMode({ binary, hostArgs: [], logger: silent, startTimeoutMs: 500 })).rejects.toThrow(/within 0.5 s/);
  });

  it('rejects when the binary cannot be run at all', async () => {
    await expect(startElectronMode({ binary: join(dir, 'missing'), hostArgs: [], logger: silent })).rejects.toThrow(/could not be started|exited/);
  });
});
