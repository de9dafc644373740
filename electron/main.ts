import { app, crashReporter, dialog, globalShortcut, powerMonitor, safeStorage, session, shell, type BrowserWindow } from 'electron';
import { openExternalSafely } from './external-links';
import { join, resolve } from 'node:path';
import type { DesktopCommand, Handlers } from '../shared/contract';
import { PRESS_TWICE_WINDOW_MS } from '../shared/global-shortcuts';
import { startEmbeddedDemo } from '../emulator/demo/embedded';
import { createHost, fileSettingsStore, NO_ENDPOINTS, overridesFromEnv, type Host, type SecretStore, type SettingsStore } from '../host/index';
import { PageConnectPolicy } from '../host/transport/index';
import { APP_ENTRY_URL } from './app-origin';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { wireAttention } from './attention';
import { startCrashReporter, type CrashReporting } from './crash-reporter';
import { desktopEventSender } from './desktop-events';
import { desktopHandlers } from './desktop-handlers';
import { saveDiagnosticsBundle } from './diagnostics/collect';
import { createLogBuffer } from './diagnostics/log-buffer';
import { createGlobalShortcuts } from './global-shortcuts/global-shortcuts';
import { showHangUpAgainNotice } from './global-shortcuts/press-again-notice';
import { desktopT, setDesktopLocale, setDesktopLocaleFromSystem } from './i18n';
import { forwardHostEvents, registerIpcHandlers } from './ipc';
import { loginItem } from './login-item';
import { stderrLogger } from './logger';
import { installAppMenu } from './menu';
import { createOfferNotifier, notificationButtonsSupported } from './notifications';
import { readyLine, REPORT_READY_ENV } from './ready-line';
import { refuseUnsafeSecrets, safeSecretStore } from './safe-secrets';
import { askAfterStartFailure, startWithRetry } from './start-failure';
import { createAgentTray, type AgentTray } from './tray';
import { describeUpdateStatus } from './updates/ask-restart';
import { startUpdates } from './updates/start-updates';
import { disabledUpdates, type UpdateController } from './updates/update-controller';
import { createMainWindow, hardenSession, hardenWebContents } from './window';
import { createWorkTracker } from './work-state';

/**
 * The Electron main process: it only wires the runtime-agnostic host (host/)
 * to a window, IPC, the tray, notifications, the menu and power events.
 *
 * Start order: the window first (the renderer shows the host as connecting),
 * then the host, which may take seconds (a token URL). A failed start shows
 * the error with Retry and Quit; quitting always stops the host, gives back
 * the global shortcuts and releases the single-instance lock.
 *
 * Actions from outside the window (global shortcuts, a notification's Accept or
 * Reject, the tray menu) are sent to the window as `desktopCommand` events and
 * run there by the same code as its own buttons and keys.
 *
 * Layout after `npm run build`: this file is dist-electron/main.cjs next to
 * preload.cjs; the renderer is dist/renderer (AGENT_DESKTOP_RENDERER_DIR overrides).
 */

// Logs go to stderr, and the recent ones stay in memory for Help → Save Diagnostics….
const logs = createLogBuffer();
const writeLog = (line: string) => {
  process.stderr.write(line);
  logs.push(line.trimEnd());
};
const logger = stderrLogger('electron', writeLog);
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
let tray: AgentTray | null = null;
let host: Host | null = null;
let secrets: SecretStore | null = null;
/** Crash reporting of the running instance (a second instance quits at once and reports nothing). */
let crashReporting: CrashReporting | null = null;
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

/** What the agent is doing (offers, tasks, a call): the updater waits on it, the tray names the next offer. */
const work = createWorkTracker();
let updates: UpdateController = disabledUpdates('starting');
work.onChange(() => updates.workChanged());
const sendToWindow = desktopEventSender(mainContents, logger);

/**
 * Runs an action in the window, by the same code as its own button or key. The window comes forward when the
 * action needs it (a menu, a card to look at) or when it cannot take the action now (still loading).
 */
const runInWindow = (command: DesktopCommand, bringForward = false) => {
  if (bringForward) showWindow();
  if (sendToWindow('desktopCommand', command)) return;
  logger.warn('the window could not take an action yet; showing it', { command: command.command });
  showWindow();
};

/** A JSON file in userData, its path resolved when used: a second instance, which quits at once, never touches it. */
const userDataFile = (name: string): SettingsStore => ({
  load: () => fileSettingsStore(join(app.getPath('userData'), name)).load(),
  save: (value) => fileSettingsStore(join(app.getPath('userData'), name)).save(value),
});

const globalShortcuts = createGlobalShortcuts({
  globalShortcut,
  store: userDataFile('global-shortcuts.json'),
  now: () => Date.now(),
  // The activity menu is in the window: bring it forward. The others act without taking the agent from their work.
  onAction: (action) => runInWindow({ command: 'shortcut', action }, action === 'activityMenu'),
  // Hang up is the only press-twice action; with no call there is nothing to confirm.
  onArmed: (_action, combo) => {
    if (work.current().inCall) showHangUpAgainNotice(combo, PRESS_TWICE_WINDOW_MS);
  },
  onChange: (state) => void sendToWindow('globalShortcutsChanged', state),
  logger,
});

// One running app per user: a second launch focuses the first instead of watching the same worker twice.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // As early as possible (a crash at start-up counts too), after userData is settled: the dumps live under it.
  crashReporting = startCrashReporter(crashReporter, process.env);
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

