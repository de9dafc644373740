import type { Combo } from './combo';

export const SHORTCUT_ACTIONS = [
  'accept',
  'reject',
  'nextOffer',
  'previousOffer',
  'activityMenu',
  'wrapOrComplete',
  'mute',
  'hold',
  'hangUp',
  'keypad',
  'cheatSheet',
] as const;
export type ShortcutAction = (typeof SHORTCUT_ACTIONS)[number];

/** What each action does is the catalogue's `shortcut.<action>` message; why its default differs from Flex's, `shortcut.<action>.note`. */
export interface ShortcutDefinition {
  defaultCombo: Combo;
  /** The default differs from Twilio Flex's, and `shortcut.<action>.note` says why. */
  note?: true;
  /** Destructive actions fire only after the keys are held this long. */
  holdMs?: number;
}

/**
 * Defaults follow Twilio Flex (Ctrl+Shift+A accept, R reject, T/Y next/previous
 * task, S activity menu, H hold, M mute, 1 end) except where the browser or OS
 * owns the key: Ctrl+Shift+R reloads the page and Ctrl+Shift+T reopens a tab
 * (pages cannot intercept it), so reject and next/previous use alternatives.
 */
export const SHORTCUTS: Record<ShortcutAction, ShortcutDefinition> = {
  accept: { defaultCombo: 'Ctrl+Shift+A' },
  // Flex's Ctrl+Shift+R reloads the page in a browser and in Electron.
  reject: { defaultCombo: 'Ctrl+Shift+X', note: true },
  // Flex's Ctrl+Shift+T reopens a closed tab and cannot be intercepted.
  nextOffer: { defaultCombo: 'Ctrl+Shift+ArrowDown', note: true },
  previousOffer: { defaultCombo: 'Ctrl+Shift+ArrowUp', note: true },
  activityMenu: { defaultCombo: 'Ctrl+Shift+S' },
  wrapOrComplete: { defaultCombo: 'Ctrl+Shift+E', note: true },
  mute: { defaultCombo: 'Ctrl+Shift+M' },
  hold: { defaultCombo: 'Ctrl+Shift+H' },
  hangUp: { defaultCombo: 'Ctrl+Shift+1', holdMs: 1_000 },
  keypad: { defaultCombo: 'Ctrl+Shift+K', note: true },
  cheatSheet: { defaultCombo: '?' },
};
