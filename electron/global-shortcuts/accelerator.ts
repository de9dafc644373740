import { parseGlobalCombo } from '../../shared/global-shortcuts';

/** The renderer names arrow keys as the DOM does; Electron's accelerators use the short names. */
const KEY_NAMES: Record<string, string> = { ArrowUp: 'Up', ArrowDown: 'Down', ArrowLeft: 'Left', ArrowRight: 'Right' };

/**
 * A combo as the renderer's editor records it ("Ctrl+Alt+Shift+ArrowUp") as an
 * Electron accelerator ("Ctrl+Alt+Shift+Up"), or null when it is not one a
 * global shortcut may use. `Meta` is Electron's `Super`: the Windows key on
 * Windows and Linux, Cmd on macOS; `Ctrl` is Control on every platform.
 */
export function comboToAccelerator(combo: string): string | null {
  const parsed = parseGlobalCombo(combo);
  if (!parsed.ok) return null;
  const modifiers = parsed.modifiers.map((m) => (m === 'Meta' ? 'Super' : m));
  return [...modifiers, KEY_NAMES[parsed.key] ?? parsed.key].join('+');
}
