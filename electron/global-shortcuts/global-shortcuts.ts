import type { GlobalShortcut } from 'electron';
import { z } from 'zod';
import {
  DEFAULT_GLOBAL_SHORTCUTS,
  GLOBAL_SHORTCUT_ACTIONS,
  PRESS_TWICE_ACTIONS,
  PRESS_TWICE_WINDOW_MS,
  globalComboTakenBy,
  globalShortcutsInput,
  parseGlobalCombo,
  type GlobalShortcutAction,
  type GlobalShortcutStatus,
  type GlobalShortcutsInput,
  type GlobalShortcutsState,
} from '../../shared/global-shortcuts';
import { parseWith } from '../../shared/parse';
import { err, ok, type Result } from '../../shared/result';
import type { Logger, SettingsStore } from '../../host/types';
import { comboToAccelerator } from './accelerator';
import { createPressTwiceGate } from './press-twice';

type Bindings = Record<GlobalShortcutAction, string>;

export interface GlobalShortcutsDeps {
  globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister' | 'setSuspended'>;
  /** Where the switch and the keys are kept (a JSON file in userData). */
  store: SettingsStore;
  now: () => number;
  /** Run the action (the window runs its in-window shortcut's handler). A press-twice action arrives confirmed. */
  onAction(action: GlobalShortcutAction): void;
  /** The first press of a press-twice action: tell the agent to press again. */
  onArmed(action: GlobalShortcutAction, combo: string): void;
  /** The state changed (switched, rebound, released): the window's Settings shows it. */
  onChange(state: GlobalShortcutsState): void;
  logger: Logger;
}

export interface GlobalShortcuts {
  /** Reads the stored choice and registers the keys when it is on (global shortcuts are off until the agent turns them on). */
  load(): Promise<GlobalShortcutsState>;
  /** Resolves once the stored choice has been read (at once if load was never called). */
  loaded(): Promise<void>;
  state(): GlobalShortcutsState;
  save(input: GlobalShortcutsInput): Promise<Result<GlobalShortcutsState>>;
  /** While the agent records a new combination in Settings, pressing the current one must type it, not run it. */
  suspend(suspended: boolean): GlobalShortcutsState;
  /** Gives every key back to the OS (quit). */
  release(): void;
}

/** What is kept on disk: the switch, and only the keys the agent changed. */
const stored = z.object({ enabled: z.boolean().catch(false), bindings: z.record(z.string(), z.unknown()).catch({}) }).catch({ enabled: false, bindings: {} });

/** Stored keys over the defaults, skipping any that a hand-edited file made invalid or duplicate. */
function readBindings(saved: Record<string, unknown>): Bindings {
  const bindings: Bindings = { ...DEFAULT_GLOBAL_SHORTCUTS };
  for (const action of GLOBAL_SHORTCUT_ACTIONS) {
    const combo = saved[action];
    if (typeof combo === 'string' && parseGlobalCombo(combo).ok && !globalComboTakenBy(bindings, action, combo)) bindings[action] = combo;
  }
  return bindings;
}

/**
 * Global shortcuts with Electron's globalShortcut: off by default, registered
 * when the agent turns them on, released when turned off or at quit. A key the
 * OS refuses (another application holds it) is reported per action as `in_use`.
 * Each press runs the in-window action of the same name through `onAction`;
 * hang up asks for a second press within PRESS_TWICE_WINDOW_MS.
 */
