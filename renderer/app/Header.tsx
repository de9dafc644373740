import { ActivityMenu } from '../activity/ActivityMenu';
import { ConnectionBar } from '../status/ConnectionBar';
import { useSelect, useServices } from './context';

/** Always on screen: who the agent is, their activity with its time, the connection, and the two sheets. */
export function Header() {
  const { store } = useServices();
  const workerName = useSelect((s) => s.worker?.friendlyName ?? null);
  const dialog = useSelect((s) => s.openDialog);
  const toggle = (name: 'settings' | 'cheatSheet') => store.getState().setDialog(store.getState().openDialog === name ? null : name);
  return (
    <header className="topbar">
      <h1 className="app-title">
        <span className="app-name">Agent Desktop</span>
        {workerName && (
          <span className="worker-name">
            <span className="title-sep" aria-hidden="true">
              {' · '}
            </span>
            {workerName}
          </span>
        )}
      </h1>
      <ActivityMenu />
      <ConnectionBar />
      <div className="topbar-actions">
        <button type="button" onClick={() => toggle('cheatSheet')} aria-keyshortcuts="?" aria-expanded={dialog === 'cheatSheet'}>
          Shortcuts
        </button>
        <button type="button" onClick={() => toggle('settings')} aria-expanded={dialog === 'settings'}>
          Settings
        </button>
      </div>
    </header>
  );
}
