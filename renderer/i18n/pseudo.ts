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

/** Text parts accented; plural/select options hold messages of their own, accented the same way. */
function accentPart(part: Part): Part {
  if (typeof part === 'string') return accent(part);
  const [name, format, options] = part as [string, string?, Record<string, unknown>?];
  if (!options || typeof options !== 'object') return part;
  const mapped = Object.fromEntries(Object.entries(options).map(([k, v]) => [k, Array.isArray(v) ? (v as Part[]).map(accentPart) : typeof v === 'string' ? accent(v) : v]));
  return [name, format, mapped];
}

/**
 * One message: its text accented, and the whole message (values included, so
 * a caller's name inside it counts as the message's) padded and bracketed.
 */
function pseudoMessage(message: string | Part[]): string | Part[] {
  if (typeof message === 'string') return pseudoText(message);
  const visible = message.filter((p): p is string => typeof p === 'string').join('').replace(/<[^>]*>/g, '');
  if (!/[A-Za-z]/.test(visible) && message.every((p) => typeof p === 'string' || (p as unknown[]).length < 3)) return message;
  return ['⟦', ...message.map(accentPart), `${'·'.repeat(Math.max(2, Math.ceil(visible.length * 0.4)))}⟧`];
}

/** The pseudo-locale's catalogue, made from the compiled English one. */
export function pseudoMessages(english: Messages): Messages {
  return Object.fromEntries(Object.entries(english).map(([id, message]) => [id, pseudoMessage(message as string | Part[])])) as Messages;
}
