import { useEffect, useState } from 'react';
import { useServices } from '../app/context';
import { DeviceSelect } from '../app/DeviceSelect';
import { Sheet } from '../app/Sheet';
import { listOutputDevices } from '../attention/ringtone';
import { ConnectionSettingsForm } from './ConnectionSettingsForm';
import { DeskSettingsForm } from './DeskSettingsForm';
import { GlobalShortcutsSection } from './GlobalShortcutsSection';
import { ShortcutEditor } from './ShortcutEditor';
import { applyTheme, loadRingDevice, loadTheme, saveRingDevice, THEMES, type Theme } from './theme';

/**
 * Settings, as a sheet beside the live work: the connection (credentials go to
 * the host and leave the form at once), the desk's conventions, this window's
 * theme and ringtone device, and the keyboard shortcuts.
 */
export function SettingsDialog({ onClose }: { onClose(): void }) {
  return (
    <Sheet title="Settings" onClose={onClose}>
      <ConnectionSettingsForm />
      <DeskSettingsForm />
      <WindowSettings />
      <ShortcutEditor />
      <GlobalShortcutsSection />
    </Sheet>
  );
}

function WindowSettings() {
  const { ringtone } = useServices();
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
      <legend>This window</legend>
      <div className="field">
        <label htmlFor="settings-theme">Theme</label>
        <select
          id="settings-theme"
          value={theme}
          onChange={(e) => {
            const next = e.target.value as Theme;
            setTheme(next);
            applyTheme(next);
          }}
        >
          {THEMES.map((t) => (
            <option key={t} value={t}>
              {t === 'system' ? 'Follow the system' : t === 'light' ? 'Light' : 'Dark'}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="settings-ring-device">Ringtone plays on</label>
        <DeviceSelect
          id="settings-ring-device"
          value={device}
          devices={devices}
          defaultLabel="Default output"
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
