import { I18nProvider } from '@lingui/react';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { createActions } from './app/actions';
import { watchDesk } from './app/desk-watch';
import { App } from './app/App';
import { AppContext, type AppServices } from './app/context';
import { NoHost } from './app/NoHost';
import { browserNotifier, watchAttention } from './attention/watch';
import { createRingtone } from './attention/ringtone';
import { connectToHost } from './client';
import { applyTheme, loadRingDevice, loadTheme } from './settings/theme';
import { createShortcutRegistry } from './shortcuts/registry';
import { wireShortcuts } from './shortcuts/wire-shortcuts';
import { wireDesktopCommands } from './desktop/wire-desktop-commands';
import { createAppStore } from './store/store';
import { wireHostToStore } from './store/wire';
import { activateLocale, currentLocale, i18n } from './i18n/i18n';
import { loadLocaleChoice, resolveLocale } from './i18n/locale-choice';
import './styles.css';

// Before the first render: data-theme (light/dark, "system" resolved) must be set before paint; the CSP forbids an inline script.
applyTheme(loadTheme(), null);
// The agent's language before the first render, so nothing flashes in English first (Spanish is a small chunk).
// Not a top-level await: that would make Rollup split the lazy chunks' shared code out of the entry.
void activateLocale(resolveLocale(loadLocaleChoice()))
  .catch(() => activateLocale('en'))
  .then(start);

function start() {
  const root = createRoot(document.getElementById('root')!);
  const render = (ui: ReactNode) => root.render(<I18nProvider i18n={i18n}>{ui}</I18nProvider>);
  const link = connectToHost();

  if (!link) {
    render(<NoHost reason="missing" />);
  } else {
    const store = createAppStore();
    const actions = createActions(link.api, store);
    const shortcuts = createShortcutRegistry({ storage: localStorage });
    const ringtone = typeof AudioContext === 'undefined' ? null : createRingtone();
    void ringtone?.setDevice(loadRingDevice());
    // Wired once, outside React: host events → store; store → attention; keys → actions.
    const unwire = wireHostToStore(link, store);
    const stopAttention = watchAttention({
      store,
      ringtone,
      // In Electron the main process shows the notifications (with Accept/Reject).
      notify: link.inElectron ? null : browserNotifier((sid) => store.getState().select(sid)),
    });
    const unwireShortcuts = wireShortcuts(shortcuts, store, actions);
    watchDesk(store);
    // Global shortcuts, notification buttons and the tray (desktop app) run the same actions as the window's keys.
    const unwireDesktop = wireDesktopCommands(link.api, shortcuts, store, actions);
    // A refused secret is final: the offers on screen would be stale and nothing can act on them. Stop ringing
    // and replace the app with what to do instead.
    link.onStatus((status) => {
      if (status !== 'refused') return;
      unwire();
      unwireShortcuts();
      unwireDesktop();
      stopAttention();
      ringtone?.stop();
      render(<NoHost reason="refused" />);
    });
    if (link.inElectron) void actions.reportLocale(currentLocale());
    const services: AppServices = { store, actions, shortcuts, link, ringtone };
    render(
      <StrictMode>
        <AppContext.Provider value={services}>
          <App />
        </AppContext.Provider>
      </StrictMode>,
    );
  }
}
