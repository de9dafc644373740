import { useState } from 'react';
import { useServices } from '../app/context';
import { comboFromEvent } from '../shortcuts/combo';
import { SHORTCUT_ACTIONS, SHORTCUTS, type ShortcutAction } from '../shortcuts/defaults';
import type { BindResult } from '../shortcuts/registry';
import { useShortcutBindings } from '../shortcuts/useShortcutBindings';

const explain = (result: BindResult): string => {
  if (result.ok) return '';
  if (result.reason === 'taken') return `Already used for "${SHORTCUTS[result.by].label}". Change that one first.`;
  if (result.reason === 'reserved') return `Not available: the browser ${result.why}.`;
  return 'Press a key combination, for example Ctrl+Shift+A.';
};

/** Remap shortcuts: focus a field and press the new keys; conflicts are refused with the reason. */
export function ShortcutEditor() {
  const { shortcuts } = useServices();
  const bindings = useShortcutBindings(shortcuts);
  const [problems, setProblems] = useState<Partial<Record<ShortcutAction, string>>>({});
  return (
    <fieldset className="shortcut-editor">
      <legend>Keyboard shortcuts</legend>
      <p className="hint">Focus a field and press the new keys. Tab leaves the field.</p>
      {SHORTCUT_ACTIONS.map((action) => {
        const id = `shortcut-${action}`;
        return (
          <div className="field shortcut" key={action}>
            <label htmlFor={id}>{SHORTCUTS[action].label}</label>
            <input
              id={id}
              readOnly
              data-shortcut-capture
              value={bindings[action]}
              aria-describedby={problems[action] ? `${id}-error` : undefined}
              aria-invalid={problems[action] ? true : undefined}
              onKeyDown={(e) => {
                if (e.key === 'Tab' || e.key === 'Escape') return;
                e.preventDefault();
                e.stopPropagation();
                const combo = comboFromEvent(e);
                if (!combo) return;
                const result = shortcuts.bind(action, combo);
                setProblems((p) => ({ ...p, [action]: explain(result) }));
              }}
            />
            {problems[action] && (
              <p className="field-error" id={`${id}-error`} role="alert">
                {problems[action]}
              </p>
            )}
          </div>
        );
      })}
      <button type="button" onClick={() => (shortcuts.resetAll(), setProblems({}))}>
        Restore default shortcuts
      </button>
    </fieldset>
  );
}
