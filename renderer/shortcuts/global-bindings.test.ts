import { describe, expect, it } from 'vitest';
import { DEFAULT_GLOBAL_SHORTCUTS } from '../../shared/global-shortcuts';
import { checkGlobalBinding, explainGlobalBinding } from './global-bindings';
import { defaultBindings } from './registry';
import { t } from '../i18n/i18n';

describe('global shortcut bindings', () => {
  const inWindow = defaultBindings();
  const check = (action: Parameters<typeof checkGlobalBinding>[2], combo: string) => checkGlobalBinding(DEFAULT_GLOBAL_SHORTCUTS, inWindow, action, combo);

  it('ship defaults that are valid and clash with nothing', () => {
    for (const [action, combo] of Object.entries(DEFAULT_GLOBAL_SHORTCUTS)) expect(check(action as never, combo)).toEqual({ ok: true });
  });

  it('need Ctrl, Alt or Meta, and a key a global shortcut can use', () => {
    expect(check('accept', 'Shift+A')).toEqual({ ok: false, reason: 'needs_modifier' });
    expect(check('accept', '?')).toEqual({ ok: false, reason: 'invalid' });
    expect(explainGlobalBinding(check('accept', 'Shift+A'), t)).toMatch(/Ctrl, Alt or Meta/);
  });

  it("refuse browser keys, another global action's keys, and another action's in-window key, but allow the action's own", () => {
    expect(check('accept', 'Ctrl+Shift+R')).toMatchObject({ ok: false, reason: 'reserved' });
    expect(check('reject', 'Ctrl+Alt+Shift+A')).toEqual({ ok: false, reason: 'taken', by: 'accept' });
    expect(check('reject', 'Ctrl+Shift+A')).toEqual({ ok: false, reason: 'in_window', by: 'accept' });
    expect(explainGlobalBinding(check('reject', 'Ctrl+Shift+A'), t)).toMatch(/in-window key for "Accept/);
    expect(check('accept', 'Ctrl+Shift+A')).toEqual({ ok: true });
  });
});
