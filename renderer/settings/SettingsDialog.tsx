import { useEffect, useState } from 'react';
import { UI_LOCALES } from '../../shared/locales';
import { useServices } from '../app/context';
import { DeviceSelect } from '../app/DeviceSelect';
import { Sheet } from '../app/Sheet';
import { listOutputDevices } from '../attention/ringtone';
import { ConnectionSettingsForm } from './ConnectionSettingsForm';
import { DeskSettingsForm } from './DeskSettingsForm';
import { GlobalShortcutsSection } from './GlobalShortcutsSection';
import { ShortcutEditor } from './ShortcutEditor';
import { loadLocaleChoice, type LocaleChoice } from '../i18n/locale-choice';
import { useT } from '../i18n/react';
import { applyTheme, loadRingDevice, loadTheme, saveRingDevice, THEMES, type Theme } from './theme';

/**
 * Settings, as a sheet beside the live work: the connection (credentials go to
 * the host and leave the form at once), the desk's conventions, this window's
 * theme and ringtone device, and the keyboard shortcuts.
 */
export function SettingsDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  return (
    <Sheet title={t('header.settings')} onClose={onClose}>
      <ConnectionSettingsForm />
      <DeskSettingsForm />
      <WindowSettings />
      <ShortcutEditor />
      <GlobalShortcutsSection />
    </Sheet>
  );
}

/** Language names as their speakers write them (not translated: they are how one finds one's own). */
const LANGUAGE_NAMES: Record<(typeof UI_LOCALES)[number], string> = { en: 'English', es: 'Español' };

function WindowSettings() {
  const { ringtone, actions } = useServices();
  const t = useT();
  const [language, setLanguage] = useState<LocaleChoice>(loadLocaleChoice);
  const [devices, setDevices] = useState<Array<{ id: string; label: string }>>([]);
  const [device, setDevice] = useState(loadRingDevice);
  const [theme, setTheme] = useState<Theme>(loadTheme);
  useEffect(() => {
    let live = true;
    void listOutputDevices()
      .then((d) => live && setDevices(d.map(({ deviceId, label }) => ({ id: deviceId, label }))))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return (
    <fieldset className="settings-section">
      <legend>{t('settings.window')}</legend>
      <div className="field">
        <label htmlFor="settings-language">{t('settings.language')}</label>
        <select
          id="settings-language"
          value={language}
          onChange={(e) => {
            const next = e.target.value as LocaleChoice;
            setLanguage(next);
            void actions.setLanguage(next);
          }}
        >
          <option value="system">{t('settings.language.system')}</option>
          {/* Each language is named in itself, so an agent who cannot read the current one still finds theirs. */}
          {UI_LOCALES.map((l) => (
            <option key={l} value={l} lang={l} translate="no">
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="settings-theme">{t('settings.theme')}</label>
        <select
          id="settings-theme"
          value={theme}
          onChange={(e) => {
            const next = e.target.value as Theme;
            setTheme(next);
            applyTheme(next);
          }}
        >
          {THEMES.map((theme) => (
            <option key={theme} value={theme}>
              {t(`settings.theme.${theme}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="settings-ring-device">{t('settings.ringDevice')}</label>
        <DeviceSelect
          id="settings-ring-device"
          value={device}
          devices={devices}
          defaultLabel={t('settings.ringDevice.default')}
          onChange={(id) => {
            setDevice(id);
            saveRingDevice(id);
            void ringtone?.setDevice(id);
          }}
        />
      </div>
    </fieldset>
  );
}
