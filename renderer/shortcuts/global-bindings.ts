import { globalComboTakenBy, parseGlobalCombo, type GlobalShortcutAction } from '../../shared/global-shortcuts';
import { RESERVED_COMBOS, type Combo } from './combo';
import { SHORTCUT_ACTIONS, SHORTCUTS } from './defaults';
import type { Bindings } from './registry';

export type GlobalBindResult =
  | { ok: true }
  | { ok: false; reason: 'needs_modifier' | 'invalid' }
  | { ok: false; reason: 'reserved'; why: string }
  | { ok: false; reason: 'taken'; by: GlobalShortcutAction }
  | { ok: false; reason: 'in_window'; by: (typeof SHORTCUT_ACTIONS)[number] };

/**
 * Whether `combo` may become `action`'s global shortcut. Besides the global
 * rules (Ctrl, Alt or Meta; not another global action's keys), it may not be a
 * key the browser keeps, nor the in-window key of a *different* action: a
 * global shortcut takes its keys before the window sees them, so that window
 * key would stop working. The same action's own in-window key is fine.
 */
export function checkGlobalBinding(global: Readonly<Record<GlobalShortcutAction, string>>, inWindow: Bindings, action: GlobalShortcutAction, combo: Combo): GlobalBindResult {
  const parsed = parseGlobalCombo(combo);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const reserved = RESERVED_COMBOS[combo];
  if (reserved) return { ok: false, reason: 'reserved', why: reserved };
  const taken = globalComboTakenBy(global, action, combo);
  if (taken) return { ok: false, reason: 'taken', by: taken };
  const windowAction = SHORTCUT_ACTIONS.find((a) => a !== action && inWindow[a] === combo);
  return windowAction ? { ok: false, reason: 'in_window', by: windowAction } : { ok: true };
}

/** The sentence for a refused combination. */
export function explainGlobalBinding(result: GlobalBindResult): string {
  if (result.ok) return '';
  switch (result.reason) {
    case 'needs_modifier':
      return 'A global shortcut needs Ctrl, Alt or Meta: a plain key would stop typing in every other application.';
    case 'invalid':
      return 'Press a key combination with a letter, a digit, F1–F24, an arrow or Home/End/Page Up/Page Down, for example Ctrl+Alt+Shift+A.';
    case 'reserved':
      return `Not available: in a browser it ${result.why}.`;
    case 'taken':
      return `Already the global shortcut for "${GLOBAL_SHORTCUT_LABELS[result.by]}". Change that one first.`;
    case 'in_window':
      return `This is the in-window key for "${SHORTCUTS[result.by].label}"; as a global shortcut it would stop that key from working.`;
  }
}

/** What each global shortcut does, in words (hang up: pressed twice, not held). */
export const GLOBAL_SHORTCUT_LABELS: Record<GlobalShortcutAction, string> = {
  accept: 'Accept the selected (else the most urgent) offer',
  reject: 'Reject the selected (else the most urgent) offer',
  mute: 'Mute or unmute the call',
  hold: 'Hold or resume the call',
  hangUp: 'Hang up (press twice)',
  activityMenu: 'Open the activity menu (brings the window forward)',
};
