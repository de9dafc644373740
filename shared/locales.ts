import { z } from 'zod';

/**
 * The languages the app is written in. The renderer and the Electron main
 * process each keep their own catalogue for them; this list is what they
 * agree on (the renderer reports its choice with `reportLocale`).
 */
export const UI_LOCALES = ['en', 'es'] as const;
export const uiLocale = z.enum(UI_LOCALES);
export type UiLocale = z.infer<typeof uiLocale>;
export const DEFAULT_LOCALE: UiLocale = 'en';

/** The first of the preferred languages (BCP 47 tags, most preferred first) the app speaks: "es-MX" → es. */
export function matchLocale(preferred: readonly string[]): UiLocale {
  for (const tag of preferred) {
    const language = tag.toLowerCase().split(/[-_]/)[0];
    const match = UI_LOCALES.find((l) => l === language);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}
