import { Menu, type MenuItemConstructorOptions } from 'electron';
import { desktopT, onDesktopLocaleChange } from './i18n';

/**
 * The app menu. Electron's default menu binds Ctrl+Shift+R (force reload) and
 * Ctrl+Shift+I (devtools), which would swallow the agent's own shortcuts
 * (Flex's defaults: Ctrl+Shift+A/R/T/Y/S/H/M/C/1/0). This menu gives every
 * item an explicit accelerator (a role without one falls back to Electron's
 * default) and none of them is an agent shortcut.
 */

/** Keys the renderer uses with Ctrl+Shift (Cmd+Shift on macOS); the menu must leave them all to it. */
export const AGENT_SHORTCUT_KEYS = ['A', 'R', 'T', 'Y', 'S', 'H', 'M', 'C', '1', '0', 'I'] as const;

/** Normalizes an accelerator ("Shift+CmdOrCtrl+r") into a comparable form ("CTRL+SHIFT+R"). */
export function normalizeAccelerator(accelerator: string, platform: NodeJS.Platform): string {
  const parts = accelerator.split('+').map((part) => part.trim().toUpperCase());
  const key = parts.pop() ?? '';
  const modifiers = new Set(
    parts.map((part) => {
      if (part === 'CMDORCTRL' || part === 'COMMANDORCONTROL') return platform === 'darwin' ? 'CMD' : 'CTRL';
      if (part === 'COMMAND') return 'CMD';
      if (part === 'CONTROL') return 'CTRL';
      if (part === 'OPTION') return 'ALT';
      return part;
    }),
  );
  return [...[...modifiers].sort(), key].join('+');
}

/** Every accelerator the agent shortcuts occupy on this platform. */
export function reservedAccelerators(platform: NodeJS.Platform): Set<string> {
  const primary = platform === 'darwin' ? 'CMD' : 'CTRL';
  // Agents on macOS may also press Ctrl+Shift, as in a browser on Windows.
  const modifiers = platform === 'darwin' ? [primary, 'CTRL'] : [primary];
  return new Set(modifiers.flatMap((modifier) => AGENT_SHORTCUT_KEYS.map((key) => normalizeAccelerator(`${modifier}+Shift+${key}`, platform))));
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Development builds get reload and devtools; packaged builds do not. */
  isPackaged: boolean;
  /** Start at login: absent where the OS offers no way to do it. */
  startAtLogin?: { enabled: boolean; set(enabled: boolean): void };
  onShowWindow: () => void;
  onQuit: () => void;
  /** Help → Save Diagnostics… (a zip for support, secrets removed). */
  onSaveDiagnostics: () => void;
  /** Help → Check for Updates… */
  onCheckForUpdates: () => void;
}

export function appMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const appItems: MenuItemConstructorOptions[] = [
    { label: desktopT('desktop.menu.show'), accelerator: 'CmdOrCtrl+1', click: options.onShowWindow },
    ...(options.startAtLogin
      ? [
          {
            label: desktopT('desktop.menu.startAtLogin'),
            type: 'checkbox' as const,
            checked: options.startAtLogin.enabled,
            click: (item: { checked: boolean }) => options.startAtLogin?.set(item.checked),
          },
        ]
      : []),
    { type: 'separator' },
    { label: desktopT(mac ? 'desktop.menu.quitApp' : 'desktop.menu.quit'), accelerator: mac ? 'Cmd+Q' : 'Ctrl+Q', click: options.onQuit },
  ];
  const edit: MenuItemConstructorOptions = {
    label: desktopT('desktop.menu.edit'),
    submenu: [
      { role: 'undo', label: desktopT('desktop.menu.undo'), accelerator: 'CmdOrCtrl+Z' },
      // Redo is Ctrl+Y on Windows/Linux (not Ctrl+Shift+Z's neighbour Ctrl+Shift+Y, an agent shortcut).
      { role: 'redo', label: desktopT('desktop.menu.redo'), accelerator: mac ? 'Cmd+Shift+Z' : 'Ctrl+Y' },
      { type: 'separator' },
      { role: 'cut', label: desktopT('desktop.menu.cut'), accelerator: 'CmdOrCtrl+X' },
      { role: 'copy', label: desktopT('desktop.menu.copy'), accelerator: 'CmdOrCtrl+C' },
      { role: 'paste', label: desktopT('desktop.menu.paste'), accelerator: 'CmdOrCtrl+V' },
      { role: 'selectAll', label: desktopT('desktop.menu.selectAll'), accelerator: 'CmdOrCtrl+A' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: desktopT('desktop.menu.view'),
    submenu: [
      ...(options.isPackaged
        ? []
        : [
            // Plain reload only; force reload (Ctrl+Shift+R) would take the agent's Reject key.
            { role: 'reload' as const, label: desktopT('desktop.menu.reload'), accelerator: 'CmdOrCtrl+R' },
            // F12 rather than Ctrl+Shift+I.
            { role: 'toggleDevTools' as const, label: desktopT('desktop.menu.devTools'), accelerator: 'F12' },
            { type: 'separator' as const },
          ]),
      { role: 'resetZoom', label: desktopT('desktop.menu.resetZoom'), accelerator: 'CmdOrCtrl+0' },
      { role: 'zoomIn', label: desktopT('desktop.menu.zoomIn'), accelerator: 'CmdOrCtrl+=' },
      { role: 'zoomOut', label: desktopT('desktop.menu.zoomOut'), accelerator: 'CmdOrCtrl+-' },
      { type: 'separator' },
      { role: 'togglefullscreen', label: desktopT('desktop.menu.fullScreen'), accelerator: mac ? 'Ctrl+Cmd+F' : 'F11' },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: desktopT('desktop.menu.window'),
    submenu: [
      { role: 'minimize', label: desktopT('desktop.menu.minimize'), accelerator: 'CmdOrCtrl+M' },
      // Closing hides to the tray; offers still arrive and notify.
      { role: 'close', label: desktopT('desktop.menu.close'), accelerator: 'CmdOrCtrl+W' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: desktopT('desktop.menu.help'),
    submenu: [
      { id: 'save-diagnostics', label: desktopT('desktop.menu.saveDiagnostics'), click: options.onSaveDiagnostics },
      { id: 'check-for-updates', label: desktopT('desktop.menu.checkUpdates'), click: options.onCheckForUpdates },
    ],
  };
  return [{ label: mac ? 'Agent Desktop' : desktopT('desktop.menu.file'), submenu: appItems }, edit, view, windowMenu, help];
}

/** Every accelerator in a template, recursively. */
export function acceleratorsOf(template: MenuItemConstructorOptions[]): string[] {
  return template.flatMap((item) => [
    ...(typeof item.accelerator === 'string' ? [item.accelerator] : []),
    ...(Array.isArray(item.submenu) ? acceleratorsOf(item.submenu) : []),
  ]);
}

/** Installs the menu, and again in the new language whenever the agent changes it; returns what stops following it. */
export function installAppMenu(options: MenuOptions): () => void {
  const install = () => Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(options)));
  install();
  return onDesktopLocaleChange(install);
}
