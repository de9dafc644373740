import { useShallow } from 'zustand/react/shallow';
import { useSelect } from '../app/context';
import { activeSids, pendingSids } from '../store/selectors';
import { useT } from '../i18n/react';
import { ReservationCard } from './ReservationCard';

/**
 * The live items: pending offers by time left, then tasks in progress. Ended
 * items leave this list for the history, so nothing ended ever pushes a live
 * offer or the call out of view.
 */
export function Inbox() {
  const pending = useSelect(useShallow(pendingSids));
  const active = useSelect(useShallow(activeSids));
  const empty = pending.length + active.length === 0;
  const t = useT();
  return (
    <section aria-label={t('inbox.label')} className="inbox">
      <h2 className="region-title">{t('inbox.title', { count: pending.length })}</h2>
      {empty && <p className="empty">{t('inbox.empty')}</p>}
      {pending.length > 0 && (
        <div className="group" role="group" aria-label={t('inbox.waiting', { count: pending.length })}>
          {pending.map((sid) => (
            <ReservationCard key={sid} sid={sid} />
          ))}
        </div>
      )}
      {active.length > 0 && (
        <div className="group" role="group" aria-label={t('inbox.inProgress')}>
          {active.map((sid) => (
            <ReservationCard key={sid} sid={sid} />
          ))}
        </div>
      )}
    </section>
  );
}
