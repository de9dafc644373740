import { i18n, type Messages } from '@lingui/core';
import type enCatalog from '../../shared/catalogues/en.json';
import { messages as en } from '../../shared/catalogues/en.json?lingui';
import { setFormatDecorator } from './format';
import { PSEUDO_LOCALE, type ActiveLocale } from './locale-choice';

/**
 * The renderer's one Lingui instance. English is compiled into the first
 * screen; Spanish and the pseudo-locale are chunks loaded when chosen. Every
 * message is a whole sentence in ICU MessageFormat with named placeholders
 * and plurals, never fragments glued together in code.
 */
export type MessageId = keyof typeof enCatalog;
export type MessageValues = Record<string, unknown>;
/** A message by id with its values: how code that is not a component hands text to one. */
export interface Message {
  id: MessageId;
  values?: MessageValues;
}

i18n.load('en', en);
i18n.activate('en');

const loaders: Record<Exclude<ActiveLocale, 'en'>, () => Promise<Messages>> = {
  es: () => import('../../shared/catalogues/es.json?lingui').then((m) => m.messages),
  [PSEUDO_LOCALE]: () => import('./pseudo').then((m) => m.pseudoMessages(en)),
};

let latest = 0;

/** Loads the language's catalogue if needed, then switches every mounted component to it (no reload). */
export async function activateLocale(locale: ActiveLocale): Promise<void> {
  const request = ++latest;
  const messages = locale === 'en' || i18n.locale === locale ? null : await loaders[locale]();
  const decorate = locale === PSEUDO_LOCALE ? (await import('./pseudo')).pseudoText : null;
  // A later choice wins over one whose catalogue arrived late.
  if (request !== latest) return;
  if (messages) i18n.load(locale, messages);
  setFormatDecorator(decorate);
  i18n.activate(locale);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

/** The current language's text for a message, for code outside components (announcements, notifications, the title). */
export const t = (id: MessageId, values?: MessageValues): string => i18n._(id, values);

/** Whether the catalogue has this id (ids built from data, such as a field name). */
export const hasMessage = (id: string): id is MessageId => Object.prototype.hasOwnProperty.call(en, id);

export const currentLocale = (): ActiveLocale => i18n.locale as ActiveLocale;

export { i18n };
