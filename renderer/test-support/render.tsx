import { cleanup, render } from '@testing-library/react';
import { afterEach } from 'vitest';
import type { ReactNode } from 'react';
import { createActions } from '../app/actions';
import { AppContext, type AppServices } from '../app/context';
import { createShortcutRegistry } from '../shortcuts/registry';
import { createAppStore } from '../store/store';
import { recordingApi } from './fixtures';

// vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => cleanup());

/** Renders UI with a fresh store and an API that records every request. */
export function renderWithServices(ui: ReactNode, answer?: Parameters<typeof recordingApi>[0]) {
  const store = createAppStore();
  const { api, calls } = recordingApi(answer);
  const services: AppServices = { store, actions: createActions(api, store), shortcuts: createShortcutRegistry(), link: null, ringtone: null };
  const view = render(<AppContext.Provider value={services}>{ui}</AppContext.Provider>);
  return { ...view, store, calls, services };
}
