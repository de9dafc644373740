import { matchLocale, UI_LOCALES, type UiLocale } from '../../shared/locales';

/**
 * The language the agent chose in Settings, stored like the theme: "system"
 * (the browser's or the OS's languages) unless they picked one. `en-XA` is a
 * pseudo-locale for development and tests (every string accented, padded by
 * about 40 % and bracketed, to find untranslated text and clipping); Settings
 * does not offer it.
 */
export const PSEUDO_LOCALE = 'en-XA';
export type ActiveLocale = UiLocale | typeof PSEUDO_LOCALE;
export type LocaleChoice = 'system' | ActiveLocale;

const KEY = 'agent-desktop:locale';

export function loadLocaleChoice(storage: Pick<Storage, 'getItem'> = localStorage): LocaleChoice {
  const saved = storage.getItem(KEY) ?? '';
  return saved === PSEUDO_LOCALE || (UI_LOCALES as readonly string[]).includes(saved) ? (saved as LocaleChoice) : 'system';
}

export function saveLocaleChoice(choice: LocaleChoice, storage: Pick<Storage, 'setItem' | 'removeItem'> = localStorage): void {
  if (choice === 'system') storage.removeItem(KEY);
  else storage.setItem(KEY, choice);
}

/** "system" becomes the first of the browser's languages the app speaks (English when none). */
export function resolveLocale(choice: LocaleChoice, preferred: readonly string[] = systemLanguages()): ActiveLocale {
  return choice === 'system' ? matchLocale(preferred) : choice;
}

const systemLanguages = (): readonly string[] => (typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language]);

/** The language the catalogues are in: the pseudo-locale's text is English underneath. */
export const catalogLanguage = (locale: ActiveLocale): UiLocale => (locale === PSEUDO_LOCALE ? 'en' : locale);
