import type { GlobalShortcutAction } from '../../shared/global-shortcuts';

export type PressOutcome = 'armed' | 'confirmed';

/**
 * Hold-to-confirm for keys pressed in another application. A global shortcut
 * reports the press only (the OS gives no key-up), so "held for 1 s" cannot be
 * measured; instead the first press arms the action and a second press of the
 * same keys within `windowMs` confirms it. A press after the window, or of
 * another action, arms afresh.
 */
export function createPressTwiceGate(windowMs: number, now: () => number) {
  let armed: { action: GlobalShortcutAction; at: number } | null = null;
  return {
    press(action: GlobalShortcutAction): PressOutcome {
      const at = now();
      if (armed && armed.action === action && at - armed.at <= windowMs) {
        armed = null;
        return 'confirmed';
      }
      armed = { action, at };
      return 'armed';
    },
    /** Forget an armed press (the shortcuts were switched off or rebound). */
    reset() {
      armed = null;
    },
  };
}
