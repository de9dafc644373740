import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';

vi.mock('electron', () => import('./testing/electron-mock'));
const electron = await import('./testing/electron-mock');
const { createMainWindow, hardenSession, hardenWebContents, hardenedWindowOptions, isPermissionAllowed } = await import('./window');

type Prevented = { preventDefault(): void; prevented: boolean };
const navigationEvent = (url?: string): Prevented & { url?: string } => {
  const event = { prevented: false, url, preventDefault: () => void (event.prevented = true) };
  return event;
};

describe('hardenedWindowOptions', () => {
  it('sets every hardening flag', () => {
    const prefs = hardenedWindowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
    });
  });
});

describe('createMainWindow', () => {
  beforeEach(() => void electron.BrowserWindow.created.splice(0));

  it('creates one hardened window on the app origin', async () => {
    const window = createMainWindow('/app/preload.cjs') as unknown as InstanceType<typeof electron.BrowserWindow>;
    expect(electron.BrowserWindow.created).toHaveLength(1);
    expect((window.options.webPreferences as Record<string, unknown>).sandbox).toBe(true);
    await vi.waitFor(() => expect(window.webContents.url).toBe('app://agent/index.html'));
    expect(window.webContents.windowOpenHandler).not.toBeNull();
  });
});

describe('hardenWebContents', () => {
  const contents = new electron.FakeWebContents();
  hardenWebContents(contents as unknown as WebContents);

  it('denies every new window', () => {
    for (const url of ['https://evil.example', 'app://agent/index.html', 'file:///etc/passwd']) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
  });

  it.each(['https://evil.example/', 'file:///etc/passwd', 'app://agent.evil/index.html', 'http://127.0.0.1:1/', 'javascript:alert(1)'])(
    'refuses navigation and redirects to %s',
    (url) => {
      for (const name of ['will-navigate', 'will-redirect']) {
        const event = navigationEvent();
        contents.emit(name, event, url);
        expect(event.prevented).toBe(true);
      }
      const currentApi = navigationEvent(url); // event.url only, no deprecated second argument
      contents.emit('will-navigate', currentApi);
      expect(currentApi.prevented).toBe(true);
      const frameEvent = navigationEvent(url);
      contents.emit('will-frame-navigate', frameEvent);
      expect(frameEvent.prevented).toBe(true);
    },
  );

  it('lets the app navigate within its own origin', () => {
    const event = navigationEvent();
    contents.emit('will-navigate', event, 'app://agent/index.html#settings');
    expect(event.prevented).toBe(false);
  });

  it('refuses to attach a webview', () => {
    const event = navigationEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.prevented).toBe(true);
  });
});

describe('permissions', () => {
  it('allows only the microphone, only for the app origin', () => {
    expect(isPermissionAllowed('media', 'app://agent/index.html', ['audio'])).toBe(true);
    expect(isPermissionAllowed('media', 'app://agent', [])).toBe(true);
    expect(isPermissionAllowed('media', 'app://agent/index.html', ['audio', 'video'])).toBe(false);
    expect(isPermissionAllowed('media', 'https://evil.example', ['audio'])).toBe(false);
    expect(isPermissionAllowed('media', 'file:///index.html', ['audio'])).toBe(false);
    for (const permission of ['notifications', 'geolocation', 'clipboard-read', 'display-capture', 'openExternal', 'midi', 'hid']) {
      expect(isPermissionAllowed(permission, 'app://agent/index.html')).toBe(false);
    }
  });

  it('installs request, check and device handlers on the session that follow that rule', () => {
    const handlers: Record<string, (...args: unknown[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: never) => void (handlers.request = h),
      setPermissionCheckHandler: (h: never) => void (handlers.check = h),
      setDevicePermissionHandler: (h: never) => void (handlers.device = h),
    };
    hardenSession(session as unknown as Session);
    const ask = (permission: string, details: object) => {
      let granted: boolean | undefined;
      handlers.request!(null, permission, (answer: boolean) => void (granted = answer), details);
      return granted;
    };
    expect(ask('media', { requestingUrl: 'app://agent/index.html', mediaTypes: ['audio'] })).toBe(true);
    expect(ask('media', { requestingUrl: 'app://agent/index.html', mediaTypes: ['video'] })).toBe(false);
    expect(ask('media', { requestingUrl: 'https://evil.example/', mediaTypes: ['audio'] })).toBe(false);
    expect(ask('notifications', { requestingUrl: 'app://agent/index.html' })).toBe(false);
    expect(handlers.check!(null, 'media', 'app://agent')).toBe(true);
    expect(handlers.check!(null, 'media', 'https://evil.example')).toBe(false);
    expect(handlers.check!(null, 'geolocation', 'app://agent')).toBe(false);
    expect(handlers.device!({ deviceType: 'usb' })).toBe(false);
  });
});
