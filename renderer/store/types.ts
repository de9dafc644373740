import type { ReservationsSlice } from './reservations';
import type { WorkerSlice } from './worker';
import type { ConnectionSlice } from './connection';
import type { SettingsSlice } from './settings';
import type { UiSlice } from './ui';
import type { ErrorsSlice } from './errors';
import type { SessionSlice } from './session';
import type { DeskSlice } from './desk';
import type { AnswersSlice } from './answers';

/** The whole renderer state: one store made of the slices below. */
export type AppState = SessionSlice & ReservationsSlice & WorkerSlice & ConnectionSlice & SettingsSlice & UiSlice & ErrorsSlice & DeskSlice & AnswersSlice;

/** zustand's slice creator, narrowed to this app's state. */
export type SliceCreator<T> = (set: (partial: Partial<AppState> | ((state: AppState) => Partial<AppState>)) => void, get: () => AppState) => T;
