import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { Reservation } from '../shared/model';
import { fakeHost } from '../host/transport/testing/fake-host';

vi.mock('electron', () => import('./testing/electron-mock'));
const electron = await import('./testing/electron-mock');
const { Notification, BrowserWindow, Tray } = electron;
const { createOfferNotifier, offerNotificationText, notificationButtonsSupported } = await import('./notifications');
const { createAgentTray, pendingLabel, trayMenuTemplate, EMPTY_TRAY } = await import('./tray');
const { wireAttention } = await import('./attention');
const { createWorkTracker } = await import('./work-state');

const reservation = (sid: string, status: Reservation['status'], expiresAt = 30_000): Reservation => ({
  sid,
  taskSid: `WT${'1'.repeat(32)}`,
  workerSid: `WK${'2'.repeat(32)}`,
  status,
  version: 1,
  createdAt: 0,
  updatedAt: 0,
  expiresAt,
  timeoutSeconds: 30,
  task: { sid: `WT${'1'.repeat(32)}`, status: 'reserved', queueSid: null, queueName: 'Billing', channel: 'voice', priority: 0, createdAt: 0, reason: null, attributes: {} },
  caller: { name: 'Ada Lovelace', number: '+15551230000' },
  topic: 'Refund',
  callSid: null,
  endedAt: null,
  endedReason: null,
});

const handlers = () => ({ onClick: vi.fn(), onAccept: vi.fn(), onReject: vi.fn() });

beforeEach(() => {
  Notification.shown.splice(0);
  Notification.supported = true;
});

describe('offer notifications', () => {
  it('shows one notification per new pending offer, naming the caller', () => {
    const on = handlers();
    const notifier = createOfferNotifier({ ...on, buttons: false });
    notifier.reservationUpdated(reservation('WR1', 'pending'));
    notifier.reservationUpdated(reservation('WR1', 'pending')); // re-sent on reconnect
    notifier.reservationUpdated(reservation('WR1', 'accepted'));
    notifier.reservationUpdated(reservation('WR2', 'canceled'));
    notifier.reservationUpdated(reservation('WR3', 'pending'));
    expect(Notification.shown).toHaveLength(2);
    expect(Notification.shown[0]!.options).toMatchObject({ title: 'New call offer', body: 'Ada Lovelace in Billing — Refund' });
    Notification.shown[1]!.emit('click');
    expect(on.onClick).toHaveBeenCalledWith('WR3');
  });

  it('has Accept and Reject buttons where the OS shows them (macOS, Windows), each reaching its action for that offer', () => {
    expect(notificationButtonsSupported('darwin')).toBe(true);
    expect(notificationButtonsSupported('win32')).toBe(true);
    expect(notificationButtonsSupported('linux')).toBe(false);
    const on = handlers();
    const notifier = createOfferNotifier({ ...on, buttons: true });
    notifier.reservationUpdated(reservation('WR1', 'pending'));
    notifier.reservationUpdated(reservation('WR2', 'pending'));
    const [first, second] = Notification.shown;
    expect(first!.options.actions).toEqual([
      { type: 'button', text: 'Accept' },
      { type: 'button', text: 'Reject' },
    ]);
    first!.pressAction(0);
    second!.pressAction(1);
    expect(on.onAccept).toHaveBeenCalledWith('WR1');
    expect(on.onReject).toHaveBeenCalledWith('WR2');
    expect(on.onAccept).toHaveBeenCalledTimes(1);
    expect(on.onReject).toHaveBeenCalledTimes(1);
    // Answered: the notification goes at once.
    expect(first!.closed).toBe(true);
    expect(second!.closed).toBe(true);
  });

  it('no notification with Accept for a reservation its assignment server or an instruction handles; one shown is withdrawn when a call for it rings', () => {
    const notifier = createOfferNotifier({ ...handlers(), buttons: true });
    notifier.reservationUpdated({ ...reservation('WR1', 'pending'), assignment: 'assigning' });
    notifier.reservationUpdated({ ...reservation('WR2', 'pending'), assignment: 'calling' });
    expect(Notification.shown).toHaveLength(0);
    // The server left it to the agent: now it is an offer.
    notifier.reservationUpdated({ ...reservation('WR1', 'pending'), assignment: 'offer' });
    expect(Notification.shown).toHaveLength(1);
    notifier.reservationUpdated({ ...reservation('WR1', 'pending'), assignment: 'calling' });
    expect(Notification.shown[0]!.closed).toBe(true);
    const work = createWorkTracker();
    work.reservationUpdated({ ...reservation('WR3', 'pending'), assignment: 'calling' });
    expect(work.current().pendingOffers).toBe(0);
    expect(work.nextOffer()).toBeNull();
  });

  it('has no buttons on Linux (the notification is clicked instead)', () => {
    createOfferNotifier({ ...handlers(), buttons: false }).reservationUpdated(reservation('WR1', 'pending'));
    expect(Notification.shown[0]!.options.actions).toBeUndefined();
  });

  it('withdraws the notification once the offer is no longer pending, and on a new session', () => {
    const notifier = createOfferNotifier({ ...handlers(), buttons: true });
    notifier.reservationUpdated(reservation('WR6', 'pending'));
    expect(Notification.shown[0]!.closed).toBe(false);
    notifier.reservationUpdated(reservation('WR6', 'canceled'));
    expect(Notification.shown[0]!.closed).toBe(true);
    notifier.reservationUpdated(reservation('WR7', 'pending'));
    expect(Notification.shown).toHaveLength(2);
    notifier.reset();
    expect(Notification.shown[1]!.closed).toBe(true);
  });

  it('falls back to the number, then to a neutral word', () => {
    const r = reservation('WR4', 'pending');
    expect(offerNotificationText({ ...r, caller: { name: null, number: '+15550001111' }, topic: null, task: { ...r.task, queueName: null } }).body).toBe('+15550001111');
    expect(offerNotificationText({ ...r, caller: { name: null, number: null } }).body).toMatch(/^A customer/);
  });

  it('does nothing where the OS has no notifications', () => {
    Notification.supported = false;
    createOfferNotifier({ ...handlers(), buttons: true }).reservationUpdated(reservation('WR5', 'pending'));
    expect(Notification.shown).toHaveLength(0);
  });
});

