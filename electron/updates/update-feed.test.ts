import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WorkState } from './update-policy';

/**
 * The updater against a feed served by the test on 127.0.0.1: the real
 * electron-updater (AppImageUpdater, generic provider, its Electron HTTP
 * executor) over the mocked `electron` net module, driven by our controller.
 * Covered: reading the feed's yml, the version comparison, the download with
 * its sha512 check into the updater's cache, and every decision about when to
 * download and when to restart. Not covered (needs a packaged binary):
 * installing — quitAndInstall is replaced by a spy —, differential downloads
 * (they need a real AppImage with an embedded blockmap), and the NSIS/Squirrel.Mac
 * updaters, which hand the file to the OS installer.
 */

vi.mock('electron', () => import('../testing/electron-mock'));
const electron = await import('../testing/electron-mock');
const { provideElectronMockToRequire } = await import('../testing/require-mock');
const restoreRequire = provideElectronMockToRequire(electron);
const { AppImageUpdater } = await import('electron-updater');
const { createUpdateController } = await import('./update-controller');
const { configureUpdater } = await import('./updater');
const { chooseFeed } = await import('./update-feed');

const root = mkdtempSync(join(tmpdir(), 'agent-desktop-updates-'));
const previousEnv = { APPIMAGE: process.env.APPIMAGE, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME };
const installer = Buffer.from('#!/bin/sh\necho "Agent Desktop 1.1.0"\n'.repeat(2_000));
const sha512 = (data: Buffer) => createHash('sha512').update(data).digest('base64');

/** The feed: what electron-builder publishes for a generic provider, per platform file name. */
let feed = { version: '1.1.0', sha512: sha512(installer) };
const served: string[] = [];
let server: Server;
let feedUrl = '';

const yml = () =>
  [
    `version: ${feed.version}`,
    'files:',
    `  - url: Agent-Desktop-${feed.version}.AppImage`,
    `    sha512: ${feed.sha512}`,
    `    size: ${installer.length}`,
    `path: Agent-Desktop-${feed.version}.AppImage`,
    `sha512: ${feed.sha512}`,
    `releaseDate: '2026-11-30T10:00:00.000Z'`,
    '',
  ].join('\n');

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    served.push(path);
    if (/^\/latest(-linux|-mac)?\.yml$/.test(path)) return void response.writeHead(200, { 'content-type': 'text/yaml' }).end(yml());
    if (path === `/Agent-Desktop-${feed.version}.AppImage`) return void response.writeHead(200, { 'content-length': installer.length }).end(installer);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  feedUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  // The running "AppImage" the update replaces, and the cache the updater downloads into.
  process.env.APPIMAGE = join(root, 'Agent-Desktop-1.0.0.AppImage');
  writeFileSync(process.env.APPIMAGE, 'old');
  process.env.XDG_CACHE_HOME = join(root, 'cache');
});

