import type { Reservation } from '../../shared/model';
import { errorTarget } from '../app/actions';
import { useSelect, useServices } from '../app/context';
import { ErrorText } from '../app/ErrorText';
import { fillTemplate } from './attribute-path';

/**
 * The customer record in the contact center's CRM, from the https template in
 * Settings. In Electron the host opens it in the system browser (https only,
 * checked again there); in a browser tab it is a plain link in a new tab that
 * cannot reach back into this page (rel="noopener noreferrer").
 */
export function CustomerLink({ r }: { r: Reservation }) {
  const { actions, link } = useServices();
  const template = useSelect((s) => s.settings?.desk.customerUrlTemplate ?? null);
  if (!template) return null;
  const filled = fillTemplate(template, r.task.attributes);
  if ('missing' in filled) return <p className="hint">No customer record link: the task has no {filled.missing}.</p>;
  return (
    <p className="customer-link">
      {link?.inElectron ? (
        <button type="button" className="link-button" onClick={() => void actions.openExternal(r.sid, filled.url)}>
          Open the customer record
        </button>
      ) : (
        <a href={filled.url} target="_blank" rel="noopener noreferrer">
          Open the customer record
        </a>
      )}
      <ErrorText target={errorTarget.link(r.sid)} />
    </p>
  );
}
