import { Notification } from 'electron';
import type { Reservation } from '../shared/model';

/** The words of an offer's notification: who is calling and why, never anything from the settings. */
export function offerNotificationText(reservation: Reservation): { title: string; body: string } {
  const who = reservation.caller.name ?? reservation.caller.number ?? 'A customer';
  const queue = reservation.task.queueName ? ` in ${reservation.task.queueName}` : '';
  const topic = reservation.topic ? ` — ${reservation.topic}` : '';
  return { title: `New ${reservation.task.channel} offer`, body: `${who}${queue}${topic}` };
}

export interface OfferNotifier {
  /** Feed every reservationUpdated event; a notification is shown once per new pending offer. */
  reservationUpdated(reservation: Reservation): void;
  /** A new session: every offer of the old one is withdrawn. */
  reset(): void;
}

/**
 * An OS notification for each new pending offer; clicking it brings the window
 * forward. It is withdrawn as soon as the offer stops being pending: a
 * notification must not offer a call that can no longer be answered.
 */
export function createOfferNotifier(options: { onClick: () => void }): OfferNotifier {
  // Each pending offer is announced once, however many times it is updated or re-sent on reconnect. A reservation never
  // returns to pending, so its entry goes when it leaves pending: the map holds only the offers pending now.
  const shown = new Map<string, Notification | null>();
  return {
    reservationUpdated(reservation) {
      if (reservation.status !== 'pending') {
        shown.get(reservation.sid)?.close();
        shown.delete(reservation.sid);
        return;
      }
      if (shown.has(reservation.sid)) return;
      if (!Notification.isSupported()) {
        shown.set(reservation.sid, null);
        return;
      }
      const notification = new Notification({ ...offerNotificationText(reservation), urgency: 'critical', timeoutType: 'never' });
      notification.on('click', options.onClick);
      notification.show();
      shown.set(reservation.sid, notification);
    },
    reset() {
      for (const notification of shown.values()) notification?.close();
      shown.clear();
    },
  };
}
