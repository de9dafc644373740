import { createContext, useContext } from 'react';
import type { HostLink } from '../client/host-link';
import type { ShortcutRegistry } from '../shortcuts/registry';
import type { AppStore } from '../store/store';
import { useAppStore } from '../store/store';
import type { AppState } from '../store/types';
import type { Actions } from './actions';
import type { Ringtone } from '../attention/ringtone';

/** What every component may reach: the store, the actions, the shortcut registry. */
export interface AppServices {
  store: AppStore;
  actions: Actions;
  shortcuts: ShortcutRegistry;
  link: HostLink | null;
  ringtone: Ringtone | null;
}

export const AppContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('AppContext is missing: render inside <AppContext.Provider>.');
  return services;
}

/** Selects the least state a component needs. */
export function useSelect<T>(selector: (state: AppState) => T): T {
  return useAppStore(useServices().store, selector);
}
