import { useEffect, useRef, useState, type FormEvent } from 'react';
import { settingsInput, type SettingsInput } from '../../shared/contract';
import type { Mode, PublicSettings, WorkerSummary } from '../../shared/model';
import type { FieldIssues } from '../../shared/issues';
import { parseAll } from '../../shared/parse';
import { errorTarget } from '../app/actions';
import { useSelect, useServices } from '../app/context';
import { errorText, issueText } from '../app/error-text';
import { useT, type Translate } from '../i18n/react';
import { FormErrorSummary } from '../forms/FormErrorSummary';
import { focusFirstInvalid } from '../forms/focus-first-invalid';

/** The names the error summary gives the fields, as their labels say them. */
const summaryLabels = (t: Translate): Record<string, string> => ({
  accountSid: t('field.accountSid'),
  apiKeySid: t('field.apiKeySid'),
  secret: t('field.secret'),
  workspaceSid: t('field.workspaceSid'),
  workerSid: t('settings.worker'),
  tokenUrl: t('field.tokenUrl'),
  contactUri: t('field.contactUri'),
});

type Fields = {
  accountSid: string;
  apiKeySid: string;
  secret: string;
  workspaceSid: string;
  workerSid: string;
  tokenUrl: string;
  contactUri: string;
  defaultInstruction: 'accept' | 'conference';
  transport: 'subscribe' | 'poll';
};

const idOf = (field: string) => `settings-${field}`;

/** Whether saving moves the desktop to another mode or identity: then the offers on screen go away. */
const reconnects = (current: PublicSettings | null, input: SettingsInput): boolean => {
  if (!current || current.mode !== input.mode) return true;
  if (input.mode === 'account') return current.accountSid !== input.accountSid || current.workspaceSid !== input.workspaceSid || current.workerSid !== input.workerSid;
  if (input.mode === 'tokenUrl') return current.tokenUrl !== input.tokenUrl;
  return false;
};

/**
 * Mode and credentials. Every invalid field is flagged at once, the first is
 * scrolled into view and focused, and errors clear as fields are fixed; a
 * refusal from the host lands on its field. A change of mode or identity is
 * confirmed first, because it reconnects and clears the offers on screen.
 */
