import { useId, useMemo, useState, type FormEvent } from 'react';
import { INSTRUCTIONS, type InstructionName } from '../../shared/instructions';
import type { Reservation } from '../../shared/model';
import { parseWith } from '../../shared/parse';
import { errorTarget } from '../app/actions';
import { useSelect, useServices } from '../app/context';
import { ErrorText } from '../app/ErrorText';
import { defaultValues, fieldsOf, INSTRUCTION_SCHEMAS, toOptions, type FieldSpec, type FormValues } from './fields';

const TITLES: Record<InstructionName, string> = { conference: 'Conference', dequeue: 'Dequeue', call: 'Call', redirect: 'Redirect' };

interface Props {
  reservation: Reservation;
  onDone(): void;
}

/** The four TaskRouter instructions with every parameter, validated inline before anything is sent. */
export function InstructionForm({ reservation, onDone }: Props) {
  const { actions } = useServices();
  const contactUri = useSelect((s) => s.settings?.contactUri ?? s.worker?.contactUri ?? null);
  const [name, setName] = useState<InstructionName>('conference');
  const [values, setValues] = useState<FormValues>(() => defaultValues('conference', reservation, contactUri));
  const [problem, setProblem] = useState<{ field: string | undefined; message: string } | null>(null);
  const [sending, setSending] = useState(false);
  const fields = useMemo(() => fieldsOf(name), [name]);
  const formId = useId();

  const choose = (next: InstructionName) => {
    setName(next);
    setValues(defaultValues(next, reservation, contactUri));
    setProblem(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseWith(INSTRUCTION_SCHEMAS[name], toOptions(fields, values));
    if (!parsed.ok) {
      // Invalid input is stopped here: nothing reaches the host.
      setProblem({ field: parsed.error.field?.split('.')[0], message: parsed.error.message });
      document.getElementById(`${formId}-${parsed.error.field?.split('.')[0]}`)?.focus();
      return;
    }
    setProblem(null);
    setSending(true);
    const result = await actions.instruction(reservation.sid, name, parsed.value as never);
    setSending(false);
    if (result.ok) onDone();
  };

  return (
    <form className="instruction-form" aria-label={`Instruction for ${reservation.caller.name ?? 'this offer'}`} onSubmit={submit} noValidate>
      <fieldset className="instruction-choice">
        <legend>Instruction</legend>
        {INSTRUCTIONS.map((option) => (
          <label key={option}>
            <input type="radio" name={`${formId}-instruction`} value={option} checked={name === option} onChange={() => choose(option)} />
            {TITLES[option]}
          </label>
        ))}
      </fieldset>
      <div className="instruction-fields">
        {fields.filter((f) => f.common).map((f) => (
          <Field key={`${name}-${f.name}`} formId={formId} field={f} values={values} setValues={setValues} problem={problem} />
        ))}
      </div>
      {fields.some((f) => !f.common) && (
        <details className="instruction-more">
          <summary>More options</summary>
          <div className="instruction-fields">
            {fields.filter((f) => !f.common).map((f) => (
              <Field key={`${name}-${f.name}`} formId={formId} field={f} values={values} setValues={setValues} problem={problem} />
            ))}
          </div>
        </details>
      )}
      {problem && !problem.field && <p className="field-error" role="alert">{problem.message}</p>}
      <div className="form-actions">
        <button type="submit" disabled={sending}>Send {TITLES[name]}</button>
        <button type="button" onClick={onDone}>Cancel</button>
      </div>
      <ErrorText target={errorTarget.reservation(reservation.sid, 'instruction')} />
    </form>
  );
}

interface FieldProps {
  formId: string;
  field: FieldSpec;
  values: FormValues;
  setValues(update: (v: FormValues) => FormValues): void;
  problem: { field: string | undefined; message: string } | null;
}

function Field({ formId, field, values, setValues, problem }: FieldProps) {
  const id = `${formId}-${field.name}`;
  const errorId = `${id}-error`;
  const invalid = problem?.field === field.name;
  const value = values[field.name];
  const set = (next: string | string[]) => setValues((v) => ({ ...v, [field.name]: next }));
  const common = { id, 'aria-invalid': invalid || undefined, 'aria-describedby': invalid ? errorId : undefined, 'aria-required': field.required || undefined };
  const label = `${field.label}${field.required ? ' (required)' : ''}`;

  let control;
  if (field.kind === 'multi') {
    const selected = Array.isArray(value) ? value : [];
    return (
      <fieldset className="field" aria-describedby={invalid ? errorId : undefined}>
        <legend>{label}</legend>
        {field.choices.map((choice) => (
          <label key={choice} className="inline">
            <input
              type="checkbox"
              id={choice === field.choices[0] ? id : undefined}
              checked={selected.includes(choice)}
              onChange={(e) => set(e.target.checked ? [...selected, choice] : selected.filter((c) => c !== choice))}
            />
            {choice}
          </label>
        ))}
        {invalid && <p className="field-error" id={errorId}>{problem.message}</p>}
      </fieldset>
    );
  }
  if (field.kind === 'boolean' || field.kind === 'choice') {
    const choices = field.kind === 'boolean' ? ['true', 'false'] : field.choices;
    control = (
      <select {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => set(e.target.value)}>
        <option value="">{field.required ? 'Choose…' : 'Default'}</option>
        {choices.map((c) => (
          <option key={c} value={c}>{field.kind === 'boolean' ? (c === 'true' ? 'Yes' : 'No') : c}</option>
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
      {invalid && <p className="field-error" id={errorId}>{problem.message}</p>}
    </div>
  );
}
