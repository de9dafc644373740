import { useT } from '../i18n/react';
import { useSelect } from './context';
import { errorText } from './error-text';

/** The error of one control, shown right next to it, in words the agent can act on. */
export function ErrorText({ target, id }: { target: string; id?: string }) {
  const error = useSelect((s) => s.errorsByTarget[target]);
  const t = useT();
  if (!error) return null;
  return (
    <p className="action-error" role="alert" id={id}>
      {errorText(error, t)}
    </p>
  );
}
