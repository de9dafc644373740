import { useCallback, useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * One shared timer for every countdown and clock on screen. It only wakes
 * subscribers; each derives its value from `Date.now()` and a timestamp, so a
 * late or skipped tick never makes a clock wrong, just briefly stale.
 */
const TICK_MS = 250;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => listeners.forEach((l) => l()), TICK_MS);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** Whole seconds left until `expiresAt`, rounded up (never negative). */
export const secondsLeft = (expiresAt: number, now: number): number => Math.max(0, Math.ceil((expiresAt - now) / 1_000));

/** Whole seconds since `since` (never negative), rounded down to `stepSeconds`. */
export const secondsSince = (since: number, now: number, stepSeconds = 1): number => {
  const elapsed = Math.max(0, Math.floor((now - since) / 1_000));
  return elapsed - (elapsed % stepSeconds);
};

/**
 * Keeps an element's text equal to `format(value())` on the shared ticker,
 * without a React render: `value` is read on every tick (cheap: a number), and
 * the text is formatted and written only when that number changes. A clock on
 * each of 50 cards then costs no React work at all. A render (new props, another
 * language) writes the text again at once. The element's text belongs to this
 * hook: render it with no children.
 */
export function useTickedText<E extends HTMLElement>(value: () => number, format: (value: number) => string): RefObject<E | null> {
  const ref = useRef<E>(null);
  const latest = useRef({ value, format });
  const shown = useRef<number | null>(null);
  const write = useCallback((force: boolean) => {
    const next = latest.current.value();
    if (!force && next === shown.current) return;
    shown.current = next;
    if (ref.current) ref.current.textContent = latest.current.format(next);
  }, []);
  useLayoutEffect(() => {
    latest.current = { value, format };
    write(true);
  });
  useLayoutEffect(() => subscribe(() => write(false)), [write]);
  return ref;
}
