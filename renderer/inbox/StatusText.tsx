import type { Reservation } from '../../shared/model';
import { useSelect } from '../app/context';
import { useT } from '../i18n/react';
import { statusMessage } from './status-text';

/**
 * A reservation's state in a few words, on its card and in its detail; while
 * this window's answer to the offer is on its way (and TaskRouter has not yet
 * said otherwise), that it is.
 */
export function StatusText({ r }: { r: Reservation }) {
  const answering = useSelect((s) => (r.status === 'pending' ? s.answering[r.sid] : undefined));
  const t = useT();
  const text = answering === 'accept' ? t('card.accepting') : answering === 'reject' ? t('card.rejecting') : t(statusMessage(r));
  return <span className="status-text">{text}</span>;
}
