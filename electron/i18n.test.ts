import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { Reservation } from '../shared/model';

vi.mock('electron', () => import('./testing/electron-mock'));
const electron = await import('./testing/electron-mock');
const { desktopLocale, setDesktopLocale, setDesktopLocaleFromSystem } = await import('./i18n');
const { offerNotificationText, offerActions } = await import('./notifications');
const { createAgentTray, trayMenuTemplate, EMPTY_TRAY } = await import('./tray');
const { installAppMenu } = await import('./menu');
const { describeUpdateStatus } = await import('./updates/ask-restart');

const offer = {
  sid: `WR${'1'.repeat(32)}`,
  status: 'pending',
  task: { channel: 'voice', queueName: 'Facturación' },
  caller: { name: 'Lucía Ortega', number: '+34910000000' },
  topic: 'Reembolso',
} as unknown as Reservation;

const noop = () => undefined;
const trayActions = { onOpen: noop, onQuit: noop, onAccept: noop, onSetActivity: noop };
const labels = (template: MenuItemConstructorOptions[]) => template.map((item) => item.label).filter(Boolean);

afterEach(() => setDesktopLocale('en'));

describe("the desktop shell's language", () => {
  it("starts in the OS's language when the app speaks it, else English", () => {
    setDesktopLocaleFromSystem(['es-MX', 'en-US']);
    expect(desktopLocale()).toBe('es');
    setDesktopLocaleFromSystem(['fr-FR', 'de-DE']);
    expect(desktopLocale()).toBe('en');
  });

  it('words notifications, their buttons, the tray and update messages in the chosen language', () => {
    expect(offerNotificationText(offer)).toEqual({ title: 'New call offer', body: 'Lucía Ortega in Facturación — Reembolso' });
    setDesktopLocale('es');
    expect(offerNotificationText(offer)).toEqual({ title: 'Nueva oferta de llamada', body: 'Lucía Ortega en Facturación — Reembolso' });
    expect(offerActions().map((a) => a.text)).toEqual(['Aceptar', 'Rechazar']);
    expect(labels(trayMenuTemplate({ ...EMPTY_TRAY, pendingCount: 2 }, trayActions))).toEqual([
      'Agent Desktop — 2 ofertas pendientes',
      'Aceptar la próxima oferta',
      'Actividad',
      'Abrir Agent Desktop',
      'Salir',
    ]);
    expect(describeUpdateStatus({ state: 'up-to-date', version: null, detail: null } as never, '1.2.3')).toBe('Agent Desktop 1.2.3 está actualizado.');
  });

  it('rebuilds the menu and the tray in the new language when the window reports it, and stops following once disposed', () => {
    const stop = installAppMenu({ platform: 'linux', isPackaged: true, onShowWindow: noop, onQuit: noop, onSaveDiagnostics: noop, onCheckForUpdates: noop });
    const menuLabels = () => labels((electron.Menu.applied as { template: MenuItemConstructorOptions[] }).template);
    expect(menuLabels()).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    const tray = createAgentTray({ iconPath: '/nonexistent.png', ...trayActions });
    const trayTip = () => electron.Tray.created.at(-1)!.tooltip;
    expect(trayTip()).toBe('Agent Desktop — no pending offers');

    setDesktopLocale('es');
    expect(menuLabels()).toEqual(['Archivo', 'Edición', 'Ver', 'Ventana', 'Ayuda']);
    expect(trayTip()).toBe('Agent Desktop — sin ofertas pendientes');

    stop();
    tray.destroy();
    setDesktopLocale('en');
    expect(menuLabels()).toEqual(['Archivo', 'Edición', 'Ver', 'Ventana', 'Ayuda']);
  });
});
