import { z } from 'zod';
import { issue } from './issues';

/**
 * Global (system-wide) shortcuts of the desktop app: keys that work while
 * another application has focus. Each runs the same action as the in-window
 * shortcut of the same name (renderer/shortcuts/defaults.ts); the renderer and
 * the Electron main process both read this file, so the names, the default
 * keys and the combo grammar are declared once.
 */

/** The in-window actions that can also have a global shortcut. */
export const GLOBAL_SHORTCUT_ACTIONS = ['accept', 'reject', 'mute', 'hold', 'hangUp', 'activityMenu'] as const;
export const globalShortcutAction = z.enum(GLOBAL_SHORTCUT_ACTIONS);
export type GlobalShortcutAction = z.infer<typeof globalShortcutAction>;

/**
 * Defaults: the in-window key plus Alt (Ctrl+Alt+Shift+letter). Other applications
 * rarely use three modifiers, and unlike Ctrl+Alt+letter these are not AltGr
 * characters on European layouts (Ctrl+Alt+A types "ą" on a Polish keyboard).
 */
export const DEFAULT_GLOBAL_SHORTCUTS: Readonly<Record<GlobalShortcutAction, string>> = {
  accept: 'Ctrl+Alt+Shift+A',
  reject: 'Ctrl+Alt+Shift+X',
  mute: 'Ctrl+Alt+Shift+M',
  hold: 'Ctrl+Alt+Shift+H',
  hangUp: 'Ctrl+Alt+Shift+1',
  activityMenu: 'Ctrl+Alt+Shift+S',
};

/**
 * Hold-to-confirm needs a key-up, and a global shortcut reports only the press.
 * Destructive actions therefore ask for a second press of the same keys within
 * this window: the first press only arms them (and says so).
 */
export const PRESS_TWICE_WINDOW_MS = 2_000;
export const PRESS_TWICE_ACTIONS: readonly GlobalShortcutAction[] = ['hangUp'];

const MODIFIERS = ['Ctrl', 'Alt', 'Shift', 'Meta'] as const;
export type ComboModifier = (typeof MODIFIERS)[number];

/** Keys a global shortcut may use, named as renderer/shortcuts/combo.ts names them. */
const KEY = /^(?:[A-Z0-9]|F(?:[1-9]|1\d|2[0-4])|Arrow(?:Up|Down|Left|Right)|Home|End|PageUp|PageDown|Insert|Delete)$/;

export type ParsedGlobalCombo = { ok: true; modifiers: ComboModifier[]; key: string } | { ok: false; reason: 'needs_modifier' | 'invalid' };

/**
 * Reads a combo ("Ctrl+Alt+Shift+A": modifiers in the order Ctrl, Alt, Shift,
 * Meta, then one key). A global one needs Ctrl, Alt or Meta: a plain key or
 * Shift+key registered system-wide would stop that key from typing in every
 * other application.
 */
export function parseGlobalCombo(combo: string): ParsedGlobalCombo {
  const parts = combo.split('+');
  const key = parts.pop() ?? '';
  if (!KEY.test(key)) return { ok: false, reason: 'invalid' };
  let last = -1;
  for (const part of parts) {
    const index = MODIFIERS.indexOf(part as ComboModifier);
    // Unknown, repeated or out-of-order modifiers are not a combo the editor produces.
    if (index <= last) return { ok: false, reason: 'invalid' };
    last = index;
  }
  const modifiers = parts as ComboModifier[];
  if (!modifiers.some((m) => m !== 'Shift')) return { ok: false, reason: 'needs_modifier' };
  return { ok: true, modifiers, key };
}

export const globalCombo = z
  .string()
  .max(40)
  .superRefine((combo, ctx) => {
    const parsed = parseGlobalCombo(combo);
    if (parsed.ok) return;
    ctx.addIssue({
      code: 'custom',
      message: issue(parsed.reason === 'needs_modifier' ? 'global_needs_modifier' : 'global_not_combo'),
    });
  });

/**
 * Per action: `registered` (the OS delivers it to us), `in_use` (the OS refused
 * it: another application holds these keys), `invalid` (the OS cannot register
 * this combination), `off` (global shortcuts are switched off).
 */
export const globalShortcutStatus = z.enum(['registered', 'in_use', 'invalid', 'off']);
export type GlobalShortcutStatus = z.infer<typeof globalShortcutStatus>;

export const globalShortcutsState = z.strictObject({
  enabled: z.boolean(),
  bindings: z.record(globalShortcutAction, globalCombo),
  status: z.record(globalShortcutAction, globalShortcutStatus),
  /** The second press of a press-twice action must come within this many ms. */
  pressTwiceWindowMs: z.number().int().positive(),
});
export type GlobalShortcutsState = z.infer<typeof globalShortcutsState>;

/** A change: switch on or off, rebind some actions, or go back to the defaults. */
export const globalShortcutsInput = z
  .strictObject({
    enabled: z.boolean().optional(),
    bindings: z.partialRecord(globalShortcutAction, globalCombo).optional(),
    resetBindings: z.literal(true).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.resetBindings && input.bindings) ctx.addIssue({ code: 'custom', path: ['bindings'], message: issue('reset_or_change') });
  });
export type GlobalShortcutsInput = z.infer<typeof globalShortcutsInput>;

/** The first action other than `action` bound to `combo`, if any. */
export function globalComboTakenBy(bindings: Readonly<Record<GlobalShortcutAction, string>>, action: GlobalShortcutAction, combo: string): GlobalShortcutAction | null {
  return GLOBAL_SHORTCUT_ACTIONS.find((other) => other !== action && bindings[other] === combo) ?? null;
}