export function createGlobalShortcuts(deps: GlobalShortcutsDeps): GlobalShortcuts {
  let enabled = false;
  let bindings: Bindings = { ...DEFAULT_GLOBAL_SHORTCUTS };
  let suspended = false;
  const status = Object.fromEntries(GLOBAL_SHORTCUT_ACTIONS.map((a) => [a, 'off'])) as Record<GlobalShortcutAction, GlobalShortcutStatus>;
  /** The accelerators we hold now, so we give back exactly ours. */
  const held = new Set<string>();
  const gate = createPressTwiceGate(PRESS_TWICE_WINDOW_MS, deps.now);
  /** The stored choice being read: a change asked for meanwhile waits for it, or the read would undo the change. */
  let loading: Promise<unknown> = Promise.resolve();

  const state = (): GlobalShortcutsState => ({ enabled, bindings: { ...bindings }, status: { ...status }, pressTwiceWindowMs: PRESS_TWICE_WINDOW_MS });

  const pressed = (action: GlobalShortcutAction) => {
    if (!PRESS_TWICE_ACTIONS.includes(action)) return deps.onAction(action);
    if (gate.press(action) === 'confirmed') deps.onAction(action);
    else deps.onArmed(action, bindings[action]);
  };

  function release(): void {
    for (const accelerator of held) deps.globalShortcut.unregister(accelerator);
    held.clear();
    gate.reset();
  }

  /** Gives back what we hold, then registers the current keys if switched on. */
  function apply(): void {
    release();
    // Electron refuses registrations while suspended: lift it for the moment of registering.
    if (suspended) deps.globalShortcut.setSuspended(false);
    for (const action of GLOBAL_SHORTCUT_ACTIONS) {
      if (!enabled) {
        status[action] = 'off';
        continue;
      }
      const accelerator = comboToAccelerator(bindings[action]);
      if (!accelerator) {
        status[action] = 'invalid';
        continue;
      }
      try {
        const registered = deps.globalShortcut.register(accelerator, () => pressed(action));
        status[action] = registered ? 'registered' : 'in_use';
        if (registered) held.add(accelerator);
      } catch (error) {
        // Electron throws for a string it cannot read as an accelerator (this platform lacks the key).
        deps.logger.warn('a global shortcut could not be registered', { action, accelerator, message: error instanceof Error ? error.message : String(error) });
        status[action] = 'invalid';
      }
    }
    if (suspended) deps.globalShortcut.setSuspended(true);
    const refused = GLOBAL_SHORTCUT_ACTIONS.filter((a) => status[a] === 'in_use');
    if (refused.length > 0) deps.logger.warn('another application holds some global shortcuts', { actions: refused.join(',') });
  }

  const changed = () => {
    const now = state();
    deps.onChange(now);
    return now;
  };

  return {
    load() {
      const reading = (async () => {
        const saved = stored.parse(await deps.store.load().catch(() => null));
        enabled = saved.enabled;
        bindings = readBindings(saved.bindings);
        apply();
        return changed();
      })();
      loading = reading.catch(() => undefined);
      return reading;
    },
    loaded: async () => void (await loading),
    state,
    async save(input) {
      const parsed = parseWith(globalShortcutsInput, input);
      if (!parsed.ok) return parsed;
      await loading;
      const next: Bindings = parsed.value.resetBindings ? { ...DEFAULT_GLOBAL_SHORTCUTS } : { ...bindings, ...parsed.value.bindings };
      for (const action of GLOBAL_SHORTCUT_ACTIONS) {
        const other = globalComboTakenBy(next, action, next[action]);
        if (other && parsed.value.bindings?.[action] !== undefined) {
          return err('invalid_input', `${next[action]} is already the global shortcut for ${other}.`, { field: `bindings.${action}` });
        }
      }
      enabled = parsed.value.enabled ?? enabled;
      bindings = next;
      const changedKeys = GLOBAL_SHORTCUT_ACTIONS.filter((a) => bindings[a] !== DEFAULT_GLOBAL_SHORTCUTS[a]);
      await deps.store.save({ enabled, bindings: Object.fromEntries(changedKeys.map((a) => [a, bindings[a]])) });
      apply();
      return ok(changed());
    },
    suspend(next) {
      suspended = next;
      deps.globalShortcut.setSuspended(next);
      return state();
    },
    release() {
      release();
      if (suspended) deps.globalShortcut.setSuspended(false);
      suspended = false;
      for (const action of GLOBAL_SHORTCUT_ACTIONS) status[action] = 'off';
    },
  };
}
