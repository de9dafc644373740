import { lazy, Suspense } from 'react';
import { ActivitySelector } from '../activity/ActivitySelector';
import { Inbox } from '../inbox/Inbox';
import { MissedBanner } from '../inbox/MissedBanner';
import { SettingsDialog } from '../settings/SettingsDialog';
import { CheatSheet } from '../shortcuts/CheatSheet';
import { ConnectionBar } from '../status/ConnectionBar';
import { Announcer } from './Announcer';
import { useSelect, useServices } from './context';
import { ErrorText } from './ErrorText';
import { useVoiceLoad } from '../voice/load-trigger';

// The call region pulls in the Voice SDK: it loads after the first paint and an idle
// moment, or on the first voice offer (useVoiceLoad), never as part of the first screen.
const VoicePanel = lazy(() => import('../voice/VoicePanel'));
const callControlsLoading = <p className="empty">Loading call controls…</p>;

export function App() {
  const { store } = useServices();
  const dialog = useSelect((s) => s.openDialog);
  const workerName = useSelect((s) => s.worker?.friendlyName ?? null);
  const voiceWanted = useVoiceLoad();
  const close = () => store.getState().setDialog(null);
  return (
    <div className="app">
      <a className="skip-link" href="#reservations-main">
        Skip to reservations
      </a>
      <header className="topbar">
        <h1>
          Agent Desktop{workerName ? <span className="worker-name"> · {workerName}</span> : null}
        </h1>
        <ActivitySelector />
        <div className="topbar-actions">
          <button type="button" onClick={() => store.getState().setDialog('cheatSheet')} aria-keyshortcuts="?">
            Shortcuts
          </button>
          <button type="button" onClick={() => store.getState().setDialog('settings')}>
            Settings
          </button>
        </div>
      </header>
      <ConnectionBar />
      <main id="reservations-main" className="main">
        <ErrorText target="snapshot" />
        <MissedBanner />
        <Inbox />
        <section aria-label="Call" className="call-region">
          <h2 className="region-title">Call</h2>
          {voiceWanted ? (
            <Suspense fallback={callControlsLoading}>
              <VoicePanel />
            </Suspense>
          ) : (
            callControlsLoading
          )}
        </section>
      </main>
      <Announcer />
      {dialog === 'settings' && <SettingsDialog onClose={close} />}
      {dialog === 'cheatSheet' && <CheatSheet onClose={close} />}
    </div>
  );
}
