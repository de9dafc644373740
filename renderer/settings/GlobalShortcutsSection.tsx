import { useEffect, useState } from 'react';
import { GLOBAL_SHORTCUT_ACTIONS, type GlobalShortcutAction, type GlobalShortcutStatus, type GlobalShortcutsInput, type GlobalShortcutsState } from '../../shared/global-shortcuts';
import { useServices } from '../app/context';
import { checkGlobalBinding, explainGlobalBinding, GLOBAL_SHORTCUT_LABELS } from '../shortcuts/global-bindings';
import { useShortcutBindings } from '../shortcuts/useShortcutBindings';
import { ComboField } from './ComboField';

export const GLOBAL_SHORTCUTS_NEED_DESKTOP =
  'Global shortcuts work while another application has focus, which needs the desktop app. In this browser tab the keys above work while the tab has focus.';

const STATUS_TEXT: Partial<Record<GlobalShortcutStatus, string>> = {
  in_use: 'Another application already uses these keys, so they do not reach Agent Desktop. Choose others, or close that application and switch global shortcuts off and on.',
  invalid: 'This computer cannot use these keys as a global shortcut. Choose others.',
};

/**
 * Settings → global shortcuts (desktop app only): a switch, off by default, and
 * the keys, edited like the in-window ones. Each key says whether the OS gave
 * it to us. While a key field records, global shortcuts pause, so pressing the
 * current combination records it instead of running it.
 */
export function GlobalShortcutsSection() {
  const { link, shortcuts } = useServices();
  const api = link?.inElectron ? link.api : null;
  const inWindow = useShortcutBindings(shortcuts);
  const [state, setState] = useState<GlobalShortcutsState | null>(null);
  const [unavailable, setUnavailable] = useState<string | null>(api ? null : GLOBAL_SHORTCUTS_NEED_DESKTOP);
  const [problems, setProblems] = useState<Partial<Record<GlobalShortcutAction | 'form', string>>>({});

  useEffect(() => {
    if (!api) return;
    let live = true;
    void api.getGlobalShortcuts({}).then((result) => {
      if (!live) return;
      if (result.ok) setState(result.value);
      else setUnavailable(result.error.message);
    });
    const off = api.onGlobalShortcutsChanged((next) => setState(next));
    return () => {
      live = false;
      off();
    };
  }, [api]);

  if (unavailable || !api) {
    return (
      <fieldset className="global-shortcuts">
        <legend>Global shortcuts</legend>
        <p className="hint">{unavailable ?? GLOBAL_SHORTCUTS_NEED_DESKTOP}</p>
      </fieldset>
    );
  }

  const save = async (input: GlobalShortcutsInput, target: GlobalShortcutAction | 'form') => {
    const result = await api.saveGlobalShortcuts(input);
    if (result.ok) setState(result.value);
    setProblems((p) => ({ ...p, [target]: result.ok ? '' : result.error.message }));
  };

  const bind = (action: GlobalShortcutAction, combo: string) => {
    if (!state || combo === state.bindings[action]) return;
    const checked = checkGlobalBinding(state.bindings, inWindow, action, combo);
    if (!checked.ok) return setProblems((p) => ({ ...p, [action]: explainGlobalBinding(checked) }));
    void save({ bindings: { [action]: combo } }, action);
  };

  return (
    <fieldset className="global-shortcuts">
      <legend>Global shortcuts</legend>
      {state && (
        <>
          <label className="inline">
            <input type="checkbox" checked={state.enabled} onChange={(e) => void save({ enabled: e.target.checked }, 'form')} />
            Use these keys while other applications have focus
          </label>
          <p className="hint">
            Off by default. While on, these keys belong to Agent Desktop in every application. A key pressed in another application cannot be held, so hang up asks
            for a second press within {Math.round(state.pressTwiceWindowMs / 1000)} s.
          </p>
          {GLOBAL_SHORTCUT_ACTIONS.map((action) => {
            const id = `global-shortcut-${action}`;
            const problem = problems[action] || (state.enabled ? STATUS_TEXT[state.status[action]] : undefined);
            return (
              <div className="field shortcut" key={action}>
                <label htmlFor={id}>{GLOBAL_SHORTCUT_LABELS[action]}</label>
                <ComboField
                  id={id}
                  value={state.bindings[action]}
                  onCombo={(combo) => bind(action, combo)}
                  onRecording={(recording) => void api.suspendGlobalShortcuts({ suspended: recording })}
                  errorId={problem ? `${id}-error` : undefined}
                />
                {problem && (
                  <p className="field-error" id={`${id}-error`} role="alert">
                    {problem}
                  </p>
                )}
              </div>
            );
          })}
          {problems.form && (
            <p className="field-error" role="alert">
              {problems.form}
            </p>
          )}
          <button type="button" onClick={() => (setProblems({}), void save({ resetBindings: true }, 'form'))}>
            Restore default global shortcuts
          </button>
        </>
      )}
    </fieldset>
  );
}
