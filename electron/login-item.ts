import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * "Start at login". macOS and Windows have it in Electron
 * (`app.setLoginItemSettings`); Linux desktops follow the XDG autostart spec
 * instead: a .desktop file in ~/.config/autostart, written here.
 */
export interface LoginItem {
  enabled: boolean;
  set(enabled: boolean): void;
}

export interface LoginItemDeps {
  platform: NodeJS.Platform;
  /** Electron's own API, for macOS and Windows. */
  electron: { get(): boolean; set(enabled: boolean): void };
  /** What to run at login on Linux: the AppImage when there is one, else the Electron executable. */
  command: string;
  /** XDG_CONFIG_HOME or ~/.config. */
  configHome: string;
}

const DESKTOP_FILE = 'taskrouter-agent-desktop.desktop';

/** Quotes one argument for a .desktop Exec line (XDG: double quotes, with \ " ` $ escaped). */
function desktopExecArg(value: string): string {
  return `"${value.replace(/([\\"`$])/g, '\\$1')}"`;
}

export function loginItem(deps: LoginItemDeps): LoginItem | undefined {
  if (deps.platform === 'darwin' || deps.platform === 'win32') return { enabled: deps.electron.get(), set: deps.electron.set };
  if (deps.platform !== 'linux') return undefined;
  const file = join(deps.configHome, 'autostart', DESKTOP_FILE);
  return {
    enabled: existsSync(file),
    set(enabled) {
      if (!enabled) return rmSync(file, { force: true });
      mkdirSync(join(deps.configHome, 'autostart'), { recursive: true });
      writeFileSync(
        file,
        ['[Desktop Entry]', 'Type=Application', 'Name=Agent Desktop', `Exec=${desktopExecArg(deps.command)}`, 'X-GNOME-Autostart-enabled=true', 'Terminal=false', ''].join('\n'),
        { mode: 0o644 },
      );
    },
  };
}
