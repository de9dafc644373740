import { ActivityMenu } from '../activity/ActivityMenu';
import { ConnectionBar } from '../status/ConnectionBar';
import { useSelect, useServices } from './context';
import { useT } from '../i18n/react';

/** Always on screen: who the agent is, their activity with its time, the connection, and the two sheets. */
export function Header() {
  const { store } = useServices();
  const workerName = useSelect((s) => s.worker?.friendlyName ?? null);
  const dialog = useSelect((s) => s.openDialog);
  const t = useT();
  const toggle = (name: 'settings' | 'cheatSheet') => store.getState().setDialog(store.getState().openDialog === name ? null : name);
  return (
    <header className="topbar">
      <h1 className="app-title">
        <span className="app-name" translate="no">
          {t('app.name')}
        </span>
        {workerName && (
          <span className="worker-name" translate="no">
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
          {t('header.shortcuts')}
        </button>
        <button type="button" onClick={() => toggle('settings')} aria-expanded={dialog === 'settings'}>
          {t('header.settings')}
        </button>
      </div>
    </header>
  );
}
