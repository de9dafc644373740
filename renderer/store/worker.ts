import type { Activity, Snapshot, Worker } from '../../shared/model';
import type { SliceCreator } from './types';

export interface WorkerSlice {
  worker: Worker | null;
  activities: Activity[];
  workspace: Snapshot['workspace'];
  setWorker(worker: Worker | null): void;
  setActivities(activities: Activity[]): void;
  setWorkspace(workspace: Snapshot['workspace']): void;
}

export const createWorkerSlice: SliceCreator<WorkerSlice> = (set) => ({
  worker: null,
  activities: [],
  workspace: null,
  setWorker: (worker) => set({ worker }),
  setActivities: (activities) => set({ activities }),
  setWorkspace: (workspace) => set({ workspace }),
});
