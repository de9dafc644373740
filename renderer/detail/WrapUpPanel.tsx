import { useEffect, useId, useRef, useState } from 'react';
import { WRAP_UP_EXTENSION_SECONDS } from '../../shared/desk';
import type { Reservation } from '../../shared/model';
import { errorTarget } from '../app/actions';
import { useSelect, useServices } from '../app/context';
import { errorText, issueText } from '../app/error-text';
import { useT } from '../i18n/react';
import { dispositionLabel } from './desk-defaults';
import { Elapsed, TimeLeft } from '../inbox/Elapsed';

/** How long typing may pause before the notes are handed to the host. */
const SAVE_NOTES_AFTER_MS = 600;

/**
 * After-call work: a disposition from the desk's list (required if the desk
 * says so), notes, and the wrap-up timer with "Extend". Complete writes both
 * to the task where Flex Insights reads them, then completes it; the host
 * does the same by itself when the timer runs out. The draft lives in the
 * host, so the timer completes with what the agent chose.
 */
export function WrapUpPanel({ r }: { r: Reservation }) {
  const { actions } = useServices();
  const wrapUp = useSelect((s) => s.wrapUpsBySid[r.sid]);
  const desk = useSelect((s) => s.settings?.desk ?? null);
  const completeError = useSelect((s) => s.errorsByTarget[errorTarget.reservation(r.sid, 'complete')]);
  const saveError = useSelect((s) => s.errorsByTarget[errorTarget.wrapUp(r.sid)]);
  const [disposition, setDisposition] = useState(wrapUp?.disposition ?? '');
  const [notes, setNotes] = useState(wrapUp?.notes ?? '');
  const [busy, setBusy] = useState(false);
  const notesTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const id = useId();
  const t = useT();
  useEffect(() => () => void (notesTimer.current && clearTimeout(notesTimer.current)), []);

  const dispositions = desk?.dispositions ?? [];
  const required = (desk?.dispositionRequired ?? false) && dispositions.length > 0;
  const fieldError = completeError?.fields?.disposition && !disposition ? issueText(completeError.fields.disposition, t) : null;
  const notesError = completeError?.fields?.notes ? issueText(completeError.fields.notes, t) : null;
  const problem = wrapUp?.problem ?? saveError;
  const formError = completeError && !completeError.fields ? errorText(completeError, t) : problem ? errorText(problem, t) : null;

  const save = (nextDisposition: string, nextNotes: string) => void actions.saveWrapUp(r.sid, nextDisposition || null, nextNotes);

  return (
    <section aria-label={t('wrapUp.title')} className="wrap-up">
      <h3>{t('wrapUp.title')}</h3>
      {wrapUp && (
        <div className="wrap-timer" role="timer" aria-live="off">
          {wrapUp.deadline !== null ? (
            <>
              <span>{t('wrapUp.completesIn')}</span> <TimeLeft until={wrapUp.deadline} className="wrap-left" />
              <button type="button" onClick={() => void actions.extendWrapUp(r.sid)}>
                {t('wrapUp.extend', { seconds: WRAP_UP_EXTENSION_SECONDS })}
              </button>
            </>
          ) : (
            <>
              <span>{t('wrapUp.for')}</span> <Elapsed since={wrapUp.startedAt} />
            </>
          )}
        </div>
      )}
      <form
        className="wrap-form"
        aria-label={t('wrapUp.title')}
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          if (notesTimer.current) clearTimeout(notesTimer.current);
          setBusy(true);
          const result = await actions.finishWrapUp(r.sid, disposition || null, notes);
          setBusy(false);
          if (!result.ok && result.error.field === 'disposition') document.getElementById(`${id}-disposition`)?.focus();
        }}
      >
        {dispositions.length > 0 && (
          <div className="field">
            <label htmlFor={`${id}-disposition`}>{t(required ? 'wrapUp.dispositionRequired' : 'wrapUp.disposition')}</label>
            <select
              id={`${id}-disposition`}
              value={disposition}
              aria-required={required || undefined}
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={fieldError ? `${id}-disposition-error` : undefined}
              onChange={(e) => {
                setDisposition(e.target.value);
                save(e.target.value, notes);
              }}
            >
              <option value="">{t(required ? 'common.choose' : 'wrapUp.none')}</option>
              {dispositions.map((d) => (
                <option key={d} value={d}>
                  {dispositionLabel(d, t)}
                </option>
              ))}
            </select>
            {fieldError && (
              <p className="field-error" id={`${id}-disposition-error`}>
                {fieldError}
              </p>
            )}
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-notes`}>{t('wrapUp.notes')}</label>
          <textarea
            id={`${id}-notes`}
            rows={3}
            maxLength={4000}
            value={notes}
            aria-invalid={notesError ? true : undefined}
            onChange={(e) => {
              const next = e.target.value;
              setNotes(next);
              if (notesTimer.current) clearTimeout(notesTimer.current);
              notesTimer.current = setTimeout(() => save(disposition, next), SAVE_NOTES_AFTER_MS);
            }}
          />
          {notesError && <p className="field-error">{notesError}</p>}
        </div>
        {formError && (
          <p className="action-error" role="alert">
            {formError}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || wrapUp?.state === 'completing'}>
            {t('wrapUp.complete')}
          </button>
        </div>
      </form>
    </section>
  );
}