export function ConnectionSettingsForm() {
  const { actions, store } = useServices();
  const current = useSelect((s) => s.settings);
  const hostError = useSelect((s) => s.errorsByTarget[errorTarget.settings]);
  const t = useT();
  const [mode, setMode] = useState<Mode>(current?.mode ?? 'demo');
  const [fields, setFields] = useState<Fields>({
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
  const [errors, setErrors] = useState<FieldIssues>({});
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState<SettingsInput | null>(null);
  const [saved, setSaved] = useState(false);
  const [workers, setWorkers] = useState<WorkerSummary[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void actions.listWorkers().then((r) => live && r.ok && setWorkers(r.value));
    return () => {
      live = false;
    };
  }, [actions]);
  useEffect(() => {
    if (confirming) confirmRef.current?.querySelector('button')?.focus();
  }, [confirming]);

  const buildInput = (f: Fields, m: Mode): unknown => {
    const common = { transport: f.transport, defaultInstruction: f.defaultInstruction, contactUri: f.contactUri.trim() ? f.contactUri.trim() : null };
    if (m === 'demo') return { mode: m, ...common };
    if (m === 'tokenUrl') return { mode: m, tokenUrl: f.tokenUrl.trim(), ...common };
    return {
      mode: m,
      accountSid: f.accountSid.trim(),
      apiKeySid: f.apiKeySid.trim() || null,
      ...(f.secret ? { secret: f.secret } : {}),
      workspaceSid: f.workspaceSid.trim(),
      workerSid: f.workerSid.trim(),
      ...common,
    };
  };
  const validate = (f: Fields, m: Mode) => parseAll(settingsInput, buildInput(f, m));

  const change = (next: Fields, nextMode = mode) => {
    setFields(next);
    setMode(nextMode);
    setSaved(false);
    if (tried) {
      const checked = validate(next, nextMode);
      setErrors(checked.ok ? {} : checked.fields);
    }
  };
  const set = (name: keyof Fields) => (e: { target: { value: string } }) => change({ ...fields, [name]: e.target.value });

  const save = async (input: SettingsInput) => {
    setConfirming(null);
    // The secret leaves the form now, whatever the outcome.
    setFields((f) => ({ ...f, secret: '' }));
    const result = await actions.saveSettings(input);
    if (result.ok) {
      setSaved(true);
      return;
    }
    const refused = result.error.fields ?? (result.error.field ? { [result.error.field]: { key: 'host_message' as const, params: { text: result.error.message } } } : null);
    if (result.error.code === 'invalid_input' && refused) {
      store.getState().clearError(errorTarget.settings);
      setErrors(refused);
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    setSaved(false);
    store.getState().clearError(errorTarget.settings);
    const checked = validate(fields, mode);
    if (!checked.ok) {
      setErrors(checked.fields);
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      return;
    }
    setErrors({});
    const input = checked.value as SettingsInput;
    if (reconnects(current, input)) setConfirming(input);
    else await save(input);
  };

  const text = (name: keyof Fields, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={idOf(name)}>{label}</label>
      <input
        id={idOf(name)}
        type={type}
        autoComplete="off"
        value={fields[name]}
        onChange={set(name)}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${idOf(name)}-error` : undefined}
      />
      <FieldError name={name} errors={errors} />
    </div>
  );

  return (
    <form className="settings" onSubmit={submit} noValidate ref={formRef} aria-label={t('settings.connection')}>
      <FormErrorSummary errors={errors} labels={summaryLabels(t)} idFor={idOf} />
      <fieldset className="settings-section">
        <legend>{t('settings.connectTo')}</legend>
        {(['demo', 'account', 'tokenUrl'] as const).map((m) => (
          <label key={m} className="inline">
            <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => change(fields, m)} />
            {t(`settings.mode.${m}`)}
          </label>
        ))}
      </fieldset>
      {mode === 'account' && (
        <fieldset className="settings-section">
          <legend>{t('settings.mode.account')}</legend>
          {text('accountSid', t('field.accountSid'))}
          {text('apiKeySid', t('settings.apiKeySidOptional'))}
          {text('secret', current?.hasSecret ? t('settings.secretKeep') : t('settings.secretNew'), 'password')}
          {text('workspaceSid', t('field.workspaceSid'))}
          <div className="field">
            <label htmlFor={idOf('workerSid')}>{t('settings.worker')}</label>
            {workers.length > 0 ? (
              <select id={idOf('workerSid')} value={fields.workerSid} onChange={set('workerSid')} aria-invalid={errors.workerSid ? true : undefined} aria-describedby={errors.workerSid ? `${idOf('workerSid')}-error` : undefined}>
                <option value="">{t('settings.chooseWorker')}</option>
                {workers.map((w) => (
                  <option key={w.sid} value={w.sid} translate="no">
                    {w.friendlyName}
                  </option>
                ))}
              </select>
            ) : (
              <input id={idOf('workerSid')} value={fields.workerSid} onChange={set('workerSid')} autoComplete="off" aria-invalid={errors.workerSid ? true : undefined} aria-describedby={errors.workerSid ? `${idOf('workerSid')}-error` : undefined} />
            )}
            <FieldError name="workerSid" errors={errors} />
          </div>
        </fieldset>
      )}
      {mode === 'tokenUrl' && text('tokenUrl', t('field.tokenUrl'))}
      {text('contactUri', t('settings.contactUri'))}
      <div className="settings-row">
        <div className="field">
          <label htmlFor="settings-defaultInstruction">{t('settings.defaultInstruction')}</label>
          <select id="settings-defaultInstruction" value={fields.defaultInstruction} onChange={set('defaultInstruction')}>
            <option value="accept">{t('settings.defaultInstruction.accept')}</option>
            <option value="conference">{t('settings.defaultInstruction.conference')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="settings-transport">{t('settings.transport')}</label>
          <select id="settings-transport" value={fields.transport} onChange={set('transport')}>
            <option value="subscribe">{t('settings.transport.subscribe')}</option>
            <option value="poll">{t('settings.transport.poll')}</option>
          </select>
        </div>
      </div>
      {confirming ? (
        <div className="confirm-inline" role="alertdialog" aria-labelledby="settings-confirm-title" aria-describedby="settings-confirm-text" ref={confirmRef}>
          <h3 id="settings-confirm-title">{confirming.mode === current?.mode ? t('settings.switch.same') : t('settings.switch.to', { mode: t(`settings.mode.${confirming.mode}`) })}</h3>
          <p id="settings-confirm-text">{t('settings.switch.text')}</p>
          <div className="form-actions">
            <button type="button" className="primary" onClick={() => void save(confirming)}>
              {t('settings.switch.confirm')}
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              {t('settings.switch.keep')}
            </button>
          </div>
        </div>
      ) : (
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('settings.saveConnection')}
          </button>
          {saved && <span role="status">{t('common.saved')}</span>}
        </div>
      )}
      {hostError && (
        <p className="action-error" role="alert">
          {errorText(hostError, t)}
        </p>
      )}
    </form>
  );
}

function FieldError({ name, errors }: { name: string; errors: FieldIssues }) {
  const t = useT();
  const problem = errors[name];
  if (!problem) return null;
  return (
    <p className="field-error" id={`${idOf(name)}-error`}>
      {issueText(problem, t)}
    </p>
  );
}
