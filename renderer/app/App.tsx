import { lazy, Suspense } from 'react';
import { AgentDay } from '../day/AgentDay';
import { TaskDetail } from '../detail/TaskDetail';
import { History } from '../history/History';
import { Inbox } from '../inbox/Inbox';
import { MissedBanner } from '../inbox/MissedBanner';
import { SettingsDialog } from '../settings/SettingsDialog';
import { CheatSheet } from '../shortcuts/CheatSheet';
import { Announcer } from './Announcer';
import { useSelect, useServices } from './context';
import { ErrorText } from './ErrorText';
import { Header } from './Header';
import { useVoiceLoad } from '../voice/load-trigger';

// The call region pulls in the Voice SDK: it loads after the first paint and an idle
// moment, or on the first voice offer (useVoiceLoad), never as part of the first screen.
const VoicePanel = lazy(() => import('../voice/VoicePanel'));
const callControlsLoading = <p className="empty">Loading call controls…</p>;

/**
 * The shift layout. The header (agent, activity and its time, connection) and
 * the live zone (pending offers, most urgent first; tasks in progress; the
 * call and its controls) always stay on screen: they never scroll away with
 * the rest. The work area beside (or, on a narrow window, below) them holds
 * the selected task's detail, the agent's day and the history. Settings and
 * the shortcut list open as a sheet over the work area only, so an offer's
 * countdown and Accept stay visible and usable while they are open.
 */
export function App() {
  const { store } = useServices();
  const dialog = useSelect((s) => s.openDialog);
  const voiceWanted = useVoiceLoad();
  const close = () => store.getState().setDialog(null);
  return (
    <div className="app">
      <a className="skip-link" href="#live-zone">
        Skip to live work
      </a>
      <Header />
      <main className="desk">
        <section id="live-zone" aria-label="Live work" className="live-zone" tabIndex={-1}>
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
        </section>
        <div className="work">
          <TaskDetail />
          <aside className="side" aria-label="My day and history">
            <AgentDay />
            <History />
          </aside>
          {dialog === 'settings' && <SettingsDialog onClose={close} />}
          {dialog === 'cheatSheet' && <CheatSheet onClose={close} />}
        </div>
      </main>
      <Announcer />
    </div>
  );
}
