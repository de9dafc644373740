import { comboFromEvent, type Combo } from '../shortcuts/combo';

export interface ComboFieldProps {
  id: string;
  value: Combo;
  /** The combination the agent pressed; the caller accepts or refuses it. */
  onCombo(combo: Combo): void;
  /** Recording starts (focus) and stops (blur): global shortcuts pause meanwhile, so pressing one records it. */
  onRecording?(recording: boolean): void;
  errorId?: string;
}

/**
 * A key field of the shortcut editors: focus it and press the new keys. Tab and
 * Escape leave it. Marked `data-shortcut-capture` so the keys it records never
 * run the actions they are bound to.
 */
export function ComboField({ id, value, onCombo, onRecording, errorId }: ComboFieldProps) {
  return (
    <input
      id={id}
      readOnly
      data-shortcut-capture
      value={value}
      aria-describedby={errorId}
      aria-invalid={errorId ? true : undefined}
      onFocus={() => onRecording?.(true)}
      onBlur={() => onRecording?.(false)}
      onKeyDown={(e) => {
        if (e.key === 'Tab' || e.key === 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        const combo = comboFromEvent(e);
        if (combo) onCombo(combo);
      }}
    />
  );
}