let stopping: Promise<void> | null = null;
/**
 * Everything a quit must undo, once: the tray, the global shortcuts (given back to the OS), the update schedule,
 * the host (bounded), and the single-instance lock. Also run before restarting into an update, so the new version
 * can take the lock.
 */
function stopEverything(): Promise<void> {
  stopping ??= (async () => {
    quitting = true;
    tray?.destroy();
    globalShortcuts.release();
    updates.stop();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<void>((done) => (timer = setTimeout(done, STOP_LIMIT_MS)));
    await Promise.race([host?.stop().catch((error: unknown) => logger.warn('the host did not stop cleanly', { message: String(error) })), limit]);
    clearTimeout(timer);
    app.releaseSingleInstanceLock();
  })();
  return stopping;
}

/** Quitting, from anywhere (tray, menu, the start failure dialog, an update): stop everything, then quit. */
function handleQuit(): void {
  app.on('before-quit', () => {
    quitting = true;
  });
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    void stopEverything().finally(() => {
      stopped = true;
      app.quit();
    });
  });
}

/** Everything but the host: session, app:// with its CSP, IPC, the window (first), tray, menu, power events. */
function openShell(): void {
  // The shell speaks the OS's language until the window reports the agent's choice (reportLocale).
  setDesktopLocaleFromSystem(app.getPreferredSystemLanguages());
  hardenSession(session.defaultSession);
  serveRenderer(session.defaultSession, rendererDir, (isDocument) => connectPolicy.sources(isDocument));
  // Until the host exists the requests answer "starting" (they are registered before the page can ask).
  registerIpcHandlers(() => handlers, mainContents, logger);

  mainWindow = createMainWindow(preloadPath);
  const window = mainWindow;
  windowLoaded = new Promise((done) => window.webContents.once('did-finish-load', () => done()));
  // A page that just (re)loaded has no call yet (after a renderer crash, the old one's is gone): it reports its own.
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

  tray = createAgentTray({
    iconPath,
    onOpen: showWindow,
    onQuit: () => app.quit(),
    onAccept: (reservationSid) => runInWindow({ command: 'accept', reservationSid }),
    onSetActivity: (activitySid) => runInWindow({ command: 'setActivity', activitySid }),
  });
  installAppMenu({
    platform: process.platform,
    isPackaged: app.isPackaged,
    startAtLogin: loginItemOption(),
    onShowWindow: showWindow,
    onQuit: () => app.quit(),
    onSaveDiagnostics: () => void saveDiagnosticsBundle({ window: mainWindow, host, secrets, logs, desktop: desktopState, logger }),
    onCheckForUpdates: () => void checkForUpdatesNow(),
  });
  // Off unless the agent turned them on; registered with the OS now when they did.
  void globalShortcuts.load().catch((error: unknown) => logger.error('global shortcuts could not be loaded', { message: String(error) }));
  void startUpdates({
    env: process.env,
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    userData: app.getPath('userData'),
    logger: stderrLogger('updater', writeLog),
    work: () => work.current(),
    window: () => mainWindow,
    beforeRestart: stopEverything,
  })
    .then((controller) => (updates = controller))
    .catch((error: unknown) => logger.error('updates could not start', { message: String(error) }));

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
    secrets = safeSecretStore(join(userData, 'secrets.json'), safeStorage);
    const created = createHost({
      secrets,
      settings: fileSettingsStore(join(userData, 'settings.json')),
      logger: stderrLogger('host', writeLog),
      overrides: overrides.value,
      // The launcher injects the demo (host/ never imports the emulator); the bundle carries it.
      startDemo: startEmbeddedDemo,
      // Contract checks of every answer in development; the packaged app skips the cost.
      checkOutputs: !app.isPackaged,
      // Customer records open in the system browser, https only (checked again on the URL the shell receives).
      openExternal: (url) => openExternalSafely(shell, url),
    });
    forwardHostEvents(created, mainContents, logger);
    wireAttention({
      platform: process.platform,
      host: created,
      work,
      notifier: createOfferNotifier({
        buttons: notificationButtonsSupported(process.platform),
        onClick: (reservationSid) => runInWindow({ command: 'showReservation', reservationSid }, true),
        onAccept: (reservationSid) => runInWindow({ command: 'accept', reservationSid }),
        onReject: (reservationSid) => runInWindow({ command: 'reject', reservationSid }),
      }),
      tray: () => tray,
      window: () => mainWindow,
      app,
      logger,
    });
    // The agent switched mode or account and the page may not reach the new endpoints: reload it with the new policy.
    connectPolicy.watch(created, () => mainContents()?.reload());
    handlers = {
      ...refuseUnsafeSecrets(created.handlers, safeStorage),
      ...desktopHandlers({ shortcuts: globalShortcuts, setLocale: setDesktopLocale, checkOutputs: !app.isPackaged, logger }),
    };
    host = created;
  }
  await host.start();
}

/** The desktop's own state, for the diagnostics bundle. */
function desktopState(): Record<string, unknown> {
  return { globalShortcuts: globalShortcuts.state(), updates: updates.status(), crashReporting, work: work.current() };
}

/** Help → Check for Updates…: checks now and says what it found. */
async function checkForUpdatesNow(): Promise<void> {
  const status = await updates.checkNow();
  const options = { type: 'info' as const, title: desktopT('desktop.update.title'), message: describeUpdateStatus(status, app.getVersion()), buttons: [desktopT('desktop.ok')] };
  await (mainWindow && !mainWindow.isDestroyed() ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
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
