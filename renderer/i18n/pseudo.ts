import type { Messages } from '@lingui/core';

/**
 * The pseudo-locale (development and tests only): English with every letter
 * accented, each piece of text about 40 % longer and bracketed ⟦…⟧. Text on
 * screen that still has a plain ASCII letter did not come from the catalogue
 * (or is data, which is marked translate="no"); a missing ⟧ shows clipping.
 */
const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [c, [...'áƀçđéƒĝĥíĵķĺɱñóþǫŕšţúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĹṀÑÓÞǪŔŠŢÚṼŴẊÝŽ'][i]!]),
);

const accent = (text: string): string => {
  let out = '';
  let inTag = false;
  for (const c of text) {
    if (c === '<') inTag = true;
    out += inTag ? c : (ACCENTED[c] ?? c);
    if (c === '>') inTag = false;
  }
  return out;
};

/** One piece of text, accented, padded and bracketed; text without letters (a clock, "—") is left alone. */
export function pseudoText(text: string): string {
  if (!/[A-Za-z]/.test(text)) return text;
  const visible = text.replace(/<[^>]*>/g, '');
  return `⟦${accent(text)}${'·'.repeat(Math.max(2, Math.ceil(visible.length * 0.4)))}⟧`;
}

/** A compiled message is text, or a list of text and placeholders ([name] or [name, format, options]). */
type Part = string | readonly unknown[];

function pseudoPart(part: Part): Part {
  if (typeof part === 'string') return pseudoText(part);
  // [name] or [name, format, options]: plural/select options hold messages of their own.
  const [name, format, options] = part as [string, string?, Record<string, unknown>?];
  if (!options || typeof options !== 'object') return part;
  const mapped = Object.fromEntries(Object.entries(options).map(([k, v]) => [k, Array.isArray(v) ? (v as Part[]).map(pseudoPart) : typeof v === 'string' ? pseudoText(v) : v]));
  return [name, format, mapped];
}

/** The pseudo-locale's catalogue, made from the compiled English one. */
export function pseudoMessages(english: Messages): Messages {
  return Object.fromEntries(
    Object.entries(english).map(([id, message]) => [id, typeof message === 'string' ? pseudoText(message) : (message as Part[]).map(pseudoPart)]),
  ) as Messages;
}
