import { useT } from '../i18n/react';

/** An audio device picker: a first "default" option (value "") then one option per device. */
export function DeviceSelect({
  id,
  value,
  devices,
  defaultLabel,
  onChange,
}: {
  id?: string;
  value: string;
  devices: ReadonlyArray<{ id: string; label: string }>;
  defaultLabel?: string;
  onChange(deviceId: string): void;
}) {
  const t = useT();
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{defaultLabel ?? t('device.default')}</option>
      {devices.map((d) => (
        <option key={d.id} value={d.id} translate="no">
          {d.label}
        </option>
      ))}
    </select>
  );
}
