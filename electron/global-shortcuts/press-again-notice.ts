import { Notification } from 'electron';
import { desktopT } from '../i18n';

/**
 * The first press of a press-twice shortcut (hang up) happens while the agent
 * looks at another application, so the reminder is an OS notification, silent,
 * and gone when the window to press again has passed.
 */
export function showHangUpAgainNotice(combo: string, windowMs: number): void {
  if (!Notification.isSupported()) return;
  const notice = new Notification({
    title: desktopT('desktop.hangUpAgain.title'),
    body: desktopT('desktop.hangUpAgain.body', { combo, seconds: Math.round(windowMs / 1000) }),
    silent: true, urgency: 'normal' });
  notice.show();
  setTimeout(() => notice.close(), windowMs).unref?.();
}
