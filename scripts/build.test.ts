import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_NAMES, REQUEST_NAMES, eventListenerName } from '../shared/contract';
import { buildElectron } from './lib/build-steps';
import { ELECTRON_MAIN_OUT, ELECTRON_PRELOAD_OUT } from './lib/paths';

/** The Electron bundles as `npm run build` writes them, loaded under Node with a fake `electron`. */
const load = (bundle: string) =>
  JSON.parse(execFileSync(process.execPath, [join(__dirname, 'lib', 'testing', 'load-with-fake-electron.cjs'), bundle], { encoding: 'utf8', timeout: 30_000 })) as {
    calls: { name: string; args: unknown[] }[];
  };

beforeAll(async () => {
  await buildElectron();
}, 120_000);

describe('npm run build: Electron bundles', () => {
  it('main is self-contained and, as a second instance, registers the app scheme then quits', () => {
    const { calls } = load(ELECTRON_MAIN_OUT);
    expect(calls.map((c) => c.name)).toEqual(['protocol.registerSchemesAsPrivileged', 'app.requestSingleInstanceLock', 'app.quit']);
    expect(calls[0]!.args[0]).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });

  it('preload needs nothing but electron and exposes exactly the contract', () => {
    const requires = [...readFileSync(ELECTRON_PRELOAD_OUT, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    const { calls } = load(ELECTRON_PRELOAD_OUT);
    expect(calls).toEqual([{ name: 'contextBridge.exposeInMainWorld', args: ['agentDesktop', [...REQUEST_NAMES, ...EVENT_NAMES.map(eventListenerName)].sort()] }]);
  });
});
