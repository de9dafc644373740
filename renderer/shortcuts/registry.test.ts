import { describe, expect, it } from 'vitest';
import { comboFromEvent } from './combo';
import { SHORTCUTS } from './defaults';
import { checkBinding, createShortcutRegistry, defaultBindings, findConflicts, type ShortcutEvent } from './registry';

const key = (combo: Partial<ShortcutEvent> & { key: string; code: string }): ShortcutEvent => ({
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  repeat: false,
  inEditable: false,
  preventDefault: () => undefined,
  ...combo,
});
const ctrlShift = (letter: string) => key({ key: letter, code: `Key${letter.toUpperCase()}`, ctrlKey: true, shiftKey: true });

const memory = () => {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
};

describe('key combos', () => {
  it('names combos by physical key so Shift does not change letters or digits', () => {
    expect(comboFromEvent(ctrlShift('A'))).toBe('Ctrl+Shift+A');
    expect(comboFromEvent(key({ key: '!', code: 'Digit1', ctrlKey: true, shiftKey: true }))).toBe('Ctrl+Shift+1');
    expect(comboFromEvent(key({ key: '?', code: 'Slash', shiftKey: true }))).toBe('?');
    expect(comboFromEvent(key({ key: 'Shift', code: 'ShiftLeft', shiftKey: true }))).toBeNull();
  });
});

describe('shortcut registry', () => {
  it('ships defaults without conflicts and none on keys the browser keeps', () => {
    const bindings = defaultBindings();
    expect(findConflicts(bindings)).toEqual([]);
    expect(Object.values(bindings)).not.toContain('Ctrl+Shift+R');
    expect(Object.values(bindings)).not.toContain('Ctrl+Shift+T');
    expect(bindings.accept).toBe('Ctrl+Shift+A');
  });

  it('detects conflicts and refuses reserved keys', () => {
    const bindings = defaultBindings();
    expect(checkBinding(bindings, 'reject', 'Ctrl+Shift+A')).toEqual({ ok: false, reason: 'taken', by: 'accept' });
    expect(checkBinding(bindings, 'reject', 'Ctrl+Shift+R')).toMatchObject({ ok: false, reason: 'reserved' });
    expect(checkBinding(bindings, 'accept', 'Ctrl+Shift+A')).toEqual({ ok: true });
    expect(findConflicts({ ...bindings, mute: bindings.hold })).toEqual([['mute', 'hold', bindings.hold]]);
  });

  it('remaps, persists, and runs the handler for the new combo only', () => {
    const storage = memory();
    const registry = createShortcutRegistry({ storage });
    let accepted = 0;
    registry.handle('accept', () => accepted++);
    expect(registry.bind('accept', 'Ctrl+Shift+P')).toEqual({ ok: true });
    registry.keydown(ctrlShift('A'));
    registry.keydown(ctrlShift('P'));
    expect(accepted).toBe(1);
    expect(createShortcutRegistry({ storage }).bindings().accept).toBe('Ctrl+Shift+P');
    registry.resetAll();
    expect(createShortcutRegistry({ storage }).bindings().accept).toBe('Ctrl+Shift+A');
  });

  it('ignores a tampered stored map that would create a conflict', () => {
    const storage = memory();
    storage.setItem('agent-desktop:shortcuts', JSON.stringify({ reject: 'Ctrl+Shift+A', mute: 'Ctrl+Shift+R' }));
    const bindings = createShortcutRegistry({ storage }).bindings();
    expect(bindings.reject).toBe(SHORTCUTS.reject.defaultCombo);
    expect(bindings.mute).toBe(SHORTCUTS.mute.defaultCombo);
  });

  it('keeps plain keys for typing in fields but lets command combos through', () => {
    const registry = createShortcutRegistry();
    const ran: string[] = [];
    registry.handle('cheatSheet', () => ran.push('cheat'));
    registry.handle('accept', () => ran.push('accept'));
    registry.keydown(key({ key: '?', code: 'Slash', shiftKey: true, inEditable: true }));
    registry.keydown({ ...ctrlShift('A'), inEditable: true });
    registry.keydown(key({ key: '?', code: 'Slash', shiftKey: true }));
    expect(ran).toEqual(['accept', 'cheat']);
  });

  it('hangs up only when the keys are held long enough', () => {
    const timers: Array<{ fn: () => void; cleared: boolean; ms: number }> = [];
    const registry = createShortcutRegistry({
      setTimer: (fn, ms) => (timers.push({ fn, ms, cleared: false }), timers[timers.length - 1]),
      clearTimer: (t) => void ((t as { cleared: boolean }).cleared = true),
    });
    let hungUp = 0;
    registry.handle('hangUp', () => hungUp++);
    const press = key({ key: '!', code: 'Digit1', ctrlKey: true, shiftKey: true });
    registry.keydown(press);
    registry.keyup();
    expect(timers[0]!.cleared).toBe(true);
    const holds: unknown[] = [];
    registry.onHold((h) => holds.push(h));
    registry.keydown(press);
    expect(timers[1]!.ms).toBe(SHORTCUTS.hangUp.holdMs);
    // The UI is told a hold started (to draw its progress) and when it ends.
    expect(holds).toEqual([{ action: 'hangUp', ms: SHORTCUTS.hangUp.holdMs }]);
    timers[1]!.fn();
    expect(hungUp).toBe(1);
    expect(holds).toEqual([{ action: 'hangUp', ms: SHORTCUTS.hangUp.holdMs }, null]);
    registry.keydown(press);
    registry.keyup();
    expect(holds.at(-1)).toBeNull();
  });

  it('does nothing (and lets the key through) when no handler is registered', () => {
    const registry = createShortcutRegistry();
    let prevented = false;
    expect(registry.keydown({ ...ctrlShift('M'), preventDefault: () => (prevented = true) })).toBeNull();
    expect(prevented).toBe(false);
  });
});
