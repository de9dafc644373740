import { Menu, Tray, nativeImage, type NativeImage } from 'electron';

/** The tray's text for a pending count, shared with the window title. */
export function pendingLabel(count: number): string {
  if (count <= 0) return 'Agent Desktop — no pending offers';
  return `Agent Desktop — ${count} pending offer${count === 1 ? '' : 's'}`;
}

export interface PendingTray {
  update(count: number): void;
  destroy(): void;
}

/**
 * A tray icon that shows how many offers are waiting (tooltip everywhere, the
 * number next to the icon on macOS) and opens the window on click.
 */
export function createPendingTray(options: { iconPath: string; onOpen: () => void; onQuit: () => void }): PendingTray {
  const icon: NativeImage = nativeImage.createFromPath(options.iconPath);
  const tray = new Tray(icon.isEmpty() ? nativeImage.createEmpty() : icon.resize({ width: 16, height: 16 }));
  const render = (count: number) => {
    tray.setToolTip(pendingLabel(count));
    if (process.platform === 'darwin') tray.setTitle(count > 0 ? String(count) : '');
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: pendingLabel(count), enabled: false },
        { type: 'separator' },
        { label: 'Open Agent Desktop', click: options.onOpen },
        { label: 'Quit', click: options.onQuit },
      ]),
    );
  };
  tray.on('click', options.onOpen);
  render(0);
  let last = 0;
  return {
    update(count) {
      if (count === last) return;
      last = count;
      render(count);
    },
    destroy: () => tray.destroy(),
  };
}
