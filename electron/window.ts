import { BrowserWindow, type BrowserWindowConstructorOptions, type Session, type WebContents } from 'electron';
import { APP_ENTRY_URL, isAppUrl } from './app-origin';

/**
 * The ONE place that hardens the app's windows and session. Every renderer
 * setting is here with the reason for it; nothing else creates a BrowserWindow.
 */

export function hardenedWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 520,
    title: 'Agent Desktop',
    // Shown once the first paint is ready, so the agent never sees a white flash.
    show: false,
    webPreferences: {
      preload: preloadPath,
      // The preload's world is separate from the page's: the page cannot reach ipcRenderer or patch the bridge.
      contextIsolation: true,
      // The renderer runs in Chromium's OS sandbox: a renderer exploit cannot touch files or spawn processes.
      sandbox: true,
      // The page is a web page, not a Node program: no require/process in the renderer.
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      // No <webview>: it would embed arbitrary content with its own preferences.
      webviewTag: false,
      // Same-origin policy stays on; there is no reason to relax it.
      webSecurity: true,
      allowRunningInsecureContent: false,
      // No experimental web platform features or Blink feature flags from the page.
      experimentalFeatures: false,
      // Offers must keep counting down and ringing while the window is in the background.
      backgroundThrottling: false,
      // The spellchecker downloads dictionaries from Google; agents type names and numbers, not prose.
      spellcheck: false,
    },
  };
}

/** Denies everything that would take the window away from our own page or open a new one. */
export function hardenWebContents(contents: WebContents): void {
  // New windows (window.open, target=_blank): never. A link to elsewhere should not become an unhardened window.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // Navigation away from the app (a link, a redirect, a compromised script): refused; the agent stays on the desktop.
  // Electron passes the target both as event.url (current API) and as a second argument (deprecated); prefer the former.
  const stayHome = (event: { preventDefault(): void; url?: string }, url?: string) => {
    if (!isAppUrl(event.url ?? url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  // <webview> is disabled above; this also refuses one injected by a compromised page.
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Permissions a page may ask for. Only the microphone, only for our own page, for calls in the app. */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, mediaTypes: readonly string[] = []): boolean {
  if (permission !== 'media') return false;
  if (!isAppUrl(requestingUrl)) return false;
  // Voice needs audio only; a camera request is refused even from our page.
  return mediaTypes.every((type) => type === 'audio');
}

/** Session-wide: every permission prompt and check is decided by `isPermissionAllowed`; device pickers (USB, HID, serial) are refused. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details && Array.isArray(details.mediaTypes) ? details.mediaTypes : [];
    callback(isPermissionAllowed(permission, details.requestingUrl, mediaTypes));
  });
  // Checks (e.g. enumerateDevices showing microphone labels) follow the same rule.
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
}

/** Creates the main window, hardened, loading the renderer from the app's own origin. */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow(hardenedWindowOptions(preloadPath));
  hardenWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
