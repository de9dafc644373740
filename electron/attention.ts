import type { BrowserWindow } from 'electron';
import type { Activity } from '../shared/model';
import type { Host, Logger } from '../host/types';
import { callerOf, type OfferNotifier } from './notifications';
import { pendingLabel, type AgentTray, type TrayView } from './tray';
import type { WorkTracker } from './work-state';

export interface AttentionDeps {
  platform: NodeJS.Platform;
  host: Pick<Host, 'on' | 'pendingCount'>;
  work: WorkTracker;
  notifier: OfferNotifier;
  tray: () => AgentTray | null;
  window: () => BrowserWindow | null;
  app: { setBadgeCount(count: number): boolean; dock?: { bounce(type?: 'critical' | 'informational'): number } };
  logger: Logger;
}

/**
 * Everything that tells the agent an offer is waiting while they look
 * elsewhere: a notification per new offer, the pending count in the tray, the
 * window title and the badge (the dock on macOS, the launcher on Linux where it
 * has one), the taskbar button flashing on Windows and the dock icon bouncing
 * on macOS until the window is looked at. The tray also carries the activity
 * and "accept the next offer". Returns the function that unwires it.
 */
export function wireAttention(deps: AttentionDeps): () => void {
  const { host, work, notifier } = deps;
  let activities: Activity[] = [];
  let currentActivitySid: string | null = null;
  let flashing = false;

  const stopFlashing = () => {
    if (!flashing) return;
    flashing = false;
    const window = deps.window();
    if (window && !window.isDestroyed()) window.flashFrame(false);
  };

  /** A new offer while the agent looks elsewhere. */
  const callForAttention = () => {
    const window = deps.window();
    if (!window || window.isDestroyed() || window.isFocused()) return;
    if (deps.platform === 'win32') {
      // Windows keeps flashing the taskbar button until told to stop: on focus, or once nothing is pending.
      window.flashFrame(true);
      flashing = true;
    } else if (deps.platform === 'darwin') {
      deps.app.dock?.bounce('informational');
    }
  };

  const view = (count: number): TrayView => {
    const next = work.nextOffer();
    return {
      pendingCount: count,
      nextOffer: next ? { sid: next.sid, label: `${callerOf(next)} (${next.task.queueName ?? next.task.channel})` } : null,
      activities: activities.map((a) => ({ sid: a.sid, name: a.friendlyName })),
      currentActivitySid,
    };
  };

  const refresh = () => {
    const count = host.pendingCount();
    deps.tray()?.update(view(count));
    const window = deps.window();
    if (window && !window.isDestroyed()) window.setTitle(count > 0 ? `(${count}) Agent Desktop` : 'Agent Desktop');
    deps.app.setBadgeCount(count);
    if (count === 0) stopFlashing();
  };

  const window = deps.window();
  window?.on('focus', stopFlashing);
  const offs = [
    host.on('reservationUpdated', (reservation) => {
      notifier.reservationUpdated(reservation);
      if (work.reservationUpdated(reservation)) callForAttention();
      refresh();
      deps.logger.info('pending offers', { count: host.pendingCount(), label: pendingLabel(host.pendingCount()) });
    }),
    // A new session (another worker, mode or connection) starts from nothing: the old offers must not stay anywhere.
    host.on('sessionReset', () => {
      notifier.reset();
      work.reset();
      activities = [];
      currentActivitySid = null;
      refresh();
    }),
    host.on('callUpdated', (call) => work.callUpdated(call)),
    host.on('activitiesUpdated', (list) => {
      activities = list;
      refresh();
    }),
    host.on('workerUpdated', (worker) => {
      currentActivitySid = worker.activitySid;
      refresh();
    }),
  ];
  return () => {
    offs.forEach((off) => off());
    window?.off('focus', stopFlashing);
  };
}
