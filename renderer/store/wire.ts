import type { Snapshot } from '../../shared/model';
import type { HostLink } from '../client/host-link';
import type { AppStore } from './store';

export function applySnapshot(store: AppStore, snapshot: Snapshot): void {
  const s = store.getState();
  s.setSettings(snapshot.settings);
  s.setWorker(snapshot.worker);
  s.setActivities(snapshot.activities);
  s.setWorkspace(snapshot.workspace);
  s.setConnection(snapshot.connection);
  s.replaceReservations(snapshot.reservations);
  s.replaceWrapUps(snapshot.wrapUps);
}

/** A performance mark set when the first snapshot has been applied. */
export const SNAPSHOT_MARK = 'agent-desktop:first-snapshot';

/**
 * Connects the host's pushed events to the store, once, outside React. Every
 * time the link (re)connects, and whenever the host starts a new session
 * epoch, the snapshot is reloaded, because events may have been missed (or
 * belong to another worker). Returns a function that undoes the wiring.
 */
export function wireHostToStore(link: HostLink, store: AppStore): () => void {
  const { api } = link;
  const s = () => store.getState();
  const loadSnapshot = async () => {
    const result = await api.getSnapshot({});
    if (result.ok) {
      // Taken before a newer epoch began: the reload that epoch asked for will bring the truth.
      if (result.value.epoch < s().epoch) return;
      s().resetSession(result.value.epoch);
      applySnapshot(store, result.value);
      // The first snapshot is when the agent can act: the bench reads this mark as load-to-interactive.
      if (performance.getEntriesByName(SNAPSHOT_MARK).length === 0) performance.mark(SNAPSHOT_MARK);
      s().clearError('snapshot');
    } else s().setError('snapshot', result.error);
  };

  const unsubscribers = [
    api.onSessionReset((reset) => {
      // Another worker, account, mode or connection: nothing of the old one may stay on screen.
      s().resetSession(reset.epoch);
      void loadSnapshot();
    }),
    api.onReservationUpdated((r) => s().upsertReservation(r)),
    api.onWorkerUpdated((w) => s().setWorker(w)),
    api.onActivitiesUpdated((a) => s().setActivities(a)),
    api.onConnectionChanged((c) => s().setConnection(c)),
    api.onSettingsChanged((settings) => s().setSettings(settings)),
    api.onWrapUpUpdated((wrapUp) => s().setWrapUp(wrapUp)),
    api.onWrapUpEnded(({ reservationSid }) => s().endWrapUp(reservationSid)),
    link.onStatus((status) => {
      s().setHostStatus(status);
      if (status === 'connected') void loadSnapshot();
    }),
  ];
  s().setHostStatus(link.status());
  if (link.status() === 'connected') void loadSnapshot();
  return () => unsubscribers.forEach((off) => off());
}
