import type { AppStore } from '../store/store';

/**
 * Notes when each task was accepted, as this window saw it (the talk-time
 * clock): the host's updatedAt of the accepted reservation, the first time
 * it is seen accepted; and when the worker's activity changed, for the
 * header's time-in-activity when TaskRouter does not say. Wired once, outside React.
 */
export function watchDesk(store: AppStore): () => void {
  const note = () => {
    const s = store.getState();
    if (s.worker) s.noteActivity(s.worker.activitySid, Date.now());
    for (const r of Object.values(s.reservationsBySid)) if (r.status === 'accepted' && s.acceptedAt[r.sid] === undefined) s.noteAccepted(r.sid, r.updatedAt);
  };
  note();
  return store.subscribe((next, previous) => {
    if (next.reservationsBySid !== previous.reservationsBySid || next.worker !== previous.worker) note();
  });
}
