import { globalComboTakenBy, parseGlobalCombo, type GlobalShortcutAction } from '../../shared/global-shortcuts';
import type { Translate } from '../i18n/react';
import { reservedWhy, type Combo, type ReservedWhy } from './combo';
import { SHORTCUT_ACTIONS } from './defaults';
import type { Bindings } from './registry';

export type GlobalBindResult =
  | { ok: true }
  | { ok: false; reason: 'needs_modifier' | 'invalid' }
  | { ok: false; reason: 'reserved'; why: ReservedWhy }
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
  const reserved = reservedWhy(combo);
  if (reserved) return { ok: false, reason: 'reserved', why: reserved };
  const taken = globalComboTakenBy(global, action, combo);
  if (taken) return { ok: false, reason: 'taken', by: taken };
  const windowAction = SHORTCUT_ACTIONS.find((a) => a !== action && inWindow[a] === combo);
  return windowAction ? { ok: false, reason: 'in_window', by: windowAction } : { ok: true };
}

/** The sentence for a refused combination. */
export function explainGlobalBinding(result: GlobalBindResult, t: Translate): string {
  if (result.ok) return '';
  switch (result.reason) {
    case 'needs_modifier':
      return t('globalShortcuts.needsModifier');
    case 'invalid':
      return t('globalShortcuts.invalid');
    case 'reserved':
      return t('globalShortcuts.reserved', { why: t(`reserved.${result.why}`) });
    case 'taken':
      return t('globalShortcuts.taken', { action: t(`globalShortcut.${result.by}`) });
    case 'in_window':
      return t('globalShortcuts.inWindow', { action: t(`shortcut.${result.by}`) });
  }
}
