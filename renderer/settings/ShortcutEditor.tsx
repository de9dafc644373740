import { useState } from 'react';
import { useServices } from '../app/context';
import { SHORTCUT_ACTIONS, SHORTCUTS, type ShortcutAction } from '../shortcuts/defaults';
import type { BindResult } from '../shortcuts/registry';
import { useShortcutBindings } from '../shortcuts/useShortcutBindings';
import { ComboField } from './ComboField';

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
            <ComboField
              id={id}
              value={bindings[action]}
              errorId={problems[action] ? `${id}-error` : undefined}
              onCombo={(combo) => setProblems((p) => ({ ...p, [action]: explain(shortcuts.bind(action, combo)) }))}
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
