import type { Reservation } from '../../shared/model';
import { errorTarget } from '../app/actions';
import { useSelect, useServices } from '../app/context';
import { ErrorText } from '../app/ErrorText';
import { T, useT } from '../i18n/react';
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
  const t = useT();
  if (!template) return null;
  const filled = fillTemplate(template, r.task.attributes);
  if ('missing' in filled)
    return (
      <p className="hint">
        <T id="customerLink.missing" values={{ attribute: filled.missing }} components={{ 0: <code translate="no" /> }} />
      </p>
    );
  return (
    <p className="customer-link">
      {link?.inElectron ? (
        <button type="button" className="link-button" onClick={() => void actions.openExternal(r.sid, filled.url)}>
          {t('customerLink.open')}
        </button>
      ) : (
        <a href={filled.url} target="_blank" rel="noopener noreferrer">
          {t('customerLink.open')}
        </a>
      )}
      <ErrorText target={errorTarget.link(r.sid)} />
    </p>
  );
}
