import { useEffect, useState } from 'react';
import { GLOBAL_SHORTCUT_ACTIONS, PRESS_TWICE_WINDOW_MS, type GlobalShortcutsState } from '../../shared/global-shortcuts';
import { useServices } from '../app/context';
import { GLOBAL_SHORTCUT_LABELS } from './global-bindings';

/** The cheat sheet's part for global shortcuts: their keys when on, how to turn them on when off, nothing in a browser. */
export function GlobalCheatSheet() {
  const { link } = useServices();
  const api = link?.inElectron ? link.api : null;
  const [state, setState] = useState<GlobalShortcutsState | null>(null);
  useEffect(() => {
    if (!api) return;
    let live = true;
    void api.getGlobalShortcuts({}).then((result) => live && result.ok && setState(result.value));
    return () => {
      live = false;
    };
  }, [api]);
  if (!state) return null;
  if (!state.enabled) return <p className="hint">Global shortcuts (keys that work from any application) are off; turn them on in Settings.</p>;
  const seconds = Math.round((state.pressTwiceWindowMs || PRESS_TWICE_WINDOW_MS) / 1000);
  return (
    <table className="cheat-sheet">
      <caption>Global shortcuts (from any application)</caption>
      <thead>
        <tr>
          <th scope="col">Keys</th>
          <th scope="col">Action</th>
        </tr>
      </thead>
      <tbody>
        {GLOBAL_SHORTCUT_ACTIONS.map((action) => (
          <tr key={action}>
            <td>
              <kbd>{state.bindings[action]}</kbd>
            </td>
            <td>
              {GLOBAL_SHORTCUT_LABELS[action]}
              {action === 'hangUp' && (
                <small className="note">
                  {' '}
                  Press the keys twice within {seconds} s: a key pressed in another application cannot be held, so the first press only asks.
                </small>
              )}
              {state.status[action] === 'in_use' && <small className="note"> Another application holds these keys; change them in Settings.</small>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
