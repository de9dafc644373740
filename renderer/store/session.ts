import type { AppState, SliceCreator } from './types';

export interface SessionSlice {
  /** The host's session epoch this store shows; events and snapshots of an older one are dropped. */
  epoch: number;
  /**
   * A new epoch began (another worker, account, mode or connection): drop
   * everything learned in the old one — reservations, worker, activities,
   * errors, selection, missed offers — so nothing of it can stay on screen.
   */
  resetSession(epoch: number): void;
}

/** What belongs to one session epoch, as a fresh store holds it. */
const emptySession = (): Partial<AppState> => ({
  reservationsBySid: {},
  wrapUpsBySid: {},
  sentInstructions: {},
  acceptedAt: {},
  answering: {},
  lastAnswer: null,
  activitySeen: null,
  worker: null,
  activities: [],
  workspace: null,
  connection: null,
  errorsByTarget: {},
  selectedSid: null,
  instructionFormSid: null,
  activityMenuOpen: false,
});

export const createSessionSlice: SliceCreator<SessionSlice> = (set) => ({
  epoch: 0,
  resetSession: (epoch) => set((state) => (epoch > state.epoch ? { ...emptySession(), epoch } : {})),
});
