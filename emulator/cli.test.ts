import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args';

describe('CLI flags', () => {
  it('defaults to port 3000, loopback and demo traffic', () => {
    expect(parseCliArgs([])).toEqual({ ok: true, options: { port: 3000, host: '127.0.0.1', traffic: 'demo' } });
  });

  it('parses every flag', () => {
    const parsed = parseCliArgs(['--port', '0', '--traffic', 'off', '--reservation-timeout', '30', '--workers', '5', '--clock-speed', '2.5', '--host', '127.0.0.1']);
    expect(parsed).toEqual({ ok: true, options: { port: 0, host: '127.0.0.1', traffic: 'off', reservationTimeoutSeconds: 30, workers: 5, clockSpeed: 2.5 } });
  });

  it('parses the door flags: allowed hosts, callback hosts and a random admin secret', () => {
    const parsed = parseCliArgs(['--allowed-host', 'Emu.Example', '--allowed-host', 'emu.example:8080', '--callback-host', 'hooks.example', '--require-admin-secret']);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.options).toMatchObject({ allowedHosts: ['emu.example', 'emu.example:8080'], callbackHosts: ['hooks.example'] });
    expect(parsed.options.adminSecret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const again = parseCliArgs(['--require-admin-secret']);
    expect(again.ok && again.options.adminSecret).not.toBe(parsed.options.adminSecret);
    expect(parseCliArgs([]).ok && 'adminSecret' in (parseCliArgs([]) as { options: object }).options).toBe(false);
  });

  it.each([[['--allowed-host', 'http://evil']], [['--callback-host', 'a b']], [['--traffic', 'loud']], [['--port', 'abc']], [['--port', '70000']], [['--workers', '0']], [['--workers', '1001']], [['--reservation-timeout', '86401']], [['--clock-speed', '-1']], [['--bogus']], [['positional']]])('refuses %j with a message', (argv) => {
    const parsed = parseCliArgs(argv);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message.length).toBeGreaterThan(5);
  });
});

describe('CLI process', () => {
  it('prints exactly one JSON line once ready and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--traffic', 'off'], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    const firstLine = new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        resolve(line);
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const ready = JSON.parse(await firstLine) as { ready: boolean; url: string; workers: unknown[] };
    expect(ready.ready).toBe(true);
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.workers).toHaveLength(3);
    expect((await fetch(`${ready.url}/emulator/health`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(lines).toHaveLength(1);
  });

  it('exits 2 with a message on a bad flag', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--traffic', 'loud'], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(stderr).toMatch(/--traffic must be off or demo/);
  });
});
