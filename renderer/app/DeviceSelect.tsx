/** An audio device picker: a first "default" option (value "") then one option per device. */
export function DeviceSelect({
  id,
  value,
  devices,
  defaultLabel = 'Default',
  onChange,
}: {
  id?: string;
  value: string;
  devices: ReadonlyArray<{ id: string; label: string }>;
  defaultLabel?: string;
  onChange(deviceId: string): void;
}) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{defaultLabel}</option>
      {devices.map((d) => (
        <option key={d.id} value={d.id}>
          {d.label}
        </option>
      ))}
    </select>
  );
}
