import { useRef, useState, type FormEvent } from 'react';
import { DEFAULT_DESK_SETTINGS, deskSettings, type CallerField, type DeskSettings } from '../../shared/desk';
import type { FieldIssue, FieldIssues } from '../../shared/issues';
import { parseAll } from '../../shared/parse';
import { errorTarget } from '../app/actions';
import { useSelect, useServices } from '../app/context';
import { errorText, issueText } from '../app/error-text';
import { useT, type Translate } from '../i18n/react';
import { FormErrorSummary } from '../forms/FormErrorSummary';
import { focusFirstInvalid } from '../forms/focus-first-invalid';

const summaryLabels = (t: Translate): Record<string, string> => ({
  dispositions: t('field.dispositions'),
  wrapUpSeconds: t('field.wrapUpSeconds'),
  customerUrlTemplate: t('field.customerUrlTemplate'),
  callerFields: t('field.callerFields'),
});

const idOf = (field: string) => `desk-${field}`;

type Fields = { dispositions: string; dispositionRequired: boolean; wrapUpSeconds: string; customerUrlTemplate: string; callerFields: string };

const toFields = (desk: DeskSettings): Fields => ({
  dispositions: desk.dispositions.join('\n'),
  dispositionRequired: desk.dispositionRequired,
  wrapUpSeconds: String(desk.wrapUpSeconds),
  customerUrlTemplate: desk.customerUrlTemplate ?? '',
  callerFields: desk.callerFields.map((f) => `${f.label} = ${f.attribute}`).join('\n'),
});

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** "Account = customer.account_id" per line; a line without "=" is reported, not guessed. */
function parseCallerFields(text: string): { fields: CallerField[]; problem: FieldIssue | null } {
  const fields: CallerField[] = [];
  for (const [i, line] of lines(text).entries()) {
    const at = line.indexOf('=');
    if (at <= 0) return { fields, problem: { key: 'caller_field_line', params: { line: i + 1 } } };
    fields.push({ label: line.slice(0, at).trim(), attribute: line.slice(at + 1).trim() });
  }
  return { fields, problem: null };
}

/**
 * The desk's conventions, shared by everyone on this desktop: disposition
 * codes, whether one is required, the wrap-up timer, the customer record link
 * and the caller fields of the task detail. Saving never reconnects.
 */
