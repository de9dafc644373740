import type { FieldErrors } from '../../shared/parse';

interface Props {
  errors: FieldErrors;
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
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert">
      <p className="error-summary-title">{entries.length === 1 ? 'Fix this to continue:' : `Fix these ${entries.length} things to continue:`}</p>
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
                {labels[field]}: {message}
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
