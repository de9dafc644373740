export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
const KEY = 'agent-desktop:theme';

/** The stored theme; "system" (follow the OS through prefers-color-scheme) unless the agent chose. */
export function loadTheme(storage: Pick<Storage, 'getItem'> = localStorage): Theme {
  const saved = storage.getItem(KEY);
  return (THEMES as readonly string[]).includes(saved ?? '') ? (saved as Theme) : 'system';
}

/** CSS reads `data-theme` only when it is light or dark; otherwise the media query decides. */
export function applyTheme(theme: Theme, storage: Pick<Storage, 'setItem'> | null = localStorage): void {
  document.documentElement.dataset.theme = theme;
  storage?.setItem(KEY, theme);
}

const DEVICE_KEY = 'agent-desktop:ringtone-device';
export const loadRingDevice = (): string => localStorage.getItem(DEVICE_KEY) ?? '';
export const saveRingDevice = (id: string): void => localStorage.setItem(DEVICE_KEY, id);
