import { useId, useMemo, useState, type FormEvent } from 'react';
import type { InstructionPreset } from '../../shared/desk';
import { INSTRUCTIONS, type InstructionName } from '../../shared/instructions';
import type { Reservation } from '../../shared/model';
import type { FieldIssues } from '../../shared/issues';
import { parseAll } from '../../shared/parse';
import { errorTarget } from '../app/actions';
import { useSelect, useServices } from '../app/context';
import { errorText, fieldLabel, issueText } from '../app/error-text';
import { useT, type Translate } from '../i18n/react';
import { FormErrorSummary } from '../forms/FormErrorSummary';
import { defaultValues, fieldsOf, INSTRUCTION_SCHEMAS, toOptions, type FieldSpec, type FormValues } from './fields';
import { PresetBar } from './PresetBar';


interface Props {
  reservation: Reservation;
  onDone(): void;
}

/**
 * The four TaskRouter instructions. What an agent fills in comes first (whom
 * to call, the TwiML to run); every other parameter sits under "Advanced".
 * Every invalid field is flagged at once, each error clears as soon as its
 * field is fixed, and a refusal from the host lands on its field.
 */
export function InstructionForm({ reservation, onDone }: Props) {
  const { actions, store } = useServices();
  const contactUri = useSelect((s) => s.settings?.contactUri ?? s.worker?.contactUri ?? null);
  const [name, setName] = useState<InstructionName>('conference');
  const [values, setValues] = useState<FormValues>(() => defaultValues('conference', reservation, contactUri));
  const [errors, setErrors] = useState<FieldIssues>({});
  const [tried, setTried] = useState(false);
  const [sending, setSending] = useState(false);
  const fields = useMemo(() => fieldsOf(name), [name]);
  const t = useT();
  const formId = useId();
  const fieldId = (field: string) => `${formId}-${field}`;

  const validate = (next: FormValues, instruction = name) => {
    const parsed = parseAll(INSTRUCTION_SCHEMAS[instruction], toOptions(fieldsOf(instruction), next));
    return parsed.ok ? { ok: true as const, value: parsed.value, errors: {} } : { ok: false as const, errors: topLevel(parsed.fields) };
  };

  const update = (next: FormValues) => {
    setValues(next);
    // Once the agent has tried to send, errors follow the values: a fixed field loses its error at once.
    if (tried) setErrors(validate(next).errors);
  };

  const choose = (next: InstructionName, preset?: InstructionPreset) => {
    setName(next);
    const base = defaultValues(next, reservation, contactUri);
    const nextValues = preset ? { ...base, ...presetValues(preset) } : base;
    setValues(nextValues);
    setErrors(tried ? validate(nextValues, next).errors : {});
    store.getState().clearError(errorTarget.reservation(reservation.sid, 'instruction'));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    const checked = validate(values);
    if (!checked.ok) {
      // Invalid input is stopped here: nothing reaches the host.
      setErrors(checked.errors);
      const first = fields.find((f) => checked.errors[f.name]);
      if (first && !first.common) openAdvanced(formId);
      document.getElementById(fieldId(first?.name ?? ''))?.focus();
      return;
    }
    setErrors({});
    setSending(true);
    const result = await actions.instruction(reservation.sid, name, checked.value as never);
    setSending(false);
    if (result.ok) onDone();
    else if (result.error.code === 'invalid_input') {
      // The host's refusal belongs to its field, like our own checks.
      const hostErrors = topLevel(result.error.fields ?? (result.error.field ? { [result.error.field]: { key: 'host_message' as const, params: { text: result.error.message } } } : {}));
      if (Object.keys(hostErrors).length > 0) {
        store.getState().clearError(errorTarget.reservation(reservation.sid, 'instruction'));
        setErrors(hostErrors);
      }
    }
  };

  const hostError = useSelect((s) => s.errorsByTarget[errorTarget.reservation(reservation.sid, 'instruction')]);
  const fieldProps = { formId, values, errors, update, t };
  return (
    <form className="instruction-form" aria-label={reservation.caller.name ? t('instruction.formFor', { caller: reservation.caller.name }) : t('instruction.formForOffer')} onSubmit={submit} noValidate>
      <fieldset className="instruction-choice">
        <legend>{t('instruction.legend')}</legend>
        {INSTRUCTIONS.map((option) => (
          <label key={option}>
            <input type="radio" name={`${formId}-instruction`} value={option} checked={name === option} onChange={() => choose(option)} />
            {t(`instruction.name.${option}`)}
          </label>
        ))}
      </fieldset>
      <PresetBar instruction={name} values={values} fields={fields} onUse={(preset) => choose(preset.instruction, preset)} />
      <FormErrorSummary errors={errors} labels={Object.fromEntries(fields.map((f) => [f.name, fieldLabel(f.name, t)]))} idFor={fieldId} onBeforeFocus={(field) => !fields.find((f) => f.name === field)?.common && openAdvanced(formId)} />
      <div className="instruction-fields">
        {fields
          .filter((f) => f.common)
          .map((f) => (
            <Field key={`${name}-${f.name}`} field={f} {...fieldProps} />
          ))}
      </div>
      {fields.some((f) => !f.common) && (
        <details className="instruction-more" id={`${formId}-advanced`}>
          <summary>{t('instruction.advanced')}</summary>
          <div className="instruction-fields">
            {fields
              .filter((f) => !f.common)
              .map((f) => (
                <Field key={`${name}-${f.name}`} field={f} {...fieldProps} />
              ))}
          </div>
        </details>
      )}
      {hostError && (
        <p className="action-error" role="alert">
          {errorText(hostError, t)}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={sending}>
          {t(`instruction.send.${name}`)}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Errors keyed by the form's own field: "statusCallbackEvent.2" belongs to "statusCallbackEvent". */
const topLevel = (fields: FieldIssues): FieldIssues => {
  const out: FieldIssues = {};
  for (const [path, message] of Object.entries(fields)) out[path.split('.')[0] ?? ''] ??= message;
  return out;
};

const openAdvanced = (formId: string) => {
  const details = document.getElementById(`${formId}-advanced`);
  if (details instanceof HTMLDetailsElement) details.open = true;
};

/** A preset's options as form values (strings, 'true'/'false', arrays). */
const presetValues = (preset: InstructionPreset): FormValues =>
  Object.fromEntries(Object.entries(preset.options).map(([k, v]) => [k, Array.isArray(v) ? v : String(v)]));

interface FieldProps {
  formId: string;
  field: FieldSpec;
  values: FormValues;
  errors: FieldIssues;
  update(values: FormValues): void;
  t: Translate;
}

function Field({ formId, field, values, errors, update, t }: FieldProps) {
  const id = `${formId}-${field.name}`;
  const errorId = `${id}-error`;
  const problem = errors[field.name];
  const message = problem ? issueText(problem, t) : null;
  const value = values[field.name];
  const set = (next: string | string[]) => update({ ...values, [field.name]: next });
  const common = { id, 'aria-invalid': message ? true : undefined, 'aria-describedby': message ? errorId : undefined, 'aria-required': field.required || undefined };
  const label = field.required ? t('form.required', { label: fieldLabel(field.name, t) }) : fieldLabel(field.name, t);
  const error = message ? (
    <p className="field-error" id={errorId}>
      {message}
    </p>
  ) : null;

  if (field.kind === 'multi') {
    const selected = Array.isArray(value) ? value : [];
    return (
      <fieldset className="field" aria-describedby={message ? errorId : undefined}>
        <legend>{label}</legend>
        {field.choices.map((choice) => (
          <label key={choice} className="inline" translate="no">
            <input
              type="checkbox"
              id={choice === field.choices[0] ? id : undefined}
              checked={selected.includes(choice)}
              onChange={(e) => set(e.target.checked ? [...selected, choice] : selected.filter((c) => c !== choice))}
            />
            {choice}
          </label>
        ))}
        {error}
      </fieldset>
    );
  }
  let control;
  if (field.kind === 'boolean' || field.kind === 'choice') {
    const choices = field.kind === 'boolean' ? ['true', 'false'] : field.choices;
    control = (
      <select {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => set(e.target.value)}>
        <option value="">{field.required ? t('common.choose') : t('instruction.default')}</option>
        {choices.map((c) => (
          // Enumerated values are Twilio's own parameter values (GET, record-from-answer…): not words to translate.
          <option key={c} value={c} translate={field.kind === 'boolean' ? undefined : 'no'}>
            {field.kind === 'boolean' ? (c === 'true' ? t('common.yes') : t('common.no')) : c}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <input
        {...common}
        type={field.kind === 'number' ? 'number' : field.name.toLowerCase().includes('password') ? 'password' : 'text'}
        inputMode={field.kind === 'number' ? 'numeric' : undefined}
        autoComplete="off"
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => set(e.target.value)}
      />
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {control}
      {error}
    </div>
  );
}
