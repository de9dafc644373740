import { app, powerMonitor, safeStorage, session, shell, type BrowserWindow } from 'electron';
import { openExternalSafely } from './external-links';
import { join, resolve } from 'node:path';
import { startEmulator } from '../emulator/index';
import { connectSourcesFor } from '../host/browser-bridge/connect-sources';
import { createHost, fileSettingsStore, overridesFromEnv, type Host } from '../host/index';
import { APP_ENTRY_URL } from './app-origin';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { forwardHostEvents, registerIpcHandlers } from './ipc';
import { loginItem } from './login-item';
import { stderrLogger } from './logger';
import { installAppMenu } from './menu';
import { createOfferNotifier } from './notifications';
import { readyLine, REPORT_READY_ENV } from './ready-line';
import { refuseUnsafeSecrets, safeSecretStore } from './safe-secrets';
import { createPendingTray, pendingLabel, type PendingTray } from './tray';
import { createMainWindow, hardenSession, hardenWebContents } from './window';

/**
 * The Electron main process: it only wires the runtime-agnostic host (host/)
 * to a window, IPC, the tray, notifications, the menu and power events.
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

let mainWindow: BrowserWindow | null = null;
let tray: PendingTray | null = null;
let quitting = false;

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
  app.whenReady().then(start, (error: unknown) => fail(error));
}

function fail(error: unknown): void {
  logger.error('the app could not start', { message: error instanceof Error ? error.message : String(error) });
  app.exit(1);
}

async function start(): Promise<void> {
  const overrides = overridesFromEnv(process.env, process.argv.slice(1));
  if (!overrides.ok) throw new Error(overrides.error.message);

  const userData = app.getPath('userData');
  const host = createHost({
    secrets: safeSecretStore(join(userData, 'secrets.json'), safeStorage),
    settings: fileSettingsStore(join(userData, 'settings.json')),
    logger: stderrLogger('host'),
    overrides: overrides.value,
    // Customer records open in the system browser, https only (checked again on the URL the shell receives).
    openExternal: (url) => openExternalSafely(shell, url),
    // Imported statically (not the host's lazy default) so the bundle carries the emulator.
    startDemo: async () => {
      const running = await startEmulator({ port: 0, host: '127.0.0.1', traffic: 'demo' });
      return { ready: running.ready, close: () => running.close() };
    },
  });
  await host.start();

  hardenSession(session.defaultSession);
  serveRenderer(session.defaultSession, rendererDir, () => connectSourcesFor(host.demo()));

  const mainContents = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null);
  registerIpcHandlers(refuseUnsafeSecrets(host.handlers, safeStorage), mainContents, logger);
  forwardHostEvents(host, mainContents);

  mainWindow = createMainWindow(preloadPath);
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
  mainWindow.webContents.once('did-finish-load', () => {
    if (process.env[REPORT_READY_ENV] === '1') process.stdout.write(`${readyLine('electron', APP_ENTRY_URL, host.demo())}\n`);
  });

  tray = createPendingTray({ iconPath, onOpen: showWindow, onQuit: () => app.quit() });
  wireAttention(host);
  installAppMenu({
    platform: process.platform,
    isPackaged: app.isPackaged,
    startAtLogin: loginItemOption(),
    onShowWindow: showWindow,
    onQuit: () => app.quit(),
  });

  // After sleep the WebSocket may be dead and offers may have come and gone: re-read everything.
  powerMonitor.on('resume', () => void host.reconcile('resume'));
  powerMonitor.on('unlock-screen', () => void host.reconcile('unlock-screen'));

  app.on('activate', showWindow);
  app.on('before-quit', () => {
    quitting = true;
  });
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopped = true;
    tray?.destroy();
    void host.stop().finally(() => app.quit());
  });
}

/** Pending count in the tray, the window title and the dock/launcher badge; a notification per new offer. */
function wireAttention(host: Host): void {
  const notifier = createOfferNotifier({ onClick: showWindow });
  host.on('reservationUpdated', (reservation) => {
    notifier.reservationUpdated(reservation);
    const count = host.pendingCount();
    tray?.update(count);
    mainWindow?.setTitle(count > 0 ? `(${count}) Agent Desktop` : 'Agent Desktop');
    app.setBadgeCount(count);
    logger.info('pending offers', { count, label: pendingLabel(count) });
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
