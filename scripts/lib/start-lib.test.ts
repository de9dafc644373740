import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { displayAvailable, electronBinary } from './electron-binary';
import { isStale } from './freshness';
import { openCommand, writeLauncherPage } from './open-browser';
import { parseStartArgs } from './start-args';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'start-lib-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('parseStartArgs', () => {
  it('reads its own flags and leaves the host flags alone', () => {
    expect(parseStartArgs([])).toEqual({ ok: true, value: { browser: false, open: true, port: 0, help: false } });
    expect(parseStartArgs(['--browser', '--no-open', '--port', '8123', '--mode', 'demo'])).toEqual({
      ok: true,
      value: { browser: true, open: false, port: 8123, help: false },
    });
    expect(parseStartArgs(['--port=0'])).toMatchObject({ ok: true, value: { port: 0 } });
  });

  it.each([['--port'], ['--port', 'abc'], ['--port', '70000'], ['--port', '-1'], ['--port=1.5']])('refuses %j with a usable message', (...argv) => {
    const result = parseStartArgs(argv);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'port' } });
    if (!result.ok) expect(result.error.message).toMatch(/0 to 65535/);
  });
});

describe('isStale', () => {
  it('is stale when the output is missing or older than any input', () => {
    const src = join(dir, 'src');
    const out = join(dir, 'out');
    mkdirSync(join(src, 'deep'), { recursive: true });
    writeFileSync(join(src, 'deep', 'a.ts'), 'a');
    expect(isStale(out, [src])).toBe(true);
    mkdirSync(out);
    writeFileSync(join(out, 'index.html'), 'x');
    const past = new Date(Date.now() - 60_000);
    utimesSync(join(src, 'deep', 'a.ts'), past, past);
    utimesSync(join(src, 'deep'), past, past);
    utimesSync(src, past, past);
    expect(isStale(out, [src])).toBe(false);
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(src, 'deep', 'a.ts'), future, future);
    expect(isStale(out, [src])).toBe(true);
  });
});

describe('electronBinary', () => {
  it('names why Electron is unavailable, and finds it when path.txt points at a file', () => {
    expect(electronBinary(dir)).toEqual({ missing: expect.stringMatching(/path\.txt missing/) });
    mkdirSync(join(dir, 'node_modules', 'electron', 'dist'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', 'electron', 'path.txt'), 'electron');
    expect(electronBinary(dir)).toEqual({ missing: expect.stringMatching(/not found/) });
    writeFileSync(join(dir, 'node_modules', 'electron', 'dist', 'electron'), '');
    expect(electronBinary(dir)).toEqual({ path: join(dir, 'node_modules', 'electron', 'dist', 'electron') });
  });

  it('needs a display on Linux only', () => {
    expect(displayAvailable({}, 'linux')).toBe(false);
    expect(displayAvailable({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(displayAvailable({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(displayAvailable({}, 'darwin')).toBe(true);
    expect(displayAvailable({}, 'win32')).toBe(true);
  });
});

describe('opening the browser', () => {
  it('keeps the secret off the command line: a private page forwards to the UI', () => {
    const url = 'http://127.0.0.1:1234/#secret=abc"<x>&y';
    const page = writeLauncherPage(url, dir);
    expect(statSync(page).mode & 0o777).toBe(0o600);
    const html = readFileSync(page, 'utf8');
    expect(html).toContain('content="0;url=http://127.0.0.1:1234/#secret=abc&quot;&lt;x>&amp;y"');
    expect(html).toContain('name="referrer" content="no-referrer"');
    const { command, args } = openCommand(page, 'linux');
    expect(command).toBe('xdg-open');
    expect(args.join(' ')).not.toContain('secret');
    expect(openCommand(page, 'darwin').command).toBe('open');
    expect(openCommand(page, 'win32')).toEqual({ command: 'explorer.exe', args: [page] });
  });
});
