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
}

/** An OS notification for each new pending offer; clicking it brings the window forward. */
export function createOfferNotifier(options: { onClick: () => void }): OfferNotifier {
  // Each reservation SID is announced once, however many times it is updated or re-sent on reconnect.
  const announced = new Set<string>();
  return {
    reservationUpdated(reservation) {
      if (reservation.status !== 'pending' || announced.has(reservation.sid)) return;
      announced.add(reservation.sid);
      if (!Notification.isSupported()) return;
      const notification = new Notification({ ...offerNotificationText(reservation), urgency: 'critical', timeoutType: 'never' });
      notification.on('click', options.onClick);
      notification.show();
    },
  };
}