describe('tray menu', () => {
  const activities = [
    { sid: 'WA1', name: 'Available' },
    { sid: 'WA2', name: 'Break' },
  ];
  const actions = () => ({ onOpen: vi.fn(), onQuit: vi.fn(), onAccept: vi.fn(), onSetActivity: vi.fn() });
  const byId = (template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions =>
    template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? item.submenu : [])]).find((item) => item.id === id)!;
  const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

  it('accepts the next offer, named, and is disabled when none is waiting', () => {
    const on = actions();
    const idle = trayMenuTemplate(EMPTY_TRAY, on);
    expect(byId(idle, 'accept-next')).toMatchObject({ enabled: false, label: 'Accept next offer' });
    const busy = trayMenuTemplate({ ...EMPTY_TRAY, pendingCount: 2, nextOffer: { sid: 'WR9', label: 'Ada Lovelace (Billing)' } }, on);
    expect(byId(busy, 'pending').label).toBe('Agent Desktop — 2 pending offers');
    expect(byId(busy, 'accept-next').label).toBe('Accept next offer: Ada Lovelace (Billing)');
    click(byId(busy, 'accept-next'));
    expect(on.onAccept).toHaveBeenCalledWith('WR9');
  });

  it('shows the activity with the current one checked, and changes it', () => {
    const on = actions();
    const template = trayMenuTemplate({ ...EMPTY_TRAY, activities, currentActivitySid: 'WA1' }, on);
    expect(byId(template, 'activity:WA1')).toMatchObject({ type: 'radio', checked: true });
    expect(byId(template, 'activity:WA2')).toMatchObject({ type: 'radio', checked: false });
    click(byId(template, 'activity:WA1'));
    expect(on.onSetActivity).not.toHaveBeenCalled();
    click(byId(template, 'activity:WA2'));
    expect(on.onSetActivity).toHaveBeenCalledWith('WA2');
    expect(byId(trayMenuTemplate(EMPTY_TRAY, on), 'activity').enabled).toBe(false);
  });

  it('shows the pending count, opens the window on click, and goes away', () => {
    const on = actions();
    const tray = createAgentTray({ iconPath: '/none.png', ...on });
    const icon = Tray.created.at(-1)!;
    expect(icon.tooltip).toBe(pendingLabel(0));
    tray.update({ ...EMPTY_TRAY, pendingCount: 2 });
    expect(icon.tooltip).toBe('Agent Desktop — 2 pending offers');
    icon.emit('click');
    expect(on.onOpen).toHaveBeenCalled();
    tray.destroy();
    expect(icon.destroyed).toBe(true);
  });
});

