import { app, powerMonitor, safeStorage, session, shell, type BrowserWindow } from 'electron';
import { openExternalSafely } from './external-links';
import { join, resolve } from 'node:path';
import type { Handlers } from '../shared/contract';
import { startEmbeddedDemo } from '../emulator/demo/embedded';
import { createHost, fileSettingsStore, NO_ENDPOINTS, overridesFromEnv, type Host } from '../host/index';
import { PageConnectPolicy } from '../host/transport/index';
import { APP_ENTRY_URL } from './app-origin';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { forwardHostEvents, registerIpcHandlers } from './ipc';
import { loginItem } from './login-item';
import { stderrLogger } from './logger';
import { installAppMenu } from './menu';
import { createOfferNotifier } from './notifications';
import { readyLine, REPORT_READY_ENV } from './ready-line';
import { refuseUnsafeSecrets, safeSecretStore } from './safe-secrets';
import { askAfterStartFailure, startWithRetry } from './start-failure';
import { createPendingTray, pendingLabel, type PendingTray } from './tray';
import { createMainWindow, hardenSession, hardenWebContents } from './window';

/**
 * The Electron main process: it only wires the runtime-agnostic host (host/)
 * to a window, IPC, the tray, notifications, the menu and power events.
 *
 * Start order: the window first (the renderer shows the host as connecting),
 * then the host, which may take seconds (a token URL). A failed start shows
 * the error with Retry and Quit; quitting always stops the host and releases
 * the single-instance lock.
 *
 * Layout after `npm run build`: this file is dist-electron/main.cjs next to
 * preload.cjs; the renderer is dist/renderer (AGENT_DESKTOP_RENDERER_DIR overrides).
 */

const logger = stderrLogger('electron');
// Must happen before `ready`: the scheme's privileges cannot be granted later.
registerAppScheme();
// A separate profile (settings, secrets, single-instance lock) for tests and portable use.
if (process.env.AGENT_DESKTOP_USER_DATA_DIR) app.setPath('userData', resolve(process.env.AGENT_DESKTOP_USER_DATA_DIR));
// Windows shows notifications only for an app with an AppUserModelID (the installer's appId).
if (process.platform === 'win32') app.setAppUserModelId('com.example.taskrouter-agent-desktop');

const here = __dirname;
const rendererDir = process.env.AGENT_DESKTOP_RENDERER_DIR ?? resolve(here, '..', 'dist', 'renderer');
const preloadPath = join(here, 'preload.cjs');
const iconPath = join(here, 'icon.png');
/** A host that does not stop within this long is abandoned at quit: quitting must never hang with the lock held. */
const STOP_LIMIT_MS = 5_000;

let mainWindow: BrowserWindow | null = null;
let tray: PendingTray | null = null;
let host: Host | null = null;
/** The host's handlers as IPC serves them (a secret is refused without a real keyring). */
let handlers: Handlers | null = null;
let quitting = false;
/** Resolves once the window has loaded its page. */
let windowLoaded: Promise<void> = Promise.resolve();

const mainContents = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null);
// The page's connect-src follows what the host is connected to (nothing until it is).
const connectPolicy = new PageConnectPolicy(() => host?.endpoints() ?? NO_ENDPOINTS);

const showWindow = () => {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
};

// One running app per user: a second launch focuses the first instead of watching the same worker twice.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', showWindow);
  // Defence in depth: every web contents ever created (not just ours) gets the same denials.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  handleQuit();
  app
    .whenReady()
    .then(openShell)
    .then(startHostUntilChosen)
    .catch((error: unknown) => {
      // Only the shell itself can fail here (the host's start is handled above); without a shell there is nothing to show.
      logger.error('the app could not start', { message: error instanceof Error ? error.message : String(error) });
      app.releaseSingleInstanceLock();
      app.exit(1);
    });
}

/** Quitting, from anywhere (tray, menu, the start failure dialog): stop the host, then give up the single-instance lock. */
function handleQuit(): void {
  app.on('before-quit', () => {
    quitting = true;
  });
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopped = true;
    tray?.destroy();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<void>((done) => (timer = setTimeout(done, STOP_LIMIT_MS)));
    void Promise.race([host?.stop().catch((error: unknown) => logger.warn('the host did not stop cleanly', { message: String(error) })), limit]).finally(() => {
      clearTimeout(timer);
      app.releaseSingleInstanceLock();
      app.quit();
    });
  });
}