export function DeskSettingsForm() {
  const { actions, store } = useServices();
  const desk = useSelect((s) => s.settings?.desk ?? DEFAULT_DESK_SETTINGS);
  const hostError = useSelect((s) => s.errorsByTarget[errorTarget.deskSettings]);
  const t = useT();
  const [fields, setFields] = useState<Fields>(() => toFields(desk));
  const [errors, setErrors] = useState<FieldIssues>({});
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const validate = (f: Fields): { ok: true; value: DeskSettings } | { ok: false; errors: FieldIssues } => {
    const callers = parseCallerFields(f.callerFields);
    const seconds = f.wrapUpSeconds.trim() === '' ? Number.NaN : Number(f.wrapUpSeconds);
    const parsed = parseAll(deskSettings, {
      dispositions: lines(f.dispositions),
      dispositionRequired: f.dispositionRequired,
      wrapUpSeconds: Number.isNaN(seconds) ? undefined : seconds,
      customerUrlTemplate: f.customerUrlTemplate.trim() || null,
      callerFields: callers.fields,
      instructionPresets: desk.instructionPresets,
    });
    const out: FieldIssues = {};
    if (!parsed.ok) for (const [path, message] of Object.entries(parsed.fields)) out[path.split('.')[0] ?? ''] ??= message;
    if (Number.isNaN(seconds)) out.wrapUpSeconds = { key: 'wrap_up_seconds' };
    if (callers.problem) out.callerFields = callers.problem;
    return Object.keys(out).length === 0 && parsed.ok ? { ok: true, value: parsed.value } : { ok: false, errors: out };
  };

  const change = (next: Fields) => {
    setFields(next);
    setSaved(false);
    if (tried) {
      const checked = validate(next);
      setErrors(checked.ok ? {} : checked.errors);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    store.getState().clearError(errorTarget.deskSettings);
    const checked = validate(fields);
    if (!checked.ok) {
      setErrors(checked.errors);
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
      return;
    }
    setErrors({});
    const result = await actions.saveDeskSettings(checked.value);
    if (result.ok) setSaved(true);
    else if (result.error.code === 'invalid_input' && result.error.field) {
      store.getState().clearError(errorTarget.deskSettings);
      setErrors({ [result.error.field.split('.')[0] ?? '']: result.error.fields?.[result.error.field] ?? { key: 'host_message', params: { text: result.error.message } } });
      requestAnimationFrame(() => focusFirstInvalid(formRef.current));
    }
  };

  const invalid = (name: string) => ({ 'aria-invalid': errors[name] ? true : undefined, 'aria-describedby': errors[name] ? `${idOf(name)}-error` : `${idOf(name)}-hint` });
  const error = (name: string) =>
    errors[name] ? (
      <p className="field-error" id={`${idOf(name)}-error`}>
        {issueText(errors[name], t)}
      </p>
    ) : null;

  return (
    <form className="settings" onSubmit={submit} noValidate ref={formRef} aria-label={t('desk.legend')}>
      <fieldset className="settings-section">
        <legend>{t('desk.legend')}</legend>
        <FormErrorSummary errors={errors} labels={summaryLabels(t)} idFor={idOf} />
        <div className="field">
          <label htmlFor={idOf('dispositions')}>{t('desk.dispositions')}</label>
          <textarea id={idOf('dispositions')} rows={4} value={fields.dispositions} onChange={(e) => change({ ...fields, dispositions: e.target.value })} {...invalid('dispositions')} />
          <p className="hint" id={`${idOf('dispositions')}-hint`}>
            {t('desk.dispositions.hint')}
          </p>
          {error('dispositions')}
        </div>
        <label className="inline">
          <input type="checkbox" checked={fields.dispositionRequired} onChange={(e) => change({ ...fields, dispositionRequired: e.target.checked })} />
          {t('desk.dispositionRequired')}
        </label>
        <div className="field">
          <label htmlFor={idOf('wrapUpSeconds')}>{t('desk.wrapUpSeconds')}</label>
          <input id={idOf('wrapUpSeconds')} type="number" inputMode="numeric" min={0} max={3600} value={fields.wrapUpSeconds} onChange={(e) => change({ ...fields, wrapUpSeconds: e.target.value })} {...invalid('wrapUpSeconds')} />
          <p className="hint" id={`${idOf('wrapUpSeconds')}-hint`}>
            {t('desk.wrapUpSeconds.hint')}
          </p>
          {error('wrapUpSeconds')}
        </div>
        <div className="field">
          <label htmlFor={idOf('customerUrlTemplate')}>{t('field.customerUrlTemplate')}</label>
          <input id={idOf('customerUrlTemplate')} type="text" autoComplete="off" placeholder={t('desk.customerUrlTemplate.placeholder', { placeholder: '{customer_id}' })} value={fields.customerUrlTemplate} onChange={(e) => change({ ...fields, customerUrlTemplate: e.target.value })} {...invalid('customerUrlTemplate')} />
          <p className="hint" id={`${idOf('customerUrlTemplate')}-hint`}>
            {t('desk.customerUrlTemplate.hint', { placeholder: '{attribute}' })}
          </p>
          {error('customerUrlTemplate')}
        </div>
        <div className="field">
          <label htmlFor={idOf('callerFields')}>{t('desk.callerFields')}</label>
          <textarea id={idOf('callerFields')} rows={4} value={fields.callerFields} onChange={(e) => change({ ...fields, callerFields: e.target.value })} {...invalid('callerFields')} />
          <p className="hint" id={`${idOf('callerFields')}-hint`}>
            {t('desk.callerFields.hint')}
          </p>
          {error('callerFields')}
        </div>
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('desk.save')}
          </button>
          {saved && <span role="status">{t('common.saved')}</span>}
        </div>
        {hostError && (
          <p className="action-error" role="alert">
            {errorText(hostError, t)}
          </p>
        )}
      </fieldset>
    </form>
  );
}
