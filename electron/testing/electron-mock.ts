import { EventEmitter } from 'node:events';
import { request as httpRequest, type IncomingMessage as NodeIncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';

/**
 * A stand-in for the `electron` module in unit tests (no Electron binary can
 * run here). Each fake records what the code under test did with it, so tests
 * assert the wiring: options passed, handlers registered, messages sent.
 * Use with `vi.mock('electron', () => import('./testing/electron-mock'))`.
 */

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
}
export const ipcMain = new FakeIpcMain();

export class FakeWebContents extends EventEmitter {
  url = '';
  destroyed = false;
  readonly sent: { channel: string; payload: unknown }[] = [];
  readonly mainFrame: { url: string };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  constructor(url = 'app://agent/index.html') {
    super();
    this.url = url;
    const currentUrl = () => this.url;
    this.mainFrame = {
      get url() {
        return currentUrl();
      },
    };
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** True while a page loads (events sent then reach no listener yet). */
  loading = false;
  isLoading() {
    return this.loading;
  }
  reloads = 0;
  async loadURL(url: string) {
    this.url = url;
  }
  reload() {
    this.reloads++;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents('');
  title = '';
  /** Every flashFrame(flag) call, in order (Windows taskbar flashing). */
  readonly flashes: boolean[] = [];
  focused = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
  }
  loadURL(url: string) {
    return this.webContents.loadURL(url);
  }
  visible = false;
  setTitle(title: string) {
    this.title = title;
  }
  show() {
    this.visible = true;
  }
  focus() {
    this.focused = true;
    this.emit('focus');
  }
  isFocused() {
    return this.focused;
  }
  isVisible() {
    return this.visible;
  }
  flashFrame(flag: boolean) {
    this.flashes.push(flag);
  }
  hide() {
    this.visible = false;
    this.focused = false;
  }
  restore() {}
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
}

/** Electron's NotificationConstructorOptions, the fields this app uses. */
export interface FakeNotificationOptions {
  title: string;
  body: string;
  silent?: boolean;
  urgency?: 'normal' | 'critical' | 'low';
  timeoutType?: 'default' | 'never';
  actions?: { type: 'button' | 'selection'; text?: string }[];
  closeButtonText?: string;
}

export class Notification extends EventEmitter {
  static readonly shown: Notification[] = [];
  static supported = true;
  static isSupported() {
    return Notification.supported;
  }
  constructor(readonly options: FakeNotificationOptions) {
    super();
  }
  closed = false;
  show() {
    Notification.shown.push(this);
  }
  close() {
    this.closed = true;
  }
  /**
   * What Electron does when the agent presses one of the notification's buttons (macOS, Windows): an `action` event whose
   * first argument is an Event carrying `actionIndex` (and, on Windows, `selectionIndex`), followed by the deprecated
   * positional index arguments.
   */
  pressAction(actionIndex: number) {
    const details = { actionIndex, selectionIndex: -1, defaultPrevented: false, preventDefault: () => void (details.defaultPrevented = true) };
    this.emit('action', details, actionIndex, -1);
  }
}

export const Menu = {
  applied: null as unknown,
  buildFromTemplate: (template: unknown) => ({ template }),
  setApplicationMenu(menu: unknown) {
    Menu.applied = menu;
  },
};

export class Tray extends EventEmitter {
  static readonly created: Tray[] = [];
  tooltip = '';
  title = '';
  contextMenu: unknown = null;
  destroyed = false;
  constructor(..._args: unknown[]) {
    super();
    Tray.created.push(this);
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setTitle(text: string) {
    this.title = text;
  }
  setContextMenu(menu: unknown) {
    this.contextMenu = menu;
  }
  destroy() {
    this.destroyed = true;
  }
}

/**
 * globalShortcut as Electron has it: `register` answers false when the OS gives the keys to someone else (another
 * application), and throws for a string that is not an accelerator. Registrations fail while suspended. `press`
 * is the test's stand-in for the agent pressing the keys anywhere on the desktop.
 */
const ACCELERATOR_MODIFIERS = new Set(['command', 'cmd', 'control', 'ctrl', 'commandorcontrol', 'cmdorctrl', 'alt', 'option', 'altgr', 'shift', 'super', 'meta']);
const ACCELERATOR_KEY =
  /^(?:[a-z0-9]|f(?:[1-9]|1\d|2[0-4])|[)!@#$%^&*(:;:+=<,_\-.>?/~`{\][|\\}"']|plus|space|tab|capslock|numlock|scrolllock|backspace|delete|insert|return|enter|up|down|left|right|home|end|pageup|pagedown|escape|esc|volumeup|volumedown|volumemute|medianexttrack|mediaprevioustrack|mediastop|mediaplaypause|printscreen|num[0-9]|numdec|numadd|numsub|nummult|numdiv)$/;
export function isAccelerator(accelerator: string): boolean {
  const parts = accelerator.split('+');
  // "Ctrl++" names the plus key: the last empty part after a trailing '+'.
  if (accelerator.endsWith('++')) parts.splice(-2, 2, '+');
  const key = parts.pop() ?? '';
  return ACCELERATOR_KEY.test(key.toLowerCase()) && parts.every((part) => ACCELERATOR_MODIFIERS.has(part.toLowerCase()));
}

class FakeGlobalShortcut {
  readonly registered = new Map<string, () => void>();
  /** Accelerators another application holds: registering them fails silently, as the OS makes it. */
  readonly takenByOtherApps = new Set<string>();
  suspended = false;
  register(accelerator: string, callback: () => void): boolean {
    if (!isAccelerator(accelerator)) throw new TypeError(`Error processing argument at index 0, conversion failure from ${accelerator}`);
    if (this.suspended || this.takenByOtherApps.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  }
  isRegistered(accelerator: string) {
    return this.registered.has(accelerator);
  }
  unregister(accelerator: string) {
    this.registered.delete(accelerator);
  }
  unregisterAll() {
    this.registered.clear();
  }
  setSuspended(suspended: boolean) {
    this.suspended = suspended;
  }
  isSuspended() {
    return this.suspended;
  }
  /** The agent presses the keys (in any application); nothing happens while suspended. Returns whether we heard it. */
  press(accelerator: string): boolean {
    const callback = this.suspended ? undefined : this.registered.get(accelerator);
    callback?.();
    return Boolean(callback);
  }
}
export const globalShortcut = new FakeGlobalShortcut();

/** crashReporter: records how it was started (dumps stay local unless uploadToServer). */
export const crashReporter = {
  started: null as null | Record<string, unknown>,
  start(options: Record<string, unknown>) {
    crashReporter.started = options;
  },
  getUploadedReports: () => [] as { date: Date; id: string }[],
  getLastCrashReport: () => null,
};

const emptyImage = { isEmpty: () => true, resize: () => emptyImage };
export const nativeImage = { createFromPath: () => emptyImage, createEmpty: () => emptyImage };

export const protocol = {
  privileged: [] as unknown[],
  registerSchemesAsPrivileged(schemes: unknown[]) {
    protocol.privileged.push(...schemes);
  },
};

/**
 * Electron's IncomingMessage: a readable stream of the body with `statusCode`, `statusMessage` and lower-cased
 * `headers` (no socket: Electron's network stack is Chromium's).
 */
class FakeIncomingMessage extends PassThrough {
  readonly statusCode: number;
  readonly statusMessage: string;
  readonly headers: Record<string, string | string[]>;
  constructor(response: NodeIncomingMessage) {
    super();
    this.statusCode = response.statusCode ?? 0;
    this.statusMessage = response.statusMessage ?? '';
    this.headers = Object.fromEntries(Object.entries(response.headers).filter((entry): entry is [string, string | string[]] => entry[1] !== undefined));
    response.on('error', (error) => this.emit('error', error));
    response.pipe(this);
  }
}

/** The options of Electron's `net.request` this mock understands. */
export interface FakeRequestOptions {
  url?: string;
  method?: string;
  protocol?: string;
  hostname?: string;
  host?: string;
  port?: number | string;
  path?: string;
  headers?: Record<string, string | number | string[]>;
  redirect?: 'follow' | 'error' | 'manual';
  session?: unknown;
}

/**
 * Electron's ClientRequest over Node's http, loopback only (tests serve their own feed on 127.0.0.1): `response`
 * with an IncomingMessage; `redirect` (status, method, url, headers) in `manual` mode, where the caller aborts or
 * calls followRedirect(); `error`, `abort`, `finish`, `close`. Like Electron, it never emits `socket`.
 */
class FakeClientRequest extends EventEmitter {
  private readonly headers: Record<string, string | number | string[]>;
  private readonly body: Buffer[] = [];
  private pending: ReturnType<typeof httpRequest> | null = null;
  private aborted = false;
  private redirectTo: string | null = null;
  constructor(private readonly options: FakeRequestOptions) {
    super();
    this.headers = { ...(options.headers ?? {}) };
  }
  private get url(): URL {
    const o = this.options;
    const url = new URL(o.url ?? `${o.protocol ?? 'http:'}//${o.hostname ?? o.host}${o.port ? `:${o.port}` : ''}${o.path ?? '/'}`);
    if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new Error(`the electron mock's net.request reaches loopback http only, not ${url.origin}`);
    return url;
  }
  setHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getHeader(name: string) {
    return this.headers[name];
  }
  removeHeader(name: string) {
    delete this.headers[name];
  }
  write(chunk: string | Buffer) {
    this.body.push(Buffer.from(chunk));
    return true;
  }
  end(chunk?: string | Buffer) {
    if (chunk) this.write(chunk);
    this.send(this.url);
    this.emit('finish');
    return this;
  }
  followRedirect() {
    if (this.redirectTo) this.send(new URL(this.redirectTo));
  }
  abort() {
    if (this.aborted) return;
    this.aborted = true;
    this.pending?.destroy();
    this.emit('abort');
    this.emit('close');
  }
  private send(url: URL) {
    const request = httpRequest(url, { method: this.options.method ?? 'GET', headers: this.headers as Record<string, string> });
    this.pending = request;
    request.on('response', (response) => {
      if (this.aborted) return void response.resume();
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location && this.options.redirect !== 'follow' && this.options.redirect !== undefined) {
        response.resume();
        this.redirectTo = new URL(location, url).href;
        if (this.options.redirect === 'error') return void this.emit('error', new Error('net::ERR_UNSAFE_REDIRECT'));
        return void this.emit('redirect', status, this.options.method ?? 'GET', this.redirectTo, response.headers);
      }
      if (status >= 300 && status < 400 && location) {
        response.resume();
        return this.send(new URL(location, url));
      }
      const incoming = new FakeIncomingMessage(response);
      incoming.on('end', () => this.emit('close'));
      this.emit('response', incoming);
    });
    request.on('error', (error) => {
      if (!this.aborted) this.emit('error', error);
    });
    request.end(Buffer.concat(this.body));
  }
}

export const net = {
  /** Every request made through net.request, for tests to inspect. */
  requests: [] as FakeRequestOptions[],
  request(options: FakeRequestOptions | string) {
    const normalized = typeof options === 'string' ? { url: options } : options;
    net.requests.push(normalized);
    return new FakeClientRequest(normalized);
  },
  fetch: async (url: string) => {
    const { readFile } = await import('node:fs/promises');
    const { fileURLToPath } = await import('node:url');
    try {
      return new Response(await readFile(fileURLToPath(url)));
    } catch {
      return new Response('missing', { status: 404 });
    }
  },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown) {
    contextBridge.exposed.set(key, api);
  },
};

class FakeIpcRenderer extends EventEmitter {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  async invoke(channel: string, ...args: unknown[]) {
    this.invoked.push({ channel, args });
    return { ok: true, value: null };
  }
}
export const ipcRenderer = new FakeIpcRenderer();

export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString: (text: string) => Buffer.from(`enc:${Buffer.from(text).toString('hex')}`),
  decryptString: (data: Buffer) => Buffer.from(data.toString().slice(4), 'hex').toString(),
};

/** A message box the code under test opened; the test answers it with the index of a button. */
export interface ShownMessageBox {
  parent: unknown;
  options: { type?: string; title?: string; message: string; detail?: string; buttons?: string[]; defaultId?: number; cancelId?: number };
  answer(response: number): void;
}

/** A save dialog the code under test opened; the test answers with a path, or cancels. */
export interface ShownSaveDialog {
  parent: unknown;
  options: { title?: string; defaultPath?: string; buttonLabel?: string; filters?: { name: string; extensions: string[] }[] };
  answer(filePath: string | null): void;
}

export const dialog = {
  shown: [] as ShownMessageBox[],
  saves: [] as ShownSaveDialog[],
  showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> {
    const [parent, options] = args.length > 1 ? args : [null, args[0]];
    return new Promise((resolve) => {
      dialog.saves.push({
        parent,
        options: options as ShownSaveDialog['options'],
        answer: (filePath) => resolve(filePath === null ? { canceled: true, filePath: '' } : { canceled: false, filePath }),
      });
    });
  },
  showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    const [parent, options] = args.length > 1 ? args : [null, args[0]];
    return new Promise((resolve) => {
      dialog.shown.push({ parent, options: options as ShownMessageBox['options'], answer: (response) => resolve({ response, checkboxChecked: false }) });
    });
  },
};

