import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_GLOBAL_SHORTCUTS, PRESS_TWICE_WINDOW_MS, type GlobalShortcutAction } from '../../shared/global-shortcuts';
import { memorySettingsStore } from '../../host/index';

vi.mock('electron', () => import('../testing/electron-mock'));
const { globalShortcut } = await import('../testing/electron-mock');
const { createGlobalShortcuts } = await import('./global-shortcuts');
const { comboToAccelerator } = await import('./accelerator');

function setup(initial: unknown = null) {
  let now = 1_000;
  const store = memorySettingsStore(initial);
  const ran: GlobalShortcutAction[] = [];
  const armed: string[] = [];
  const changes: unknown[] = [];
  const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const shortcuts = createGlobalShortcuts({
    globalShortcut,
    store,
    now: () => now,
    onAction: (action) => ran.push(action),
    onArmed: (action, combo) => armed.push(`${action}:${combo}`),
    onChange: (state) => changes.push(state),
    logger,
  });
  return { shortcuts, store, ran, armed, changes, logger, advance: (ms: number) => void (now += ms) };
}

beforeEach(() => {
  globalShortcut.unregisterAll();
  globalShortcut.takenByOtherApps.clear();
  globalShortcut.suspended = false;
});

describe('global shortcuts', () => {
  it('are off by default: nothing is registered with the OS', async () => {
    const { shortcuts } = setup();
    const state = await shortcuts.load();
    expect(state.enabled).toBe(false);
    expect(Object.values(state.status)).toEqual(Array(6).fill('off'));
    expect(globalShortcut.registered.size).toBe(0);
    expect(globalShortcut.press('Ctrl+Alt+Shift+A')).toBe(false);
  });

  it('once switched on, each key works from any application and runs its action', async () => {
    const { shortcuts, ran, store } = setup();
    await shortcuts.load();
    const saved = await shortcuts.save({ enabled: true });
    expect(saved.ok && saved.value.status).toEqual({ accept: 'registered', reject: 'registered', mute: 'registered', hold: 'registered', hangUp: 'registered', activityMenu: 'registered' });
    expect([...globalShortcut.registered.keys()].sort()).toEqual(Object.values(DEFAULT_GLOBAL_SHORTCUTS).sort());
    // The OS delivers the keys while another application has focus: the mock's press is exactly that delivery.
    globalShortcut.press('Ctrl+Alt+Shift+A');
    globalShortcut.press('Ctrl+Alt+Shift+M');
    globalShortcut.press('Ctrl+Alt+Shift+S');
    expect(ran).toEqual(['accept', 'mute', 'activityMenu']);
    expect(await store.load()).toEqual({ enabled: true, bindings: {} });
  });

  it('reports a key another application holds, and registers the others', async () => {
    const { shortcuts, logger } = setup({ enabled: true, bindings: {} });
    globalShortcut.takenByOtherApps.add('Ctrl+Alt+Shift+M');
    const state = await shortcuts.load();
    expect(state.status.mute).toBe('in_use');
    expect(state.status.hold).toBe('registered');
    expect(logger.warn).toHaveBeenCalledWith('another application holds some global shortcuts', { actions: 'mute' });
    // The other application lets go; rebinding (or switching off and on) tries again.
    globalShortcut.takenByOtherApps.clear();
    const again = await shortcuts.save({ enabled: true });
    expect(again.ok && again.value.status.mute).toBe('registered');
  });

  it('remaps a key: the old one is given back, the new one registered and kept', async () => {
    const { shortcuts, ran, store } = setup({ enabled: true, bindings: {} });
    await shortcuts.load();
    const saved = await shortcuts.save({ bindings: { accept: 'Ctrl+Alt+P', hold: 'Shift+Meta+ArrowUp' } });
    expect(saved.ok).toBe(true);
    expect(globalShortcut.isRegistered('Ctrl+Alt+Shift+A')).toBe(false);
    expect(globalShortcut.isRegistered('Ctrl+Alt+P')).toBe(true);
    expect(globalShortcut.isRegistered('Shift+Super+Up')).toBe(true);
    globalShortcut.press('Ctrl+Alt+P');
    globalShortcut.press('Shift+Super+Up');
    expect(ran).toEqual(['accept', 'hold']);
    expect(await store.load()).toEqual({ enabled: true, bindings: { accept: 'Ctrl+Alt+P', hold: 'Shift+Meta+ArrowUp' } });
    // A restart reads them back.
    const reloaded = createGlobalShortcutsFrom(store);
    expect((await reloaded.load()).bindings.accept).toBe('Ctrl+Alt+P');
  });

  it('refuses a key already bound to another global action, or one without Ctrl/Alt/Meta, and changes nothing', async () => {
    const { shortcuts } = setup({ enabled: true, bindings: {} });
    await shortcuts.load();
    const taken = await shortcuts.save({ bindings: { reject: 'Ctrl+Alt+Shift+A' } });
    expect(taken).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'bindings.reject' } });
    const plain = await shortcuts.save({ bindings: { reject: 'Shift+X' } });
    expect(plain).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'bindings.reject' } });
    expect(shortcuts.state().bindings.reject).toBe(DEFAULT_GLOBAL_SHORTCUTS.reject);
    expect(globalShortcut.isRegistered('Ctrl+Alt+Shift+X')).toBe(true);
  });

  it('hangs up only on a second press within the window, and says so after the first', async () => {
    const { shortcuts, ran, armed, advance } = setup({ enabled: true, bindings: {} });
    await shortcuts.load();
    globalShortcut.press('Ctrl+Alt+Shift+1');
    expect(ran).toEqual([]);
    expect(armed).toEqual(['hangUp:Ctrl+Alt+Shift+1']);
    advance(PRESS_TWICE_WINDOW_MS - 1);
    globalShortcut.press('Ctrl+Alt+Shift+1');
    expect(ran).toEqual(['hangUp']);
    // Too slow: the second press only arms again.
    globalShortcut.press('Ctrl+Alt+Shift+1');
    advance(PRESS_TWICE_WINDOW_MS + 1);
    globalShortcut.press('Ctrl+Alt+Shift+1');
    expect(ran).toEqual(['hangUp']);
    expect(armed).toHaveLength(3);
  });

  it('gives every key back when switched off, and at quit', async () => {
    const { shortcuts } = setup({ enabled: true, bindings: { mute: 'Ctrl+Alt+Shift+U' } });
    await shortcuts.load();
    expect(globalShortcut.registered.size).toBe(6);
    const off = await shortcuts.save({ enabled: false });
    expect(off.ok && off.value.status.accept).toBe('off');
    expect(globalShortcut.registered.size).toBe(0);
    await shortcuts.save({ enabled: true });
    expect(globalShortcut.registered.size).toBe(6);
    // Another part of the app (or a test) holding its own key keeps it: release gives back exactly ours.
    globalShortcut.register('Ctrl+Alt+F12', () => undefined);
    shortcuts.release();
    expect([...globalShortcut.registered.keys()]).toEqual(['Ctrl+Alt+F12']);
  });

  it('is suspended while a key field records, and still registers a key saved meanwhile', async () => {
    const { shortcuts, ran } = setup({ enabled: true, bindings: {} });
    await shortcuts.load();
    shortcuts.suspend(true);
    expect(globalShortcut.press('Ctrl+Alt+Shift+A')).toBe(false);
    const saved = await shortcuts.save({ bindings: { accept: 'Ctrl+Alt+Shift+Y' } });
    expect(saved.ok && saved.value.status.accept).toBe('registered');
    expect(globalShortcut.isSuspended()).toBe(true);
    shortcuts.suspend(false);
    globalShortcut.press('Ctrl+Alt+Shift+Y');
    expect(ran).toEqual(['accept']);
  });

  it('a change asked for while the stored choice is still being read is not undone by that read', async () => {
    let finishReading: (value: unknown) => void = () => undefined;
    const store = { load: () => new Promise<unknown>((resolve) => (finishReading = resolve)), save: vi.fn(async () => undefined) };
    const shortcuts = createGlobalShortcuts({ globalShortcut, store, now: () => 0, onAction: vi.fn(), onArmed: vi.fn(), onChange: vi.fn(), logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn() } });
    const loading = shortcuts.load();
    const saving = shortcuts.save({ enabled: true });
    finishReading(null);
    await loading;
    const saved = await saving;
    expect(saved.ok && saved.value.enabled).toBe(true);
    expect(shortcuts.state().enabled).toBe(true);
    expect(globalShortcut.registered.size).toBe(6);
  });

  it('ignores a hand-edited file that is invalid or makes two actions share a key', async () => {
    const { shortcuts } = setup({ enabled: 'yes', bindings: { accept: 'Q', reject: 'Ctrl+Alt+Shift+M', hold: 42 } });
    const state = await shortcuts.load();
    expect(state.enabled).toBe(false);
    expect(state.bindings).toEqual(DEFAULT_GLOBAL_SHORTCUTS);
  });
});

describe('combo to accelerator', () => {
  it('names keys as Electron does and refuses what a global shortcut may not use', () => {
    expect(comboToAccelerator('Ctrl+Alt+Shift+A')).toBe('Ctrl+Alt+Shift+A');
    expect(comboToAccelerator('Meta+ArrowDown')).toBe('Super+Down');
    expect(comboToAccelerator('Ctrl+F12')).toBe('Ctrl+F12');
    expect(comboToAccelerator('Shift+A')).toBeNull();
    expect(comboToAccelerator('?')).toBeNull();
    expect(comboToAccelerator('Alt+Ctrl+A')).toBeNull();
  });
});

function createGlobalShortcutsFrom(store: ReturnType<typeof memorySettingsStore>) {
  globalShortcut.unregisterAll();
  const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  return createGlobalShortcuts({ globalShortcut, store, now: () => 0, onAction: vi.fn(), onArmed: vi.fn(), onChange: vi.fn(), logger });
}
