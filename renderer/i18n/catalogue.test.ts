import { compileMessage } from '@lingui/message-utils/compileMessage';
import { describe, expect, it } from 'vitest';
import en from '../../shared/catalogues/en.json';
import es from '../../shared/catalogues/es.json';
import { CALL_END_REASONS } from '../../shared/call-state';
import { GLOBAL_SHORTCUT_ACTIONS } from '../../shared/global-shortcuts';
import { ISSUE_KEYS } from '../../shared/issues';
import { ERROR_CODES } from '../../shared/result';
import { INSTRUCTIONS } from '../../shared/instructions';
import { fieldsOf } from '../instructions/fields';
import { SHORTCUT_ACTIONS, SHORTCUTS } from '../shortcuts/defaults';
import { RESERVED_COMBOS } from '../shortcuts/combo';
import { activateLocale, t } from './i18n';
import { pseudoMessages } from './pseudo';

const english: Record<string, string> = en;
const spanish: Record<string, string> = es;

/** The placeholders a message uses ({name}, {count, plural, …}, also inside plural branches) and its markup tags (<0>). */
function slots(message: string): string[] {
  const names = new Set<string>();
  const visit = (parts: unknown): void => {
    if (!Array.isArray(parts)) return;
    for (const part of parts) {
      if (!Array.isArray(part)) continue;
      const [name, , options] = part as [string, string?, Record<string, unknown>?];
      names.add(name);
      for (const branch of Object.values(options ?? {})) visit(branch);
    }
  };
  visit(compileMessage(message));
  const tags = [...message.matchAll(/<(\d+)\/?>/g)].map((m) => `<${m[1]}>`);
  return [...new Set([...names, ...tags])].sort();
}

// Words that are the same in both languages (names, codes, punctuation-only messages).
const SAME_IN_SPANISH = new Set(['No', 'Chat', 'SMS', 'Email', 'Video', 'Agent Desktop', 'Error']);
/** Messages whose only words are the same in Spanish ("error"). */
const SAME_IDS = new Set(['voice.error.withCode']);

describe('the message catalogues', () => {
  it('have the same messages in English and Spanish', () => {
    expect(Object.keys(spanish).sort()).toEqual(Object.keys(english).sort());
  });

  it('compile (valid ICU MessageFormat) in both languages, and Spanish uses the same placeholders and markup as English', () => {
    for (const [id, message] of Object.entries(english)) {
      expect(() => compileMessage(message), `en ${id}`).not.toThrow();
      expect(() => compileMessage(spanish[id]!), `es ${id}`).not.toThrow();
      expect(slots(spanish[id]!), `placeholders of ${id}`).toEqual(slots(message));
    }
  });

  it('are translated: a Spanish message equal to the English one is data-only or a word both languages share', () => {
    const same = Object.keys(english).filter((id) => spanish[id] === english[id] && /[A-Za-z]{2,}/.test(english[id]!.replace(/\{[^}]*\}|<[^>]*>/g, '')) && !SAME_IN_SPANISH.has(english[id]!) && !SAME_IDS.has(id));
    // URLs, product names and codes inside a message are not words to translate.
    expect(same.filter((id) => !/^https?:|Twilio|TaskRouter/.test(english[id]!))).toEqual([]);
  });

  it('have a sentence for every error code, input issue, call end, instruction field and shortcut the app can show', () => {
    const need = [
      ...ERROR_CODES.map((c) => `error.${c}`),
      ...ISSUE_KEYS.map((k) => `issue.${k}`),
      ...CALL_END_REASONS.map((r) => `call.ended.${r}`),
      ...INSTRUCTIONS.flatMap((name) => [`instruction.name.${name}`, `instruction.send.${name}`, ...fieldsOf(name).map((f) => `field.${f.name}`)]),
      ...SHORTCUT_ACTIONS.flatMap((a) => [`shortcut.${a}`, ...(SHORTCUTS[a].note ? [`shortcut.${a}.note`] : [])]),
      ...GLOBAL_SHORTCUT_ACTIONS.map((a) => `globalShortcut.${a}`),
      ...Object.values(RESERVED_COMBOS).map((why) => `reserved.${why}`),
    ];
    expect(need.filter((id) => !(id in english))).toEqual([]);
  });

  it('say "1 second" and "2 seconds", and "1 segundo" and "2 segundos"', async () => {
    expect(t('issue.seconds_min', { min: 1 })).toBe('Must be at least 1 second.');
    expect(t('issue.seconds_min', { min: 2 })).toBe('Must be at least 2 seconds.');
    await activateLocale('es');
    try {
      expect(t('issue.seconds_min', { min: 1 })).toBe('Debe ser de al menos 1 segundo.');
      expect(t('issue.seconds_min', { min: 2 })).toBe('Debe ser de al menos 2 segundos.');
    } finally {
      await activateLocale('en');
    }
  });

  it('make a pseudo-locale where every message is bracketed whole, values included, and longer than English', () => {
    const compiled = Object.fromEntries(Object.entries(english).map(([id, m]) => [id, compileMessage(m)]));
    const pseudo = pseudoMessages(compiled);
    for (const id of ['call.headline.live', 'inbox.empty', 'issue.too_long']) {
      const message = pseudo[id] as unknown;
      const text = typeof message === 'string' ? message : (message as unknown[]).filter((p): p is string => typeof p === 'string').join('');
      expect(text.startsWith('⟦') && text.endsWith('⟧'), id).toBe(true);
    }
  });
});
