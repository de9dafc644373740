import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_GLOBAL_SHORTCUTS, type GlobalShortcutsState } from '../../shared/global-shortcuts';
import { ok } from '../../shared/result';
import { createActions } from '../app/actions';
import { AppContext, type AppServices } from '../app/context';
import type { HostLink } from '../client/host-link';
import { createShortcutRegistry } from '../shortcuts/registry';
import { createAppStore } from '../store/store';
import { recordingApi } from '../test-support/fixtures';
import { GlobalShortcutsSection } from './GlobalShortcutsSection';
import { t } from '../i18n/i18n';

afterEach(() => cleanup());

const state = (over: Partial<GlobalShortcutsState> = {}): GlobalShortcutsState => ({
  enabled: false,
  bindings: { ...DEFAULT_GLOBAL_SHORTCUTS },
  status: { accept: 'off', reject: 'off', mute: 'off', hold: 'off', hangUp: 'off', activityMenu: 'off' },
  pressTwiceWindowMs: 2000,
  ...over,
});

/** The section with a host that answers like the desktop app (inElectron) or the browser bridge. */
async function renderSection(inElectron: boolean, answer: (method: string, input: unknown) => unknown) {
  const store = createAppStore();
  const { api, calls } = recordingApi(answer);
  const link: HostLink = { api, inElectron, status: () => 'connected', onStatus: () => () => undefined, close: () => undefined };
  const services: AppServices = { store, actions: createActions(api, store), shortcuts: createShortcutRegistry(), link, ringtone: null };
  await act(async () => void render(<AppContext.Provider value={services}>{<GlobalShortcutsSection />}</AppContext.Provider>));
  return { calls };
}

const press = (field: HTMLElement, init: KeyboardEventInit & { code: string }) => fireEvent.keyDown(field, { ctrlKey: true, altKey: true, shiftKey: true, ...init });

describe('global shortcuts in Settings', () => {
  it('says in browser mode that they need the desktop app, and asks nothing', async () => {
    const { calls } = await renderSection(false, () => undefined);
    expect(screen.getByText(t('globalShortcuts.needDesktop'))).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it('shows the switch off by default, turns them on, and shows a key another application holds', async () => {
    let current = state();
    const { calls } = await renderSection(true, (method, input) => {
      if (method === 'saveGlobalShortcuts') current = state({ ...current, ...(input as object), status: { ...current.status, accept: 'registered', mute: 'in_use' } });
      return ok(current);
    });
    const toggle = screen.getByRole('checkbox', { name: /while other applications have focus/ }) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    await act(async () => fireEvent.click(toggle));
    expect(calls.at(-1)).toEqual({ method: 'saveGlobalShortcuts', input: { enabled: true } });
    expect((screen.getByRole('checkbox', { name: /while other applications have focus/ }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('alert').textContent).toMatch(/Another application already uses these keys/);
    expect(screen.getByText(/second press within 2 s/)).toBeTruthy();
  });

  it('records new keys with global shortcuts paused, saves them, and refuses ones that would break other keys', async () => {
    let current = state({ enabled: true });
    const { calls } = await renderSection(true, (method, input) => {
      if (method === 'saveGlobalShortcuts') current = state({ ...current, bindings: { ...current.bindings, ...(input as { bindings: object }).bindings } });
      return ok(current);
    });
    const field = screen.getByLabelText('Mute or unmute the call');
    await act(async () => fireEvent.focus(field));
    expect(calls.at(-1)).toEqual({ method: 'suspendGlobalShortcuts', input: { suspended: true } });
    await act(async () => press(field, { key: 'U', code: 'KeyU' }));
    expect(calls.at(-1)).toEqual({ method: 'saveGlobalShortcuts', input: { bindings: { mute: 'Ctrl+Alt+Shift+U' } } });
    expect((screen.getByLabelText('Mute or unmute the call') as HTMLInputElement).value).toBe('Ctrl+Alt+Shift+U');
    // The in-window Accept key, as the global Hold key, would stop Ctrl+Shift+A from working in the window.
    const before = calls.length;
    await act(async () => fireEvent.keyDown(screen.getByLabelText('Hold or resume the call'), { key: 'A', code: 'KeyA', ctrlKey: true, shiftKey: true }));
    expect(calls.length).toBe(before);
    expect(screen.getByRole('alert').textContent).toMatch(/in-window key for "Accept/);
    await act(async () => fireEvent.blur(field));
    expect(calls.at(-1)).toEqual({ method: 'suspendGlobalShortcuts', input: { suspended: false } });
  });
});
