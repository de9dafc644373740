export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
/** What CSS sees in `data-theme`: "system" is resolved to one of these. */
export type ResolvedTheme = Exclude<Theme, 'system'>;
const KEY = 'agent-desktop:theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

/** The stored theme; "system" (follow the OS through prefers-color-scheme) unless the agent chose. */
export function loadTheme(storage: Pick<Storage, 'getItem'> = localStorage): Theme {
  const saved = storage.getItem(KEY);
  return (THEMES as readonly string[]).includes(saved ?? '') ? (saved as Theme) : 'system';
}

const darkQuery = (): MediaQueryList | null => (typeof matchMedia === 'function' ? matchMedia(DARK_QUERY) : null);

/** "system" becomes light or dark from prefers-color-scheme (light when it cannot be read). */
export function resolveTheme(theme: Theme, prefersDark = darkQuery()?.matches ?? false): ResolvedTheme {
  return theme === 'system' ? (prefersDark ? 'dark' : 'light') : theme;
}

let stopFollowing: (() => void) | null = null;

/**
 * Sets `data-theme` to light or dark (CSS reads only `:root[data-theme='dark']`).
 * For "system" it also follows later OS changes, until another theme is applied.
 */
export function applyTheme(theme: Theme, storage: Pick<Storage, 'setItem'> | null = localStorage): void {
  stopFollowing?.();
  stopFollowing = null;
  const query = darkQuery();
  document.documentElement.dataset.theme = resolveTheme(theme, query?.matches ?? false);
  if (theme === 'system' && query) {
    const follow = (e: MediaQueryListEvent) => {
      document.documentElement.dataset.theme = resolveTheme('system', e.matches);
    };
    query.addEventListener('change', follow);
    stopFollowing = () => query.removeEventListener('change', follow);
  }
  storage?.setItem(KEY, theme);
}

const DEVICE_KEY = 'agent-desktop:ringtone-device';
export const loadRingDevice = (): string => localStorage.getItem(DEVICE_KEY) ?? '';
export const saveRingDevice = (id: string): void => localStorage.setItem(DEVICE_KEY, id);
