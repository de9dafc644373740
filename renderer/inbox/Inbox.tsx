import { useShallow } from 'zustand/react/shallow';
import { useSelect } from '../app/context';
import { activeSids, pendingSids } from '../store/selectors';
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
  return (
    <section aria-label="Reservations" className="inbox">
      <h2 className="region-title">{pending.length > 0 ? `Offers (${pending.length})` : 'Offers'}</h2>
      {empty && <p className="empty">No offers right now. New ones appear here with the time left to answer.</p>}
      {pending.length > 0 && (
        <div className="group" role="group" aria-label={`Offers waiting (${pending.length})`}>
          {pending.map((sid) => (
            <ReservationCard key={sid} sid={sid} />
          ))}
        </div>
      )}
      {active.length > 0 && (
        <div className="group" role="group" aria-label="In progress">
          {active.map((sid) => (
            <ReservationCard key={sid} sid={sid} />
          ))}
        </div>
      )}
    </section>
  );
}