export const powerMonitor = new EventEmitter();

/** app.dock exists on macOS only; the mock always has it so tests can see what a darwin run would do. */
const dock = {
  badge: '',
  bounces: [] as string[],
  setBadge(text: string) {
    dock.badge = text;
  },
  getBadge: () => dock.badge,
  bounce(type: 'critical' | 'informational' = 'informational') {
    dock.bounces.push(type);
    return dock.bounces.length;
  },
  cancelBounce: () => {},
};

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  /** Paths by name (userData, crashDumps, logs…); tests point them at temporary folders. */
  paths: {} as Record<string, string>,
  getPath: (name: string) => app.paths[name] ?? '/nonexistent',
  setPath(name: string, path: string) {
    app.paths[name] = path;
  },
  version: '1.0.0',
  getVersion: () => app.version,
  /** The OS's languages, most preferred first; tests set them to start the shell in another language. */
  systemLanguages: ['en-US'] as string[],
  getPreferredSystemLanguages: () => [...app.systemLanguages],
  getName: () => 'Agent Desktop',
  getAppPath: () => app.paths.appPath ?? '/nonexistent',
  relaunches: 0,
  relaunch() {
    app.relaunches++;
  },
  dock,
  badgeCount: 0,
  requestSingleInstanceLock: () => true,
  /** How often the lock was released (a quit must release it, even after a failed start). */
  lockReleases: 0,
  releaseSingleInstanceLock() {
    app.lockReleases++;
  },
  whenReady: () => Promise.resolve(),
  quit: () => {},
  exit: () => {},
  setBadgeCount(count: number) {
    app.badgeCount = count;
    return true;
  },
  getLoginItemSettings: () => ({ openAtLogin: false }),
  setLoginItemSettings: () => {},
});

