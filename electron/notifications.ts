import { Notification } from 'electron';
import { isOffer, type Reservation } from '../shared/model';
import { desktopT } from './i18n';

/** Who is calling: the name, else the number, else a neutral word. Shared by the notification and the tray. */
export function callerOf(reservation: Reservation): string {
  return reservation.caller.name ?? reservation.caller.number ?? desktopT('desktop.offer.caller.unknown');
}

/** The words of an offer's notification: who is calling and why, never anything from the settings. */
export function offerNotificationText(reservation: Reservation): { title: string; body: string } {
  const values = { caller: callerOf(reservation), queue: reservation.task.queueName, topic: reservation.topic };
  const body = values.queue
    ? desktopT(values.topic ? 'desktop.offer.body.queueTopic' : 'desktop.offer.body.queue', values)
    : desktopT(values.topic ? 'desktop.offer.body.topic' : 'desktop.offer.body', values);
  return { title: desktopT('desktop.offer.title', { channel: reservation.task.channel }), body };
}

/** The buttons, in this order: the `action` event names them by index. */
export const offerActions = () => [
  { type: 'button' as const, text: desktopT('desktop.offer.accept') },
  { type: 'button' as const, text: desktopT('desktop.offer.reject') },
];

/**
 * Whether the OS shows notification buttons: macOS and Windows (Electron's
 * `actions`); on macOS only for a signed app with NSUserNotificationAlertStyle
 * `alert` (electron-builder.yml sets it). Linux notifications get none.
 */
export const notificationButtonsSupported = (platform: NodeJS.Platform): boolean => platform === 'darwin' || platform === 'win32';

export interface OfferNotifierOptions {
  /** The agent clicked the notification: bring the window forward on this offer's card. */
  onClick(reservationSid: string): void;
  onAccept(reservationSid: string): void;
  onReject(reservationSid: string): void;
  /** Show Accept and Reject buttons (see notificationButtonsSupported). */
  buttons: boolean;
}

export interface OfferNotifier {
  /** Feed every reservationUpdated event; a notification is shown once per new pending offer. */
  reservationUpdated(reservation: Reservation): void;
  /** A new session: every offer of the old one is withdrawn. */
  reset(): void;
}

/**
 * An OS notification for each new pending offer, with Accept and Reject where
 * the OS has buttons; clicking it brings the window forward on the offer's card.
 * It is withdrawn as soon as the offer stops being pending: a notification must
 * not offer a call that can no longer be answered.
 */
export function createOfferNotifier(options: OfferNotifierOptions): OfferNotifier {
  // Each pending offer is announced once, however many times it is updated or re-sent on reconnect. A reservation never
  // returns to pending, so its entry goes when it leaves pending: the map holds only the offers pending now.
  const shown = new Map<string, Notification | null>();
  const withdraw = (sid: string) => {
    shown.get(sid)?.close();
    shown.delete(sid);
  };
  return {
    reservationUpdated(reservation) {
      const sid = reservation.sid;
      // An offer its assignment server or an instruction handles is no offer to Accept (yet, or any more).
      if (!isOffer(reservation)) return withdraw(sid);
      if (shown.has(sid)) return;
      if (!Notification.isSupported()) {
        shown.set(sid, null);
        return;
      }
      const notification = new Notification({
        ...offerNotificationText(reservation),
        urgency: 'critical',
        timeoutType: 'never',
        ...(options.buttons ? { actions: offerActions() } : {}),
      });
      notification.on('click', () => options.onClick(sid));
      // Electron passes an event carrying actionIndex (the positional index is deprecated); only macOS/Windows emit it.
      notification.on('action', (details: { actionIndex?: number }, index?: number) => {
        const action = details?.actionIndex ?? index;
        if (action === 0) options.onAccept(sid);
        else if (action === 1) options.onReject(sid);
        else return;
        // Answered: the notification has done its job (the offer's own update would withdraw it a moment later).
        notification.close();
      });
      notification.show();
      shown.set(sid, notification);
    },
    reset() {
      for (const sid of [...shown.keys()]) withdraw(sid);
    },
  };
}
