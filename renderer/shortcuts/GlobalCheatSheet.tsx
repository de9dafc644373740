import { useEffect, useState } from 'react';
import { GLOBAL_SHORTCUT_ACTIONS, PRESS_TWICE_WINDOW_MS, type GlobalShortcutsState } from '../../shared/global-shortcuts';
import { useServices } from '../app/context';
import { useT } from '../i18n/react';

/** The cheat sheet's part for global shortcuts: their keys when on, how to turn them on when off, nothing in a browser. */
export function GlobalCheatSheet() {
  const { link } = useServices();
  const api = link?.inElectron ? link.api : null;
  const [state, setState] = useState<GlobalShortcutsState | null>(null);
  const t = useT();
  useEffect(() => {
    if (!api) return;
    let live = true;
    void api.getGlobalShortcuts({}).then((result) => live && result.ok && setState(result.value));
    return () => {
      live = false;
    };
  }, [api]);
  if (!state) return null;
  if (!state.enabled) return <p className="hint">{t('globalShortcuts.off')}</p>;
  const seconds = Math.round((state.pressTwiceWindowMs || PRESS_TWICE_WINDOW_MS) / 1000);
  return (
    <table className="cheat-sheet">
      <caption>{t('globalShortcuts.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('shortcuts.keys')}</th>
          <th scope="col">{t('shortcuts.action')}</th>
        </tr>
      </thead>
      <tbody>
        {GLOBAL_SHORTCUT_ACTIONS.map((action) => (
          <tr key={action}>
            <td>
              <kbd>{state.bindings[action]}</kbd>
            </td>
            <td>
              {t(`globalShortcut.${action}`)}
              {action === 'hangUp' && (
                <small className="note">
                  {' '}
                  {t('globalShortcuts.hangUpNote', { seconds })}
                </small>
              )}
              {state.status[action] === 'in_use' && <small className="note"> {t('globalShortcuts.inUseNote')}</small>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
