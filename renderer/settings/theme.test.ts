import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyTheme, loadTheme, resolveTheme } from './theme';

/** A controllable prefers-color-scheme: `set(true)` flips the OS to dark and fires "change". */
function fakeColorScheme(dark: boolean) {
  const listeners = new Set<(e: MediaQueryListEvent) => void>();
  const query = {
    media: '(prefers-color-scheme: dark)',
    matches: dark,
    addEventListener: (_: 'change', l: (e: MediaQueryListEvent) => void) => listeners.add(l),
    removeEventListener: (_: 'change', l: (e: MediaQueryListEvent) => void) => listeners.delete(l),
  };
  vi.stubGlobal(
    'matchMedia',
    vi.fn((q: string) => {
      expect(q).toBe('(prefers-color-scheme: dark)');
      return query;
    }),
  );
  return {
    listeners,
    set(next: boolean) {
      query.matches = next;
      for (const l of [...listeners]) l({ matches: next } as MediaQueryListEvent);
    },
  };
}

const attr = () => document.documentElement.dataset.theme;

describe('theme', () => {
  afterEach(() => {
    applyTheme('light', null); // drop any "system" listener before the stub goes
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  it('loads "system" unless a known theme was saved', () => {
    expect(loadTheme()).toBe('system');
    localStorage.setItem('agent-desktop:theme', 'dark');
    expect(loadTheme()).toBe('dark');
    localStorage.setItem('agent-desktop:theme', 'purple');
    expect(loadTheme()).toBe('system');
  });

  it('resolves "system" from prefers-color-scheme and keeps explicit choices', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('sets data-theme to light or dark, never "system", and saves the choice', () => {
    fakeColorScheme(true);
    applyTheme('system');
    expect(attr()).toBe('dark');
    expect(localStorage.getItem('agent-desktop:theme')).toBe('system');
    applyTheme('light');
    expect(attr()).toBe('light');
    expect(localStorage.getItem('agent-desktop:theme')).toBe('light');
  });

  it('follows OS changes while on "system", and stops once the agent picks a theme', () => {
    const os = fakeColorScheme(false);
    applyTheme('system', null);
    expect(attr()).toBe('light');
    os.set(true);
    expect(attr()).toBe('dark');
    os.set(false);
    expect(attr()).toBe('light');

    applyTheme('dark', null);
    expect(os.listeners.size).toBe(0);
    os.set(false);
    expect(attr()).toBe('dark');
  });

  it('keeps a single listener when "system" is applied again', () => {
    const os = fakeColorScheme(false);
    applyTheme('system', null);
    applyTheme('system', null);
    expect(os.listeners.size).toBe(1);
  });

  it('falls back to light when prefers-color-scheme cannot be read', () => {
    vi.stubGlobal('matchMedia', undefined);
    applyTheme('system', null);
    expect(attr()).toBe('light');
  });
});
