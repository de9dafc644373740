import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import { desktopLocale, desktopT, onDesktopLocaleChange } from './i18n';

/** The tray's text for a pending count, shared with the window title. */
export function pendingLabel(count: number): string {
  return desktopT('desktop.tray.pending', { count: Math.max(0, count) });
}

/** What the tray shows; rebuilt only when it changes. */
export interface TrayView {
  pendingCount: number;
  /** The offer "Accept next offer" accepts (the one that expires first), named so the agent knows whom. */
  nextOffer: { sid: string; label: string } | null;
  activities: { sid: string; name: string }[];
  currentActivitySid: string | null;
}

export interface TrayActions {
  onOpen(): void;
  onQuit(): void;
  onAccept(reservationSid: string): void;
  onSetActivity(activitySid: string): void;
}

export const EMPTY_TRAY: TrayView = { pendingCount: 0, nextOffer: null, activities: [], currentActivitySid: null };

/** The tray's menu: the count, accept the next offer, the activity, open, quit. Items have ids for tests and the e2e suite. */
export function trayMenuTemplate(view: TrayView, actions: TrayActions): MenuItemConstructorOptions[] {
  const offer = view.nextOffer;
  return [
    { id: 'pending', label: pendingLabel(view.pendingCount), enabled: false },
    offer
      ? { id: 'accept-next', label: desktopT('desktop.tray.acceptNextNamed', { caller: offer.label }), click: () => actions.onAccept(offer.sid) }
      : { id: 'accept-next', label: desktopT('desktop.tray.acceptNext'), enabled: false },
    { type: 'separator' },
    {
      id: 'activity',
      label: desktopT('desktop.tray.activity'),
      enabled: view.activities.length > 0,
      submenu: view.activities.map((activity) => ({
        id: `activity:${activity.sid}`,
        label: activity.name,
        type: 'radio' as const,
        checked: activity.sid === view.currentActivitySid,
        click: () => {
          if (activity.sid !== view.currentActivitySid) actions.onSetActivity(activity.sid);
        },
      })),
    },
    { type: 'separator' },
    { id: 'open', label: desktopT('desktop.tray.open'), click: actions.onOpen },
    { id: 'quit', label: desktopT('desktop.tray.quit'), click: actions.onQuit },
  ];
}

export interface AgentTray {
  update(view: TrayView): void;
  destroy(): void;
}

/**
 * A tray icon: the pending count (tooltip everywhere, the number next to the
 * icon on macOS), a menu to accept the next offer or change activity, and a
 * click that opens the window.
 */
export function createAgentTray(options: { iconPath: string } & TrayActions): AgentTray {
  const icon: NativeImage = nativeImage.createFromPath(options.iconPath);
  const tray = new Tray(icon.isEmpty() ? nativeImage.createEmpty() : icon.resize({ width: 16, height: 16 }));
  let last = '';
  let current = EMPTY_TRAY;
  const render = (view: TrayView) => {
    current = view;
    const key = `${desktopLocale()}|${JSON.stringify(view)}`;
    if (key === last) return;
    last = key;
    tray.setToolTip(pendingLabel(view.pendingCount));
    if (process.platform === 'darwin') tray.setTitle(view.pendingCount > 0 ? String(view.pendingCount) : '');
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(view, options)));
  };
  tray.on('click', options.onOpen);
  render(EMPTY_TRAY);
  // The agent picked another language: the same view, in its words.
  const stopFollowingLocale = onDesktopLocaleChange(() => render(current));
  return {
    update: render,
    destroy: () => {
      stopFollowingLocale();
      tray.destroy();
    },
  };
}
