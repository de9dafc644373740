import { Notification } from 'electron';

/**
 * The first press of a press-twice shortcut (hang up) happens while the agent
 * looks at another application, so the reminder is an OS notification, silent,
 * and gone when the window to press again has passed.
 */
export function showPressAgainNotice(what: string, combo: string, windowMs: number): void {
  if (!Notification.isSupported()) return;
  const notice = new Notification({ title: `${what}?`, body: `Press ${combo} again within ${Math.round(windowMs / 1000)} s to ${what.toLowerCase()}.`, silent: true, urgency: 'normal' });
  notice.show();
  setTimeout(() => notice.close(), windowMs).unref?.();
}
