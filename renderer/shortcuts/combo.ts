/**
 * Key combinations as strings: modifiers in a fixed order, then the key, e.g.
 * "Ctrl+Shift+A", "Ctrl+Shift+ArrowDown", "Ctrl+Shift+1", "?". Letters and
 * digits come from `event.code`, so Shift or a keyboard layout never changes
 * what "Ctrl+Shift+A" means; a bare punctuation key uses the character typed.
 */
export type Combo = string;

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

const keyName = (e: KeyLike): string | null => {
  if (/^Key[A-Z]$/.test(e.code)) return e.code.slice(3);
  if (/^Digit\d$/.test(e.code)) return e.code.slice(5);
  if (/^Numpad\d$/.test(e.code)) return e.code.slice(6);
  if (e.key.length === 1) return e.key.toUpperCase();
  return e.key || null;
};

/** The combo an event stands for, or null for a lone modifier press. */
export function comboFromEvent(e: KeyLike): Combo | null {
  if (MODIFIER_KEYS.has(e.key)) return null;
  const hasCommand = e.ctrlKey || e.altKey || e.metaKey;
  // A printable symbol typed without Ctrl/Alt/Meta is that symbol ("?"): Shift is implied by the layout.
  if (!hasCommand && e.key.length === 1 && !/[A-Za-z0-9 ]/.test(e.key)) return e.key;
  const key = keyName(e);
  if (!key) return null;
  const parts = [e.ctrlKey && 'Ctrl', e.altKey && 'Alt', e.shiftKey && 'Shift', e.metaKey && 'Meta', key].filter(Boolean);
  return parts.join('+');
}

/** True for combos with no Ctrl/Alt/Meta: those must not fire while the agent types in a field. */
export const isPlainKey = (combo: Combo): boolean => !/(^|\+)(Ctrl|Alt|Meta)\+/.test(combo);

/**
 * Combos the browser or OS keeps for itself (a page cannot reliably intercept
 * them) or that break the app when they leak through (reload, devtools).
 */
export const RESERVED_COMBOS = {
  'Ctrl+Shift+R': 'hardReload',
  'Ctrl+R': 'reload',
  'Ctrl+Shift+T': 'reopenTab',
  'Ctrl+T': 'newTab',
  'Ctrl+N': 'newWindow',
  'Ctrl+Shift+N': 'incognito',
  'Ctrl+W': 'closeTab',
  'Ctrl+Shift+W': 'closeWindow',
  'Ctrl+Q': 'quit',
  'Ctrl+Shift+Q': 'quit',
  'Ctrl+Shift+I': 'devTools',
  'Ctrl+Shift+J': 'console',
  'Ctrl+Shift+U': 'unicode',
  'Ctrl+Tab': 'switchTabs',
  'Ctrl+Shift+Tab': 'switchTabs',
  'Ctrl+L': 'addressBar',
  'Ctrl+F': 'find',
} as const satisfies Record<Combo, string>;
/** What the browser does with a reserved combination; the catalogue words it (`reserved.<why>`). */
export type ReservedWhy = (typeof RESERVED_COMBOS)[keyof typeof RESERVED_COMBOS];
export const reservedWhy = (combo: Combo): ReservedWhy | undefined => (RESERVED_COMBOS as Record<Combo, ReservedWhy>)[combo];
