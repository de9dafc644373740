import type { FieldIssues } from '../../shared/issues';
import { issueText } from '../app/error-text';
import { useT } from '../i18n/react';

interface Props {
  errors: FieldIssues;
  /** The label of each field, by its key, so the summary names it as the form does. */
  labels: Record<string, string>;
  idFor(field: string): string;
  /** Makes a field visible before it is focused (an "Advanced" section). */
  onBeforeFocus?(field: string): void;
}

/**
 * Every problem of a form at once, at its top: one link per invalid field that
 * moves focus there. Problems of the form as a whole (key "") are listed too.
 */
export function FormErrorSummary({ errors, labels, idFor, onBeforeFocus }: Props) {
  const t = useT();
  const entries = Object.entries(errors).map(([field, problem]) => [field, issueText(problem, t)] as const);
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert">
      <p className="error-summary-title">{t('form.summary', { count: entries.length })}</p>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field || 'form'}>
            {field && labels[field] !== undefined ? (
              <a
                href={`#${idFor(field)}`}
                onClick={(e) => {
                  e.preventDefault();
                  onBeforeFocus?.(field);
                  const el = document.getElementById(idFor(field));
                  el?.scrollIntoView?.({ block: 'center' });
                  el?.focus();
                }}
              >
                {t('error.field', { field: labels[field], problem: message })}
              </a>
            ) : (
              message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
