import { useT } from '../i18n/react';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** The DTMF keypad: buttons, and the digit keys themselves while it has focus. */
export function Keypad({ onDigit }: { onDigit: (digit: string) => void }) {
  const t = useT();
  return (
    <div
      className="keypad"
      role="group"
      aria-label={t('voice.keypad')}
      onKeyDown={(e) => {
        if (!e.ctrlKey && !e.metaKey && !e.altKey && /^[0-9*#]$/.test(e.key)) {
          e.preventDefault();
          onDigit(e.key);
        }
      }}
    >
      {KEYS.map((key) => (
        <button key={key} type="button" onClick={() => onDigit(key)} aria-label={t('voice.digit', { digit: key })}>
          {key}
        </button>
      ))}
    </div>
  );
}
