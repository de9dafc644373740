import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Reservation } from '../shared/model';

vi.mock('electron', () => import('./testing/electron-mock'));
const { Notification } = await import('./testing/electron-mock');
const { createOfferNotifier, offerNotificationText } = await import('./notifications');
const { createPendingTray, pendingLabel } = await import('./tray');

const reservation = (sid: string, status: Reservation['status']): Reservation => ({
  sid,
  taskSid: `WT${'1'.repeat(32)}`,
  workerSid: `WK${'2'.repeat(32)}`,
  status,
  version: 1,
  createdAt: 0,
  updatedAt: 0,
  expiresAt: 30_000,
  timeoutSeconds: 30,
  task: { sid: `WT${'1'.repeat(32)}`, status: 'reserved', queueSid: null, queueName: 'Billing', channel: 'voice', priority: 0, createdAt: 0, reason: null, attributes: {} },
  caller: { name: 'Ada Lovelace', number: '+15551230000' },
  topic: 'Refund',
  callSid: null,
  endedAt: null,
  endedReason: null,
});

describe('offer notifications', () => {
  beforeEach(() => {
    Notification.shown.splice(0);
    Notification.supported = true;
  });

  it('shows one notification per new pending offer, naming the caller', () => {
    const onClick = vi.fn();
    const notifier = createOfferNotifier({ onClick });
    notifier.reservationUpdated(reservation('WR1', 'pending'));
    notifier.reservationUpdated(reservation('WR1', 'pending')); // re-sent on reconnect
    notifier.reservationUpdated(reservation('WR1', 'accepted'));
    notifier.reservationUpdated(reservation('WR2', 'canceled'));
    notifier.reservationUpdated(reservation('WR3', 'pending'));
    expect(Notification.shown).toHaveLength(2);
    expect(Notification.shown[0]!.options).toMatchObject({ title: 'New voice offer', body: 'Ada Lovelace in Billing — Refund' });
    Notification.shown[0]!.emit('click');
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('withdraws the notification once the offer is no longer pending, and keeps nothing of it', () => {
    const notifier = createOfferNotifier({ onClick: vi.fn() });
    notifier.reservationUpdated(reservation('WR6', 'pending'));
    expect(Notification.shown[0]!.closed).toBe(false);
    notifier.reservationUpdated(reservation('WR6', 'canceled'));
    expect(Notification.shown[0]!.closed).toBe(true);
    // A late duplicate of the old pending state does not bring it back as a new offer... (the host's store drops those)
    // ...and a new offer still notifies.
    notifier.reservationUpdated(reservation('WR7', 'pending'));
    expect(Notification.shown).toHaveLength(2);
    // Another worker's session: the old offers' notifications go.
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
    createOfferNotifier({ onClick: vi.fn() }).reservationUpdated(reservation('WR5', 'pending'));
    expect(Notification.shown).toHaveLength(0);
  });
});

describe('pending tray', () => {
  it('shows the pending count and opens the window on click', async () => {
    const { Tray } = await import('./testing/electron-mock');
    const created: InstanceType<typeof Tray>[] = [];
    const original = Tray.prototype.setToolTip;
    Tray.prototype.setToolTip = function (this: InstanceType<typeof Tray>, text: string) {
      if (!created.includes(this)) created.push(this);
      original.call(this, text);
    };
    const onOpen = vi.fn();
    const tray = createPendingTray({ iconPath: '/none.png', onOpen, onQuit: vi.fn() });
    expect(created[0]!.tooltip).toBe(pendingLabel(0));
    tray.update(2);
    expect(created[0]!.tooltip).toBe('Agent Desktop — 2 pending offers');
    created[0]!.emit('click');
    expect(onOpen).toHaveBeenCalled();
    tray.destroy();
    expect(created[0]!.destroyed).toBe(true);
    Tray.prototype.setToolTip = original;
  });
});
