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

export interface ShortcutDefinition {
  label: string;
  defaultCombo: Combo;
  /** Why the default differs from Twilio Flex's, when it does. */
  note?: string;
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
  accept: { label: 'Accept the selected (else the most urgent) offer', defaultCombo: 'Ctrl+Shift+A' },
  reject: { label: 'Reject the selected (else the most urgent) offer', defaultCombo: 'Ctrl+Shift+X', note: 'Flex uses Ctrl+Shift+R, which reloads the page in a browser and in Electron.' },
  nextOffer: { label: 'Select the next reservation', defaultCombo: 'Ctrl+Shift+ArrowDown', note: 'Flex uses Ctrl+Shift+T, which reopens a closed tab and cannot be intercepted.' },
  previousOffer: { label: 'Select the previous reservation', defaultCombo: 'Ctrl+Shift+ArrowUp', note: 'Flex uses Ctrl+Shift+Y; moved to pair with next.' },
  activityMenu: { label: 'Open the activity menu', defaultCombo: 'Ctrl+Shift+S' },
  wrapOrComplete: { label: 'Wrap up, then complete, the selected task', defaultCombo: 'Ctrl+Shift+E', note: 'Flex has no wrap-up key; E for "end".' },
  mute: { label: 'Mute or unmute the call', defaultCombo: 'Ctrl+Shift+M' },
  hold: { label: 'Hold or resume the call', defaultCombo: 'Ctrl+Shift+H' },
  hangUp: { label: 'Hang up (hold the keys for 1 second)', defaultCombo: 'Ctrl+Shift+1', holdMs: 1_000 },
  keypad: { label: 'Show the keypad', defaultCombo: 'Ctrl+Shift+K', note: 'Flex has no keypad key.' },
  cheatSheet: { label: 'Show this list of shortcuts', defaultCombo: '?' },
};
