import { comboFromEvent, isPlainKey, reservedWhy, type Combo, type KeyLike, type ReservedWhy } from './combo';
import { SHORTCUT_ACTIONS, SHORTCUTS, type ShortcutAction } from './defaults';

export type Bindings = Record<ShortcutAction, Combo>;

export type BindResult =
  | { ok: true }
  | { ok: false; reason: 'taken'; by: ShortcutAction }
  | { ok: false; reason: 'reserved'; why: ReservedWhy }
  | { ok: false; reason: 'invalid' };

export interface ShortcutEvent extends KeyLike {
  repeat: boolean;
  /** True when the keys went to a text field, where plain keys must type. */
  inEditable: boolean;
  preventDefault(): void;
}

/** A hold-to-confirm in progress: which action fires after how long. */
export interface HoldProgress {
  action: ShortcutAction;
  ms: number;
}

const STORAGE_KEY = 'agent-desktop:shortcuts';

export const defaultBindings = (): Bindings =>
  Object.fromEntries(SHORTCUT_ACTIONS.map((a) => [a, SHORTCUTS[a].defaultCombo])) as Bindings;

/** Actions bound to the same combo, as [action, action, combo] triples. */
export function findConflicts(bindings: Bindings): Array<[ShortcutAction, ShortcutAction, Combo]> {
  const seen = new Map<Combo, ShortcutAction>();
  const conflicts: Array<[ShortcutAction, ShortcutAction, Combo]> = [];
  for (const action of SHORTCUT_ACTIONS) {
    const combo = bindings[action];
    const other = seen.get(combo);
    if (other) conflicts.push([other, action, combo]);
    else seen.set(combo, action);
  }
  return conflicts;
}

/** Checks whether `combo` may be bound to `action` given the other bindings. */
export function checkBinding(bindings: Bindings, action: ShortcutAction, combo: Combo): BindResult {
  if (!combo || combo.endsWith('+')) return { ok: false, reason: 'invalid' };
  const reserved = reservedWhy(combo);
  if (reserved) return { ok: false, reason: 'reserved', why: reserved };
  const by = SHORTCUT_ACTIONS.find((a) => a !== action && bindings[a] === combo);
  return by ? { ok: false, reason: 'taken', by } : { ok: true };
}

export interface ShortcutRegistryOptions {
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export type ShortcutRegistry = ReturnType<typeof createShortcutRegistry>;

/**
 * The keyboard map: bindings (remappable, persisted, conflict-checked) and
 * the handlers the app registers per action. `keydown`/`keyup` are fed from
 * one window listener.
 */
export function createShortcutRegistry(options: ShortcutRegistryOptions = {}) {
  const storage = options.storage ?? null;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const handlers = new Map<ShortcutAction, () => void>();
  const listeners = new Set<() => void>();
  const holdListeners = new Set<(hold: HoldProgress | null) => void>();
  let bindings = load();
  let holding: { combo: Combo; timer: unknown } | null = null;
  /** Tells the UI a hold-to-confirm started (so it can show its progress) or ended. */
  const announceHold = (hold: HoldProgress | null) => holdListeners.forEach((l) => l(hold));

  function load(): Bindings {
    const base = defaultBindings();
    try {
      const saved = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null') as Partial<Record<string, unknown>> | null;
      if (!saved || typeof saved !== 'object') return base;
      const merged = { ...base };
      for (const action of SHORTCUT_ACTIONS) {
        const combo = saved[action];
        if (typeof combo === 'string' && checkBinding(merged, action, combo).ok) merged[action] = combo;
      }
      return merged;
    } catch {
      return base;
    }
  }

  const persistAndNotify = () => {
    storage?.setItem(STORAGE_KEY, JSON.stringify(bindings));
    listeners.forEach((l) => l());
  };

  const actionFor = (combo: Combo): ShortcutAction | undefined => SHORTCUT_ACTIONS.find((a) => bindings[a] === combo);

  return {
    bindings: (): Bindings => bindings,
    /** Rebinds an action unless the combo is taken, reserved or empty. */
    bind(action: ShortcutAction, combo: Combo): BindResult {
      const result = checkBinding(bindings, action, combo);
      if (!result.ok) return result;
      bindings = { ...bindings, [action]: combo };
      persistAndNotify();
      return result;
    },
    resetAll() {
      bindings = defaultBindings();
      storage?.removeItem(STORAGE_KEY);
      listeners.forEach((l) => l());
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Registers what an action does; the call region registers mute/hold/hang up/keypad when it exists. */
    handle(action: ShortcutAction, handler: () => void) {
      handlers.set(action, handler);
      return () => {
        if (handlers.get(action) === handler) handlers.delete(action);
      };
    },
    hasHandler: (action: ShortcutAction) => handlers.has(action),
    /**
     * Runs an action's handler now, as a confirmed key press would: a global shortcut, which the desktop shell has
     * already confirmed (hang up is pressed twice there, since no key-up reaches it). False when nothing handles it now.
     */
    run(action: ShortcutAction): boolean {
      const handler = handlers.get(action);
      handler?.();
      return Boolean(handler);
    },
    /** Feeds a keydown; returns the action it triggered (or started holding for). */
    keydown(event: ShortcutEvent): ShortcutAction | null {
      const combo = comboFromEvent(event);
      if (!combo) return null;
      const action = actionFor(combo);
      if (!action) return null;
      if (event.inEditable && isPlainKey(combo)) return null;
      const handler = handlers.get(action);
      if (!handler) return null;
      event.preventDefault();
      if (event.repeat) return action;
      const holdMs = SHORTCUTS[action].holdMs;
      if (holdMs) {
        if (holding) clearTimer(holding.timer);
        holding = {
          combo,
          timer: setTimer(() => {
            holding = null;
            announceHold(null);
            handlers.get(action)?.();
          }, holdMs),
        };
        announceHold({ action, ms: holdMs });
      } else handler();
      return action;
    },
    /** Releasing any key of a held combo before its time cancels it. */
    keyup() {
      if (holding) {
        clearTimer(holding.timer);
        holding = null;
        announceHold(null);
      }
    },
    /** Follows hold-to-confirm presses: an action and its duration when one starts, null when it ends or is let go. */
    onHold(listener: (hold: HoldProgress | null) => void) {
      holdListeners.add(listener);
      return () => void holdListeners.delete(listener);
    },
  };
}