describe('attention', () => {
  function setup(platform: NodeJS.Platform) {
    const host = fakeHost();
    const window = new BrowserWindow({});
    const work = createWorkTracker();
    const trayViews: unknown[] = [];
    const notifier = createOfferNotifier({ ...handlers(), buttons: true });
    const app = { badge: 0, bounces: [] as string[], setBadgeCount: (n: number) => ((app.badge = n), true), dock: { bounce: (type?: string) => app.bounces.push(type ?? '') } };
    const unwire = wireAttention({
      platform,
      host,
      work,
      notifier,
      tray: () => ({ update: (view) => trayViews.push(view), destroy: () => undefined }),
      window: () => window as never,
      app,
      logger: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
    });
    const offer = (r: Reservation) => {
      host.pending = r.status === 'pending' ? host.pending + 1 : Math.max(0, host.pending - 1);
      host.emit('reservationUpdated', r);
    };
    return { host, window, work, trayViews, app, offer, unwire };
  }

  it('flashes the taskbar on Windows while the window is elsewhere, until it is looked at or nothing is pending', () => {
    const { window, offer } = setup('win32');
    offer(reservation('WR1', 'pending'));
    expect(window.flashes).toEqual([true]);
    window.focus();
    expect(window.flashes).toEqual([true, false]);
    // Looking at the window: a new offer does not flash.
    offer(reservation('WR2', 'pending'));
    expect(window.flashes).toEqual([true, false]);
    window.hide();
    offer(reservation('WR3', 'pending'));
    expect(window.flashes).toEqual([true, false, true]);
    offer(reservation('WR2', 'accepted'));
    offer(reservation('WR3', 'timeout'));
    offer(reservation('WR1', 'canceled'));
    expect(window.flashes).toEqual([true, false, true, false]);
  });

  it('bounces the dock on macOS and never flashes elsewhere; the badge, title and tray follow the count everywhere', () => {
    const mac = setup('darwin');
    mac.offer(reservation('WR1', 'pending'));
    expect(mac.app.bounces).toEqual(['informational']);
    expect(mac.window.flashes).toEqual([]);
    expect(mac.app.badge).toBe(1);
    expect(mac.window.title).toBe('(1) Agent Desktop');
    const linux = setup('linux');
    linux.offer(reservation('WR1', 'pending'));
    expect(linux.window.flashes).toEqual([]);
    expect(linux.app.bounces).toEqual([]);
    expect(linux.app.badge).toBe(1);
  });

  it('names the offer that expires first in the tray, with the activities, and forgets all on a new session', () => {
    const { host, trayViews, offer, work } = setup('linux');
    host.emit('activitiesUpdated', [{ sid: 'WA1', friendlyName: 'Available', available: true }]);
    host.emit('workerUpdated', { sid: 'WK1', friendlyName: 'Alice', activitySid: 'WA1', activityName: 'Available', available: true, contactUri: null, attributes: {}, nextActivitySid: null, activityChangedAt: null });
    offer(reservation('WR1', 'pending', 50_000));
    offer({ ...reservation('WR2', 'pending', 20_000), caller: { name: null, number: '+15550001111' } });
    expect(trayViews.at(-1)).toEqual({
      pendingCount: 2,
      nextOffer: { sid: 'WR2', label: '+15550001111 (Billing)' },
      activities: [{ sid: 'WA1', name: 'Available' }],
      currentActivitySid: 'WA1',
    });
    offer(reservation('WR2', 'accepted'));
    expect(work.current()).toEqual({ pendingOffers: 1, activeTasks: 1, inCall: false });
    host.pending = 0;
    host.emit('sessionReset', { epoch: 2, reason: 'identity' });
    expect(trayViews.at(-1)).toEqual(EMPTY_TRAY);
    expect(work.current()).toEqual({ pendingOffers: 0, activeTasks: 0, inCall: false });
  });

  it('unwires every listener it added', () => {
    const { host, unwire } = setup('linux');
    expect(host.listenerCount()).toBe(5);
    unwire();
    expect(host.listenerCount()).toBe(0);
  });
});
