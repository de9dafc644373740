import { setupI18n } from '@lingui/core';
import { compileMessage } from '@lingui/message-utils/compileMessage';
import en from '../shared/catalogues/en.json';
import es from '../shared/catalogues/es.json';
import { DEFAULT_LOCALE, matchLocale, type UiLocale } from '../shared/locales';

/**
 * The desktop shell's own words (notifications, the tray, the menu, dialogs),
 * from the same catalogues as the window. The main process compiles the ICU
 * messages when first used (no build step, and size does not matter here).
 * It starts in the OS's language and follows the window's once the renderer
 * reports it (`reportLocale`), so the agent's choice in Settings applies to both.
 */
export type DesktopMessageId = Extract<keyof typeof en, `desktop.${string}`>;

const i18n = setupI18n();
i18n.setMessagesCompiler(compileMessage);
i18n.load({ en, es });
i18n.activate(DEFAULT_LOCALE);

const listeners = new Set<() => void>();

/** The shell's text for a message in the current language (English when a message is missing). */
export const desktopT = (id: DesktopMessageId, values?: Record<string, unknown>): string => i18n._(id, values);

export const desktopLocale = (): UiLocale => i18n.locale as UiLocale;

/** Switches the shell's language; listeners rebuild what already shows text (the menu, the tray). */
export function setDesktopLocale(locale: UiLocale): void {
  if (locale === i18n.locale) return;
  i18n.activate(locale);
  for (const listener of [...listeners]) listener();
}

/** The OS's preferred languages (Electron's app.getPreferredSystemLanguages()) → the first one the app speaks. */
export const setDesktopLocaleFromSystem = (preferred: readonly string[]): void => setDesktopLocale(matchLocale(preferred));

/** Runs `listener` after each change of language; returns the function that stops it. */
export function onDesktopLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
