import { i18n } from '@lingui/core';
import { PSEUDO_LOCALE } from './locale-choice';

/**
 * Clocks, durations, times and numbers in the agent's language, with Intl.
 * Formatters are made once per language and kept: a countdown formats every
 * second. Intl.DurationFormat is used where the browser has it; elsewhere the
 * same result is assembled from NumberFormat units.
 */

/** The pseudo-locale marks formatted text too (it is localized text, not data). */
let decorate: ((text: string) => string) | null = null;
export const setFormatDecorator = (fn: ((text: string) => string) | null): void => {
  decorate = fn;
};
const out = (text: string): string => (decorate ? decorate(text) : text);

/** The Intl locale: the pseudo-locale formats as English underneath. */
const intlLocale = (): string => (!i18n.locale || i18n.locale === PSEUDO_LOCALE ? 'en' : i18n.locale);

const cache = new Map<string, unknown>();
function cached<T>(key: string, make: (locale: string) => T): T {
  const locale = intlLocale();
  const full = `${locale}|${key}`;
  let value = cache.get(full) as T | undefined;
  if (value === undefined) {
    value = make(locale);
    cache.set(full, value);
  }
  return value;
}

interface DurationFormatLike {
  format(duration: { hours?: number; minutes?: number; seconds?: number }): string;
}
type DurationFormatCtor = new (locale: string, options: Record<string, string>) => DurationFormatLike;
const DurationFormat = (Intl as unknown as { DurationFormat?: DurationFormatCtor }).DurationFormat;

const parts = (total: number) => {
  const s = Math.max(0, Math.floor(total));
  return { hours: Math.floor(s / 3600), minutes: Math.floor((s % 3600) / 60), seconds: s % 60 };
};

/**
 * Formatted texts kept per language and value. Intl.DurationFormat takes tens of
 * microseconds a call, and 50 countdowns ask every second for texts they asked
 * for a moment ago (each offer counts down through the same 0:00–2:00).
 */
const MEMO_LIMIT = 4_096;
const memo = new Map<string, string>();
function memoized(kind: string, totalSeconds: number, make: (wholeSeconds: number) => string): string {
  const whole = Math.max(0, Math.floor(totalSeconds));
  const key = `${intlLocale()}|${kind}|${whole}`;
  let text = memo.get(key);
  if (text === undefined) {
    text = make(whole);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, text);
  }
  return text;
}

/** "3:12" for a countdown or a clock; "1:02:03" from an hour on. */
export const formatClock = (totalSeconds: number): string => memoized('clock', totalSeconds, clockText);

function clockText(totalSeconds: number): string {
  const { hours, minutes, seconds } = parts(totalSeconds);
  if (DurationFormat) {
    const format = cached('clock', (l) => new DurationFormat(l, { style: 'digital', hoursDisplay: 'auto' }));
    return format.format({ hours, minutes, seconds });
  }
  const two = cached('2digit', (l) => new Intl.NumberFormat(l, { minimumIntegerDigits: 2, useGrouping: false }));
  const one = cached('1digit', (l) => new Intl.NumberFormat(l, { useGrouping: false }));
  return hours > 0 ? `${one.format(hours)}:${two.format(minutes)}:${two.format(seconds)}` : `${one.format(minutes)}:${two.format(seconds)}`;
}

/** "45 s", "3 min", "1 h 5 min" (as the language writes them) for how long something took or has waited. */
export const formatDuration = (totalSeconds: number): string => out(memoized('duration', totalSeconds, durationText));

function durationText(totalSeconds: number): string {
  const { hours, minutes, seconds } = parts(totalSeconds);
  // Minutes are precise enough once past a minute; seconds only below one.
  const shown = totalSeconds < 60 ? { seconds } : hours > 0 ? { hours, minutes } : { minutes };
  // Below a minute the seconds always show, "0 s" included (Intl leaves a zero unit out otherwise).
  if (DurationFormat) {
    const format = totalSeconds < 60 ? cached('duration-s', (l) => new DurationFormat(l, { style: 'short', secondsDisplay: 'always' })) : cached('duration', (l) => new DurationFormat(l, { style: 'short' }));
    return format.format(shown);
  }
  const unit = (name: 'hour' | 'minute' | 'second', value: number) =>
    cached(`unit-${name}`, (l) => new Intl.NumberFormat(l, { style: 'unit', unit: name, unitDisplay: 'short' })).format(value);
  const pieces = Object.entries(shown)
    .filter(([name, value]) => value > 0 || name === 'seconds' || Object.keys(shown).length === 1)
    .map(([name, value]) => unit(name.slice(0, -1) as 'hour' | 'minute' | 'second', value));
  return pieces.join(' ');
}

/** A time of day: "14:05:09", "2:05:09 PM". */
export const formatTime = (ms: number): string =>
  out(cached('time', (l) => new Intl.DateTimeFormat(l, { hour: '2-digit', minute: '2-digit', second: '2-digit' })).format(ms));

/** A date and time, short: for things that may be days old (previous contacts). */
export const formatDateTime = (ms: number): string => out(cached('datetime', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' })).format(ms));

/** A count or a figure, with the language's grouping: "1,024", "1024", "1.024". */
export const formatNumber = (n: number): string => cached('number', (l) => new Intl.NumberFormat(l)).format(n);
