import { useEffect, useState } from 'react';
import { GLOBAL_SHORTCUT_ACTIONS, type GlobalShortcutAction, type GlobalShortcutStatus, type GlobalShortcutsInput, type GlobalShortcutsState } from '../../shared/global-shortcuts';
import { useServices } from '../app/context';
import { checkGlobalBinding, explainGlobalBinding } from '../shortcuts/global-bindings';
import { errorText } from '../app/error-text';
import type { AppError } from '../../shared/result';
import { useT } from '../i18n/react';
import { useShortcutBindings } from '../shortcuts/useShortcutBindings';
import { ComboField } from './ComboField';

/** The OS refused a key (the catalogue's `globalShortcuts.status.<status>` says what to do). */
const STATUS_PROBLEMS: readonly GlobalShortcutStatus[] = ['in_use', 'invalid'];

/** A problem shown under a key: refused by our own checks (already words), or an error from the desktop app (its code). */
type Problem = string | AppError;

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
  const t = useT();
  // Null while the desktop app answers; `true` means "needs the desktop app" (a browser tab).
  const [unavailable, setUnavailable] = useState<AppError | true | null>(api ? null : true);
  const [problems, setProblems] = useState<Partial<Record<GlobalShortcutAction | 'form', Problem>>>({});
  const say = (problem: Problem) => (typeof problem === 'string' ? problem : errorText(problem, t));

  useEffect(() => {
    if (!api) return;
    let live = true;
    void api.getGlobalShortcuts({}).then((result) => {
      if (!live) return;
      if (result.ok) setState(result.value);
      else setUnavailable(result.error);
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
        <legend>{t('globalShortcuts.title')}</legend>
        <p className="hint">{unavailable && unavailable !== true ? errorText(unavailable, t) : t('globalShortcuts.needDesktop')}</p>
      </fieldset>
    );
  }

  const save = async (input: GlobalShortcutsInput, target: GlobalShortcutAction | 'form') => {
    const result = await api.saveGlobalShortcuts(input);
    if (result.ok) setState(result.value);
    setProblems((p) => ({ ...p, [target]: result.ok ? '' : result.error }));
  };

  const bind = (action: GlobalShortcutAction, combo: string) => {
    if (!state || combo === state.bindings[action]) return;
    const checked = checkGlobalBinding(state.bindings, inWindow, action, combo);
    if (!checked.ok) return setProblems((p) => ({ ...p, [action]: explainGlobalBinding(checked, t) }));
    void save({ bindings: { [action]: combo } }, action);
  };

  return (
    <fieldset className="global-shortcuts">
      <legend>{t('globalShortcuts.title')}</legend>
      {state && (
        <>
          <label className="inline">
            <input type="checkbox" checked={state.enabled} onChange={(e) => void save({ enabled: e.target.checked }, 'form')} />
            {t('globalShortcuts.enable')}
          </label>
          <p className="hint">{t('globalShortcuts.hint', { seconds: Math.round(state.pressTwiceWindowMs / 1000) })}</p>
          {GLOBAL_SHORTCUT_ACTIONS.map((action) => {
            const id = `global-shortcut-${action}`;
            const status = state.status[action];
            const problem = problems[action] ? say(problems[action]) : state.enabled && STATUS_PROBLEMS.includes(status) ? t(`globalShortcuts.status.${status as 'in_use' | 'invalid'}`) : undefined;
            return (
              <div className="field shortcut" key={action}>
                <label htmlFor={id}>{t(`globalShortcut.${action}`)}</label>
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
              {say(problems.form)}
            </p>
          )}
          <button type="button" onClick={() => (setProblems({}), void save({ resetBindings: true }, 'form'))}>
            {t('globalShortcuts.restore')}
          </button>
        </>
      )}
    </fieldset>
  );
}
