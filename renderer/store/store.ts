import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { createAnswersSlice } from './answers';
import { createConnectionSlice } from './connection';
import { createDeskSlice } from './desk';
import { createErrorsSlice } from './errors';
import { createReservationsSlice } from './reservations';
import { createSessionSlice } from './session';
import { createSettingsSlice } from './settings';
import type { AppState, SliceCreator } from './types';
import { createUiSlice } from './ui';
import { createWorkerSlice } from './worker';

export type AppStore = StoreApi<AppState>;

/** True when applying `partial` would leave every field as it is (`{}` included). */
const changesNothing = (state: AppState, partial: Partial<AppState>): boolean =>
  Object.keys(partial).every((key) => Object.is(partial[key as keyof AppState], state[key as keyof AppState]));

/**
 * zustand notifies every subscriber on every `set`, even one that changes
 * nothing (a stale event, the same selection again). With 50 offers on screen
 * that is hundreds of selectors and a React pass per no-op, and the desk and
 * attention watchers call `set` on every reservation change. A `set` that
 * changes nothing is dropped here, once, for every slice.
 */
function onlyChanges(set: StoreApi<AppState>['setState']): Parameters<SliceCreator<unknown>>[0] {
  return (partial) =>
    set((state) => {
      const next = typeof partial === 'function' ? partial(state) : partial;
      return changesNothing(state, next) ? state : next;
    });
}

/** A fresh store; tests build their own, the app builds one in main.tsx. */
export function createAppStore(): AppStore {
  return createStore<AppState>()((rawSet, get) => {
    const set = onlyChanges(rawSet);
    return {
      ...createSessionSlice(set, get),
      ...createReservationsSlice(set, get),
      ...createWorkerSlice(set, get),
      ...createConnectionSlice(set, get),
      ...createSettingsSlice(set, get),
      ...createUiSlice(set, get),
      ...createErrorsSlice(set, get),
      ...createDeskSlice(set, get),
      ...createAnswersSlice(set, get),
    };
  });
}

export type { AppState };

/** React binding: components pass the narrowest selector they can. */
export const useAppStore = <T,>(store: AppStore, selector: (state: AppState) => T): T => useStore(store, selector);
