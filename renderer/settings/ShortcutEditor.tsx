import { useState } from 'react';
import { useServices } from '../app/context';
import { SHORTCUT_ACTIONS, type ShortcutAction } from '../shortcuts/defaults';
import type { BindResult } from '../shortcuts/registry';
import { useShortcutBindings } from '../shortcuts/useShortcutBindings';
import { useT, type Translate } from '../i18n/react';
import { ComboField } from './ComboField';

const explain = (result: BindResult, t: Translate): string => {
  if (result.ok) return '';
  if (result.reason === 'taken') return t('shortcuts.taken', { action: t(`shortcut.${result.by}`) });
  if (result.reason === 'reserved') return t('shortcuts.reserved', { why: t(`reserved.${result.why}`) });
  return t('shortcuts.invalid');
};

/** Remap shortcuts: focus a field and press the new keys; conflicts are refused with the reason. */
export function ShortcutEditor() {
  const { shortcuts } = useServices();
  const bindings = useShortcutBindings(shortcuts);
  const t = useT();
  const [problems, setProblems] = useState<Partial<Record<ShortcutAction, string>>>({});
  return (
    <fieldset className="shortcut-editor">
      <legend>{t('shortcuts.title')}</legend>
      <p className="hint">{t('shortcuts.editHint')}</p>
      {SHORTCUT_ACTIONS.map((action) => {
        const id = `shortcut-${action}`;
        return (
          <div className="field shortcut" key={action}>
            <label htmlFor={id}>{t(`shortcut.${action}`)}</label>
            <ComboField
              id={id}
              value={bindings[action]}
              errorId={problems[action] ? `${id}-error` : undefined}
              onCombo={(combo) => setProblems((p) => ({ ...p, [action]: explain(shortcuts.bind(action, combo), t) }))}
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
        {t('shortcuts.restore')}
      </button>
    </fieldset>
  );
}