afterAll(async () => {
  restoreRequire();
  await new Promise((resolve) => server.close(resolve));
  for (const [key, value] of Object.entries(previousEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  rmSync(root, { recursive: true, force: true });
});

afterEach(() => {
  served.splice(0);
  feed = { version: '1.1.0', sha512: sha512(installer) };
});

let run = 0;
async function setup() {
  run++;
  const userData = join(root, `user-data-${run}`);
  electron.app.paths.userData = userData;
  electron.app.version = '1.0.0';
  const { mkdirSync } = await import('node:fs');
  mkdirSync(userData, { recursive: true });
  const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const updater = new AppImageUpdater();
  // A full download: a differential one needs a real AppImage with an embedded blockmap.
  updater.disableDifferentialDownload = true;
  await configureUpdater(updater, { kind: 'url', url: feedUrl }, { isPackaged: false, userData, logger });
  const quitAndInstall = vi.fn();
  updater.quitAndInstall = quitAndInstall;
  const work: WorkState = { pendingOffers: 0, activeTasks: 0, inCall: false };
  const asked: { version: string; answer(yes: boolean): void }[] = [];
  const controller = createUpdateController({
    updater,
    work: () => ({ ...work }),
    askToRestart: (version) => new Promise((resolve) => asked.push({ version, answer: resolve })),
    logger,
    setTimer: () => null,
    clearTimer: () => undefined,
    firstCheckAfterMs: 1,
    checkEveryMs: 1,
  });
  return { updater, controller, work, asked, quitAndInstall, cacheDir: join(root, 'cache', 'agent-desktop-updater') };
}

const downloads = () => served.filter((path) => path.endsWith('.AppImage'));

describe('updates from a generic feed on 127.0.0.1', () => {
  it('waits for the call to end before downloading, verifies the file, and restarts only when idle and the agent agrees', async () => {
    const { controller, work, asked, quitAndInstall, cacheDir } = await setup();
    work.inCall = true;
    const checked = await controller.checkNow();
    expect(checked).toMatchObject({ state: 'waiting-to-download', version: '1.1.0' });
    expect(served).toContain(process.platform === 'linux' ? '/latest-linux.yml' : process.platform === 'darwin' ? '/latest-mac.yml' : '/latest.yml');
    expect(downloads()).toEqual([]);
    // Through Electron's net module, in electron-updater's own session.
    expect(electron.net.requests.some((r) => r.protocol === 'http:' && r.hostname === '127.0.0.1' && /^\/latest[^/]*\.yml/.test(r.path ?? ''))).toBe(true);
    expect(electron.session.partitions.has('electron-updater')).toBe(true);

    // The call ends while an offer rings: download now, but no restart.
    work.inCall = false;
    work.pendingOffers = 1;
    controller.workChanged();
    await vi.waitFor(() => expect(controller.status().state).toBe('waiting-to-restart'), { timeout: 10_000 });
    expect(downloads()).toEqual(['/Agent-Desktop-1.1.0.AppImage']);
    expect(readFileSync(join(cacheDir, 'pending', 'Agent-Desktop-1.1.0.AppImage')).equals(installer)).toBe(true);
    expect(asked).toEqual([]);

    // No offer any more: ask. An offer arrives while the dialog is open and the agent says yes: still no restart.
    work.pendingOffers = 0;
    controller.workChanged();
    await vi.waitFor(() => expect(asked).toHaveLength(1));
    expect(asked[0]!.version).toBe('1.1.0');
    work.pendingOffers = 1;
    asked[0]!.answer(true);
    await vi.waitFor(() => expect(controller.status().state).toBe('waiting-to-restart'));
    expect(quitAndInstall).not.toHaveBeenCalled();

    // A task accepted and completed later; idle again, asked again, yes: restart to install.
    work.pendingOffers = 0;
    work.activeTasks = 1;
    controller.workChanged();
    expect(asked).toHaveLength(1);
    work.activeTasks = 0;
    controller.workChanged();
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    asked[1]!.answer(true);
    await vi.waitFor(() => expect(quitAndInstall).toHaveBeenCalledWith(false, true));
    expect(controller.status().state).toBe('restarting');
  });

  it('"later" leaves the update to install at quit, and does not ask again until the next check', async () => {
    const { controller, asked, quitAndInstall, updater } = await setup();
    await controller.checkNow();
    await vi.waitFor(() => expect(asked).toHaveLength(1), { timeout: 10_000 });
    asked[0]!.answer(false);
    await vi.waitFor(() => expect(controller.status()).toMatchObject({ state: 'downloaded', detail: 'installs when the app quits' }));
    controller.workChanged();
    expect(asked).toHaveLength(1);
    expect(updater.autoInstallOnAppQuit).toBe(true);
    // The next scheduled check asks again, without downloading a second time.
    const before = downloads().length;
    await controller.checkNow();
    await vi.waitFor(() => expect(asked).toHaveLength(2));
    expect(downloads()).toHaveLength(before);
    expect(quitAndInstall).not.toHaveBeenCalled();
  });

  it('refuses a download whose sha512 is not the one the feed names, and never offers to restart', async () => {
    const { controller, asked, quitAndInstall } = await setup();
    feed.sha512 = sha512(Buffer.from('something else'));
    await controller.checkNow();
    await vi.waitFor(() => expect(controller.status().state).toBe('error'), { timeout: 10_000 });
    expect(controller.status().detail).toMatch(/sha512 checksum mismatch/);
    expect(asked).toEqual([]);
    expect(quitAndInstall).not.toHaveBeenCalled();
  });

  it('is up to date when the feed has the running version, and downloads nothing', async () => {
    const { controller } = await setup();
    feed.version = '1.0.0';
    expect(await controller.checkNow()).toMatchObject({ state: 'up-to-date', version: '1.0.0' });
    expect(downloads()).toEqual([]);
  });
});

describe('choosing the feed', () => {
  const packaged = { isPackaged: true, hasAppUpdateYml: true };
  it('takes AGENT_DESKTOP_UPDATE_URL first: https anywhere, plain http only on loopback, never with credentials', () => {
    expect(chooseFeed({ AGENT_DESKTOP_UPDATE_URL: 'https://updates.example.com/agent' }, packaged)).toEqual({ kind: 'url', url: 'https://updates.example.com/agent/' });
    expect(chooseFeed({ AGENT_DESKTOP_UPDATE_URL: 'http://127.0.0.1:8080/' }, packaged)).toEqual({ kind: 'url', url: 'http://127.0.0.1:8080/' });
    expect(chooseFeed({ AGENT_DESKTOP_UPDATE_URL: 'http://updates.example.com/' }, packaged)).toMatchObject({ kind: 'none', reason: expect.stringContaining('https') });
    expect(chooseFeed({ AGENT_DESKTOP_UPDATE_URL: 'https://user:pw@updates.example.com/' }, packaged)).toMatchObject({ kind: 'none' });
    expect(chooseFeed({ AGENT_DESKTOP_UPDATE_URL: 'not a url' }, packaged)).toMatchObject({ kind: 'none' });
  });

  it("falls back to the installer's own app-update.yml, else updates are off with the reason", () => {
    expect(chooseFeed({}, packaged)).toEqual({ kind: 'packaged' });
    expect(chooseFeed({}, { isPackaged: false, hasAppUpdateYml: false })).toMatchObject({ kind: 'none', reason: expect.stringContaining('AGENT_DESKTOP_UPDATE_URL') });
  });
});
