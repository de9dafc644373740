import { setupI18n, type Messages } from '@lingui/core';
import { compileMessage } from '@lingui/message-utils/compileMessage';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type enCatalogue from '../../shared/catalogues/en.json';
import { pseudoMessages } from '../../renderer/i18n/pseudo';

/**
 * The UI's words in any of its languages, for end-to-end tests that run the UI
 * in Spanish or in the pseudo-locale: the same catalogues, compiled the same
 * way, so `words('es')('voice.answer')` is exactly what the button says.
 */
export type UiLanguage = 'en' | 'es' | 'en-XA';
export type MessageId = keyof typeof enCatalogue;

// Read, not imported: Playwright's loader needs import attributes for JSON, which the TypeScript setup does not take.
const catalogue = (language: 'en' | 'es'): Record<string, string> => JSON.parse(readFileSync(new URL(`../../shared/catalogues/${language}.json`, import.meta.url), 'utf8')) as Record<string, string>;
const en = catalogue('en');
const es = catalogue('es');

const compile = (catalogue: Record<string, string>): Messages => Object.fromEntries(Object.entries(catalogue).map(([id, message]) => [id, compileMessage(message)]));
const compiledEnglish = compile(en);
const i18n = setupI18n({ messages: { en: compiledEnglish, es: compile(es), 'en-XA': pseudoMessages(compiledEnglish) }, locale: 'en' });

/** A message as the UI shows it (the markup of `<0>…</0>` messages removed, their text kept). */
export function words(language: UiLanguage): (id: MessageId, values?: Record<string, unknown>) => string {
  return (id, values) => {
    i18n.activate(language);
    return i18n._(id, values).replace(/<\/?\d+\/?>/g, '');
  };
}

/** Starts the page in a language, as the agent's choice in Settings would (stored before the app loads). */
export async function startInLanguage(page: Page, language: UiLanguage): Promise<void> {
  await page.addInitScript(`localStorage.setItem('agent-desktop:locale', ${JSON.stringify(language)})`);
}

export interface TextFound {
  /** Visible text and the text of labels (aria-label, placeholder, title, alt), skipping what is marked translate="no" (data). */
  text: string[];
}

/**
 * Everything the agent can read on the page now: text nodes that are rendered
 * (and visually-hidden ones, which screen readers read), option labels, and the
 * label attributes. Data is marked translate="no" by the UI and left out, as
 * are keyboard keys (<kbd>) and what the agent typed into fields.
 */
// Runs in the page (a string: the Node typecheck has no DOM types).
const READABLE_TEXT = `(() => {
  const text = [];
  const skip = (el) => !!el && !!el.closest('[translate="no"], kbd, script, style, noscript, textarea');
  const shown = (el) => el.closest('option') !== null || el.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true });
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || skip(parent) || !shown(parent)) continue;
    const value = (node.textContent || '').trim();
    if (value) text.push(value);
  }
  for (const el of document.body.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
    if (skip(el) || !shown(el)) continue;
    for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
      const value = (el.getAttribute(name) || '').trim();
      if (value) text.push(value);
    }
  }
  return { text };
})()`;

export async function readableText(page: Page): Promise<TextFound> {
  return page.evaluate<TextFound>(READABLE_TEXT);
}

/**
 * Text that did not come from the catalogue, in the pseudo-locale: every
 * catalogue text is bracketed ⟦…⟧ and accented there, so once the bracketed
 * runs are removed, any Latin letter left is text written into the code (or
 * data not marked translate="no"). Each text is checked with its neighbours
 * joined, because one message can span several nodes (`<0>…</0>` markup).
 */
export function untranslatedInPseudo(found: TextFound): string[] {
  const joined = found.text.join('\u0001');
  const rest = joined.replace(/⟦[^⟧]*⟧/g, '');
  return rest
    .split('\u0001')
    .map((piece) => piece.trim())
    .filter((piece) => /[A-Za-z]{2,}/.test(piece));
}

/** English text shown while the UI runs in Spanish: any text that is an English message whose Spanish differs. */
export function englishInSpanish(found: TextFound): string[] {
  const english = new Set(Object.entries(en).filter(([id, message]) => /[A-Za-z]{3,}/.test(message) && !/[{<]/.test(message) && message !== es[id]).map(([, message]) => message));
  return found.text.filter((piece) => english.has(piece));
}

/**
 * A name to find an element by whatever spaces the accessible name gets where
 * a message's markup was (a visually-hidden part may add one): every letter in
 * order, any whitespace between them.
 */
export const loosely = (text: string): RegExp => new RegExp(`^${[...text.replace(/\s+/g, '')].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*')}$`);