/** Everything but the host: session, app:// with its CSP, IPC, the window (first), tray, menu, power events. */
function openShell(): void {
  hardenSession(session.defaultSession);
  serveRenderer(session.defaultSession, rendererDir, (isDocument) => connectPolicy.sources(isDocument));
  // Until the host exists the requests answer "starting" (they are registered before the page can ask).
  registerIpcHandlers(() => handlers, mainContents, logger);

  mainWindow = createMainWindow(preloadPath);
  const window = mainWindow;
  windowLoaded = new Promise((done) => window.webContents.once('did-finish-load', () => done()));
  // Closing the window hides it to the tray: offers keep arriving and notifying.
  mainWindow.on('close', (event) => {
    if (!quitting) {
      event.preventDefault();
      mainWindow?.hide();
    }
  });
  // A crashed or killed renderer must not leave the agent blind to offers: reload it (the host kept running).
  mainWindow.webContents.on('render-process-gone', (_event, details) => {
    logger.warn('the window crashed; reloading it', { reason: details.reason });
    if (details.reason !== 'clean-exit' && mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.reload();
  });

  tray = createPendingTray({ iconPath, onOpen: showWindow, onQuit: () => app.quit() });
  installAppMenu({
    platform: process.platform,
    isPackaged: app.isPackaged,
    startAtLogin: loginItemOption(),
    onShowWindow: showWindow,
    onQuit: () => app.quit(),
  });

  // After sleep the WebSocket may be dead and offers may have come and gone: re-read everything.
  powerMonitor.on('resume', () => void host?.reconcile('resume'));
  powerMonitor.on('unlock-screen', () => void host?.reconcile('unlock-screen'));
  app.on('activate', showWindow);
}

/** Starts the host behind the open window; a failure asks Retry or Quit, and never rejects. */
async function startHostUntilChosen(): Promise<void> {
  let reported = false;
  // What `npm start` waits for: the page is up and the first start attempt is over. Reported even when
  // it failed, because the window then shows the error and waits for the agent (npm start must not give up on it).
  const reportReady = async () => {
    await windowLoaded;
    if (reported || process.env[REPORT_READY_ENV] !== '1') return;
    reported = true;
    process.stdout.write(`${readyLine('electron', APP_ENTRY_URL, host?.demo() ?? null)}\n`);
  };
  const started = await startWithRetry({
    attempt: () => startHost().finally(() => void reportReady()),
    recover: async () => void (await host?.stop()),
    ask: (message) => askAfterStartFailure(mainWindow, message),
    onError: (message) => logger.error('the host could not start', { message }),
  });
  if (!started) app.quit();
}

/** One attempt: read the flags, create the host once (events wired once), start it. */
async function startHost(): Promise<void> {
  if (!host) {
    const overrides = overridesFromEnv(process.env, process.argv.slice(1));
    if (!overrides.ok) throw new Error(overrides.error.message);
    const userData = app.getPath('userData');
    const created = createHost({
      secrets: safeSecretStore(join(userData, 'secrets.json'), safeStorage),
      settings: fileSettingsStore(join(userData, 'settings.json')),
      logger: stderrLogger('host'),
      overrides: overrides.value,
      // The launcher injects the demo (host/ never imports the emulator); the bundle carries it.
      startDemo: startEmbeddedDemo,
      // Contract checks of every answer in development; the packaged app skips the cost.
      checkOutputs: !app.isPackaged,
      // Customer records open in the system browser, https only (checked again on the URL the shell receives).
      openExternal: (url) => openExternalSafely(shell, url),
    });
    forwardHostEvents(created, mainContents, logger);
    wireAttention(created);
    // The agent switched mode or account and the page may not reach the new endpoints: reload it with the new policy.
    connectPolicy.watch(created, () => mainContents()?.reload());
    handlers = refuseUnsafeSecrets(created.handlers, safeStorage);
    host = created;
  }
  await host.start();
}

/** Pending count in the tray, the window title and the dock/launcher badge; a notification per new offer. */
function wireAttention(host: Host): void {
  const notifier = createOfferNotifier({ onClick: showWindow });
  const showCount = () => {
    const count = host.pendingCount();
    tray?.update(count);
    mainWindow?.setTitle(count > 0 ? `(${count}) Agent Desktop` : 'Agent Desktop');
    app.setBadgeCount(count);
    logger.info('pending offers', { count, label: pendingLabel(count) });
  };
  host.on('reservationUpdated', (reservation) => {
    notifier.reservationUpdated(reservation);
    showCount();
  });
  // A new session (another worker, mode or connection) starts from nothing: the old offers' count must not stay.
  host.on('sessionReset', () => {
    notifier.reset();
    showCount();
  });
}

/** Start at login: Electron's login items on macOS/Windows, an XDG autostart entry on Linux. */
function loginItemOption() {
  // A development run would register the bare Electron executable, which cannot start the app on its own.
  if (!app.isPackaged) return undefined;
  return loginItem({
    platform: process.platform,
    electron: { get: () => app.getLoginItemSettings().openAtLogin, set: (openAtLogin) => app.setLoginItemSettings({ openAtLogin }) },
    // An AppImage is started through its own file; anything else through the executable.
    command: process.env.APPIMAGE ?? process.execPath,
    configHome: process.env.XDG_CONFIG_HOME || join(app.getPath('home'), '.config'),
  });
}
