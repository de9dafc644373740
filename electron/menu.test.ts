import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', () => import('./testing/electron-mock'));
const { acceleratorsOf, appMenuTemplate, normalizeAccelerator, reservedAccelerators } = await import('./menu');

const noop = () => {};
const variants = (['linux', 'win32', 'darwin'] as const).flatMap((platform) =>
  [true, false].map((isPackaged) => ({ platform, isPackaged, startAtLogin: { enabled: false, set: noop }, onShowWindow: noop, onQuit: noop, onSaveDiagnostics: noop, onCheckForUpdates: noop })),
);

const allItems = (template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? allItems(item.submenu) : [])]);

describe('app menu', () => {
  it('normalizes accelerators per platform', () => {
    expect(normalizeAccelerator('Shift+CmdOrCtrl+r', 'linux')).toBe('CTRL+SHIFT+R');
    expect(normalizeAccelerator('CommandOrControl+Shift+R', 'darwin')).toBe('CMD+SHIFT+R');
    expect(reservedAccelerators('linux').has('CTRL+SHIFT+A')).toBe(true);
    expect(reservedAccelerators('linux').has('CTRL+SHIFT+I')).toBe(true);
  });

  it.each(variants)('leaves every agent shortcut free ($platform, packaged: $isPackaged)', (options) => {
    const template = appMenuTemplate(options);
    const reserved = reservedAccelerators(options.platform);
    const clashes = acceleratorsOf(template).filter((a) => reserved.has(normalizeAccelerator(a, options.platform)));
    expect(clashes).toEqual([]);
    expect(acceleratorsOf(template).length).toBeGreaterThan(5);
  });

  it.each(variants)('gives every role an explicit accelerator and drops force reload ($platform, packaged: $isPackaged)', (options) => {
    const items = allItems(appMenuTemplate(options));
    const roles = items.filter((item) => item.role);
    expect(roles.length).toBeGreaterThan(0);
    for (const item of roles) expect(item.accelerator, `role ${item.role}`).toBeTypeOf('string');
    expect(items.some((item) => item.role === 'forceReload')).toBe(false);
    expect(items.some((item) => item.role === 'toggleDevTools')).toBe(!options.isPackaged);
  });

  it('offers Start at Login only where the OS supports it, and toggles it', () => {
    const set = vi.fn();
    const items = allItems(appMenuTemplate({ ...variants[0]!, startAtLogin: { enabled: true, set } }));
    const login = items.find((item) => item.label === 'Start at Login')!;
    expect(login.checked).toBe(true);
    (login.click as (item: { checked: boolean }) => void)({ checked: false });
    expect(set).toHaveBeenCalledWith(false);
    const without = allItems(appMenuTemplate({ ...variants[0]!, startAtLogin: undefined }));
    expect(without.some((item) => item.label === 'Start at Login')).toBe(false);
  });

  it('has Help → Save Diagnostics… and Check for Updates…, which call their actions', () => {
    const onSaveDiagnostics = vi.fn();
    const onCheckForUpdates = vi.fn();
    const items = allItems(appMenuTemplate({ ...variants[0]!, onSaveDiagnostics, onCheckForUpdates }));
    (items.find((item) => item.id === 'save-diagnostics')!.click as () => void)();
    (items.find((item) => item.id === 'check-for-updates')!.click as () => void)();
    expect(onSaveDiagnostics).toHaveBeenCalledTimes(1);
    expect(onCheckForUpdates).toHaveBeenCalledTimes(1);
  });
});