/** The default session: records the permission handlers and the app:// protocol handler main installs. */
export const session = {
  /** Sessions made with fromPartition (electron-updater downloads through one of its own). */
  partitions: new Map<string, { partition: string; options: unknown }>(),
  fromPartition(partition: string, options?: unknown) {
    const existing = session.partitions.get(partition);
    if (existing) return existing;
    const made = { partition, options };
    session.partitions.set(partition, made);
    return made;
  },
  defaultSession: {
    permissionRequestHandler: null as unknown,
    permissionCheckHandler: null as unknown,
    devicePermissionHandler: null as unknown,
    protocolHandlers: new Map<string, unknown>(),
    setPermissionRequestHandler(handler: unknown) {
      session.defaultSession.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: unknown) {
      session.defaultSession.permissionCheckHandler = handler;
    },
    setDevicePermissionHandler(handler: unknown) {
      session.defaultSession.devicePermissionHandler = handler;
    },
    protocol: {
      handle(scheme: string, handler: unknown) {
        session.defaultSession.protocolHandlers.set(scheme, handler);
      },
    },
  },
};


/** shell: records the addresses handed to the system browser. */
export const shell = {
  opened: [] as string[],
  async openExternal(url: string) {
    shell.opened.push(url);
  },
};

export default {
  ipcMain,
  BrowserWindow,
  Notification,
  Menu,
  Tray,
  nativeImage,
  protocol,
  net,
  contextBridge,
  ipcRenderer,
  safeStorage,
  powerMonitor,
  app,
  session,
  dialog,
  globalShortcut,
  crashReporter,
  shell,
};
