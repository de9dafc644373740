import { useShallow } from 'zustand/react/shallow';
import { useSelect } from '../app/context';
import { activeSids, endedSids, pendingSids } from '../store/selectors';
import { ReservationCard } from './ReservationCard';

/** The "Reservations" region: pending offers by time left, then tasks in progress, then the recap of ended ones. */
export function Inbox() {
  const pending = useSelect(useShallow(pendingSids));
  const active = useSelect(useShallow(activeSids));
  const ended = useSelect(useShallow(endedSids));
  const empty = pending.length + active.length + ended.length === 0;
  return (
    <section aria-label="Reservations" className="inbox">
      <h2 className="visually-hidden">Reservations</h2>
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
      {ended.length > 0 && (
        <div className="group recap" role="group" aria-label="Ended offers">
          <h3 className="group-title">Ended</h3>
          {ended.map((sid) => (
            <ReservationCard key={sid} sid={sid} />
          ))}
        </div>
      )}
    </section>
  );
}
