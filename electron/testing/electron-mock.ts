import { EventEmitter } from 'node:events';

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
  focus() {}
  hide() {
    this.visible = false;
  }
  restore() {}
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
}

export class Notification extends EventEmitter {
  static readonly shown: Notification[] = [];
  static supported = true;
  static isSupported() {
    return Notification.supported;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  closed = false;
  show() {
    Notification.shown.push(this);
  }
  close() {
    this.closed = true;
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

const emptyImage = { isEmpty: () => true, resize: () => emptyImage };
export const nativeImage = { createFromPath: () => emptyImage, createEmpty: () => emptyImage };

export const protocol = {
  privileged: [] as unknown[],
  registerSchemesAsPrivileged(schemes: unknown[]) {
    protocol.privileged.push(...schemes);
  },
};

export const net = {
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

export const dialog = {
  shown: [] as ShownMessageBox[],
  showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    const [parent, options] = args.length > 1 ? args : [null, args[0]];
    return new Promise((resolve) => {
      dialog.shown.push({ parent, options: options as ShownMessageBox['options'], answer: (response) => resolve({ response, checkboxChecked: false }) });
    });
  },
};

export const powerMonitor = new EventEmitter();
export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  getPath: () => '/nonexistent',
  requestSingleInstanceLock: () => true,
  /** How often the lock was released (a quit must release it, even after a failed start). */
  lockReleases: 0,
  releaseSingleInstanceLock() {
    app.lockReleases++;
  },
  whenReady: () => Promise.resolve(),
  quit: () => {},
  exit: () => {},
  setBadgeCount: () => true,
  getLoginItemSettings: () => ({ openAtLogin: false }),
  setLoginItemSettings: () => {},
});

/** The default session: records the permission handlers and the app:// protocol handler main installs. */
export const session = {
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

export default { ipcMain, BrowserWindow, Notification, Menu, Tray, nativeImage, protocol, net, contextBridge, ipcRenderer, safeStorage, powerMonitor, app, session, dialog, shell };
