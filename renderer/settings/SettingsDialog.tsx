import { useEffect, useState, type FormEvent } from 'react';
import type { SettingsInput } from '../../shared/contract';
import { settingsInput } from '../../shared/contract';
import type { Mode, WorkerSummary } from '../../shared/model';
import { parseWith } from '../../shared/parse';
import { errorTarget } from '../app/actions';
import { useSelect, useServices } from '../app/context';
import { DeviceSelect } from '../app/DeviceSelect';
import { ErrorText } from '../app/ErrorText';
import { Modal } from '../app/Modal';
import { listOutputDevices } from '../attention/ringtone';
import { GlobalShortcutsSection } from './GlobalShortcutsSection';
import { ShortcutEditor } from './ShortcutEditor';
import { applyTheme, loadRingDevice, loadTheme, saveRingDevice, THEMES, type Theme } from './theme';

const MODE_LABEL: Record<Mode, string> = { demo: 'Demo (built-in emulator)', account: 'Twilio account', tokenUrl: 'Token URL (your backend)' };

/**
 * Settings. Credentials go to the host with saveSettings and the secret field
 * is cleared at once: the renderer never keeps a secret, in state or storage.
 */
export function SettingsDialog({ onClose }: { onClose(): void }) {
  const { actions, ringtone } = useServices();
  const current = useSelect((s) => s.settings);
  const [mode, setMode] = useState<Mode>(current?.mode ?? 'demo');
  const [fields, setFields] = useState({
    accountSid: current?.accountSid ?? '',
    apiKeySid: current?.apiKeySid ?? '',
    secret: '',
    workspaceSid: current?.workspaceSid ?? '',
    workerSid: current?.workerSid ?? '',
    tokenUrl: current?.tokenUrl ?? '',
    contactUri: current?.contactUri ?? '',
    defaultInstruction: current?.defaultInstruction ?? 'accept',
    transport: current?.transport ?? 'subscribe',
  });
  const [problem, setProblem] = useState<{ field?: string; message: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const [workers, setWorkers] = useState<WorkerSummary[]>([]);
  const [devices, setDevices] = useState<Array<{ id: string; label: string }>>([]);
  const [device, setDevice] = useState(loadRingDevice);
  const [theme, setTheme] = useState<Theme>(loadTheme);

  useEffect(() => {
    let live = true;
    void actions.listWorkers().then((r) => live && r.ok && setWorkers(r.value));
    void listOutputDevices()
      .then((d) => live && setDevices(d.map(({ deviceId, label }) => ({ id: deviceId, label }))))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [actions]);

  const set = (name: keyof typeof fields) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [name]: e.target.value }));

  const buildInput = (): unknown => {
    const common = {
      transport: fields.transport,
      defaultInstruction: fields.defaultInstruction,
      contactUri: fields.contactUri.trim() ? fields.contactUri.trim() : null,
    };
    if (mode === 'demo') return { mode, ...common };
    if (mode === 'tokenUrl') return { mode, tokenUrl: fields.tokenUrl.trim(), ...common };
    return {
      mode,
      accountSid: fields.accountSid.trim(),
      apiKeySid: fields.apiKeySid.trim() || null,
      ...(fields.secret ? { secret: fields.secret } : {}),
      workspaceSid: fields.workspaceSid.trim(),
      workerSid: fields.workerSid.trim(),
      ...common,
    };
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const parsed = parseWith(settingsInput, buildInput());
    if (!parsed.ok) {
      setProblem({ field: parsed.error.field, message: parsed.error.message });
      return;
    }
    setProblem(null);
    // The secret leaves the form now, whatever the outcome.
    setFields((f) => ({ ...f, secret: '' }));
    const result = await actions.saveSettings(parsed.value as SettingsInput);
    if (result.ok) setSaved(true);
  };

  const fieldError = (name: string) =>
    problem?.field === name ? (
      <p className="field-error" id={`settings-${name}-error`}>
        {problem.message}
      </p>
    ) : null;
  const text = (name: keyof typeof fields, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`settings-${name}`}>{label}</label>
      <input
        id={`settings-${name}`}
        type={type}
        autoComplete="off"
        value={fields[name]}
        onChange={set(name)}
        aria-invalid={problem?.field === name || undefined}
        aria-describedby={problem?.field === name ? `settings-${name}-error` : undefined}
      />
      {fieldError(name)}
    </div>
  );

  return (
    <Modal title="Settings" onClose={onClose}>
      <form className="settings" onSubmit={submit} noValidate>
        <fieldset>
          <legend>Connect to</legend>
          {(['demo', 'account', 'tokenUrl'] as const).map((m) => (
            <label key={m} className="inline">
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {MODE_LABEL[m]}
            </label>
          ))}
        </fieldset>
        {mode === 'account' && (
          <fieldset>
            <legend>Twilio account</legend>
            {text('accountSid', 'Account SID')}
            {text('apiKeySid', 'API key SID (optional)')}
            {text('secret', current?.hasSecret ? 'Secret (leave empty to keep the stored one)' : 'API key secret or auth token', 'password')}
            {text('workspaceSid', 'Workspace SID')}
            <div className="field">
              <label htmlFor="settings-workerSid">Worker</label>
              {workers.length > 0 ? (
                <select id="settings-workerSid" value={fields.workerSid} onChange={set('workerSid')}>
                  <option value="">Choose a worker…</option>
                  {workers.map((w) => (
                    <option key={w.sid} value={w.sid}>
                      {w.friendlyName}
                    </option>
                  ))}
                </select>
              ) : (
                <input id="settings-workerSid" value={fields.workerSid} onChange={set('workerSid')} autoComplete="off" />
              )}
              {fieldError('workerSid')}
            </div>
          </fieldset>
        )}
        {mode === 'tokenUrl' && text('tokenUrl', 'Token URL')}
        {text('contactUri', 'Contact URI (where Conference calls you)')}
        <div className="field">
          <label htmlFor="settings-defaultInstruction">Accept button does</label>
          <select id="settings-defaultInstruction" value={fields.defaultInstruction} onChange={set('defaultInstruction')}>
            <option value="accept">Accept only</option>
            <option value="conference">Conference on my contact URI</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="settings-transport">Watch reservations by</label>
          <select id="settings-transport" value={fields.transport} onChange={set('transport')}>
            <option value="subscribe">Live connection (recommended)</option>
            <option value="poll">Polling</option>
          </select>
        </div>
        {problem && !['accountSid', 'apiKeySid', 'secret', 'workspaceSid', 'workerSid', 'tokenUrl', 'contactUri'].includes(problem.field ?? '') && (
          <p className="field-error" role="alert">
            {problem.message}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary">
            Save connection settings
          </button>
          {saved && <span role="status">Saved.</span>}
        </div>
        <ErrorText target={errorTarget.settings} />
      </form>
      <fieldset>
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
      <ShortcutEditor />
      <GlobalShortcutsSection />
    </Modal>
  );
}
