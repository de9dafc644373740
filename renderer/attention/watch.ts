import { isOffer, type Reservation } from '../../shared/model';
import type { AppStore } from '../store/store';
import { pendingCount } from '../store/selectors';
import type { Ringtone } from './ringtone';
import { t } from '../i18n/i18n';

/** The last seconds of an offer, when everything escalates. */
export const URGENT_SECONDS = 10;
/**
 * An offer this far past its expiry stops ringing even if the host has not
 * said it ended yet: the ring must never claim an offer that cannot be answered.
 */
export const RING_GRACE_MS = 1_000;

export interface AttentionOptions {
  store: AppStore;
  ringtone: Ringtone | null;
  /** Browser mode shows its own notifications; in Electron the main process does. */
  notify: ((reservation: Reservation) => void) | null;
  baseTitle?: string;
  now?: () => number;
  /**
   * Runs the attention pass later; returns a cancel. By default the next task: the
   * pass (title, notification, announcement, ringtone) costs a few ms and must not
   * stand between a new offer and its card, which React draws in this task.
   */
  later?: (run: () => void) => () => void;
}

const nextTask = (run: () => void): (() => void) => {
  const timer = setTimeout(run, 0);
  return () => clearTimeout(timer);
};

export const describeCaller = (r: Reservation): string => r.caller.name ?? r.caller.number ?? t('attention.unknownCaller');

/**
 * Everything that draws the agent's attention to offers, driven from the store
 * outside React: the title count, the screen-reader announcement, an OS
 * notification per new offer, and the ringtone (faster and louder in the last
 * seconds). Returns a function that stops it.
 */
export function watchAttention({ store, ringtone, notify, baseTitle = 'Agent Desktop', now = Date.now, later = nextTask }: AttentionOptions): () => void {
  /** Offers already announced, so each is announced once; only SIDs still in the store are kept, so it never grows. */
  let announced = new Set<string>();
  let urgentTimer: ReturnType<typeof setInterval> | null = null;

  const updateRing = () => {
    if (!ringtone) return;
    const at = now();
    const answerable = Object.values(store.getState().reservationsBySid).filter((r) => isOffer(r) && at < r.expiresAt + RING_GRACE_MS);
    if (answerable.length === 0) {
      ringtone.stop();
      return;
    }
    const soonest = Math.min(...answerable.map((r) => r.expiresAt));
    ringtone.ring(soonest - at <= URGENT_SECONDS * 1_000);
  };

  const onChange = () => {
    const state = store.getState();
    const count = pendingCount(state);
    const title = count > 0 ? `(${count}) ${baseTitle}` : baseTitle;
    if (document.title !== title) document.title = title;
    const kept = new Set<string>();
    for (const r of Object.values(state.reservationsBySid)) {
      if (announced.has(r.sid)) kept.add(r.sid);
      // Only an offer the agent can take: a reservation a server or an instruction handles rings the phone instead.
      if (!isOffer(r) || announced.has(r.sid)) continue;
      kept.add(r.sid);
      state.announce(r.topic ? t('attention.newOfferTopic', { caller: describeCaller(r), topic: r.topic }) : t('attention.newOffer', { caller: describeCaller(r) }));
      notify?.(r);
    }
    announced = kept;
    updateRing();
  };

  /** One pass for every change made in the same task (a snapshot, a burst of events). */
  let pending = false;
  let cancelPending = () => {};
  const unsubscribe = store.subscribe((next, previous) => {
    if (next.reservationsBySid === previous.reservationsBySid || pending) return;
    pending = true;
    cancelPending = later(() => {
      pending = false;
      onChange();
    });
  });
  // Re-checking every second moves the ring to urgent in time without counting ticks.
  urgentTimer = setInterval(updateRing, 1_000);
  onChange();
  return () => {
    unsubscribe();
    cancelPending();
    if (urgentTimer) clearInterval(urgentTimer);
    ringtone?.stop();
  };
}

/** One OS notification per new offer through the browser's Notification API. */
export function browserNotifier(onClick: (sid: string) => void): ((r: Reservation) => void) | null {
  if (typeof Notification === 'undefined') return null;
  if (Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined);
  return (r) => {
    if (Notification.permission !== 'granted') return;
    const n = new Notification(t('attention.notification', { caller: describeCaller(r) }), {
      body: [r.caller.number, r.topic, r.task.queueName].filter(Boolean).join(' · '),
      tag: r.sid,
      requireInteraction: true,
    });
    n.onclick = () => {
      window.focus();
      onClick(r.sid);
      n.close();
    };
  };
}
