const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/** The DTMF keypad: buttons, and the digit keys themselves while it has focus. */
export function Keypad({ onDigit }: { onDigit: (digit: string) => void }) {
  return (
    <div
      className="keypad"
      role="group"
      aria-label="Keypad"
      onKeyDown={(e) => {
        if (!e.ctrlKey && !e.metaKey && !e.altKey && /^[0-9*#]$/.test(e.key)) {
          e.preventDefault();
          onDigit(e.key);
        }
      }}
    >
      {KEYS.map((key) => (
        <button key={key} type="button" onClick={() => onDigit(key)} aria-label={`Digit ${key}`}>
          {key}
        </button>
      ))}
    </div>
  );
}
