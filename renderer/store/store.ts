import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { createConnectionSlice } from './connection';
import { createDeskSlice } from './desk';
import { createErrorsSlice } from './errors';
import { createReservationsSlice } from './reservations';
import { createSessionSlice } from './session';
import { createSettingsSlice } from './settings';
import type { AppState } from './types';
import { createUiSlice } from './ui';
import { createWorkerSlice } from './worker';

export type AppStore = StoreApi<AppState>;

/** A fresh store; tests build their own, the app builds one in main.tsx. */
export function createAppStore(): AppStore {
  return createStore<AppState>()((set, get) => ({
    ...createSessionSlice(set, get),
    ...createReservationsSlice(set, get),
    ...createWorkerSlice(set, get),
    ...createConnectionSlice(set, get),
    ...createSettingsSlice(set, get),
    ...createUiSlice(set, get),
    ...createErrorsSlice(set, get),
    ...createDeskSlice(set, get),
  }));
}

export type { AppState };

/** React binding: components pass the narrowest selector they can. */
export const useAppStore = <T,>(store: AppStore, selector: (state: AppState) => T): T => useStore(store, selector);
