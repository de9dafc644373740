import type { Actions } from '../app/actions';
import type { AppStore } from '../store/store';
import { liveSids } from '../store/live';
import { offerTargetSid, targetSid } from '../store/selectors';
import type { ShortcutRegistry } from './registry';

const isEditable = (el: EventTarget | null): boolean =>
  el instanceof HTMLElement && (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit'].includes((el as HTMLInputElement).type)));

const focusCard = (sid: string) => document.querySelector<HTMLElement>(`article[data-sid="${sid}"]`)?.focus();

/**
 * Registers the inbox actions with the shortcut registry and feeds it from one
 * window listener (capture phase, so a focused control cannot swallow a shortcut).
 */
export function wireShortcuts(registry: ShortcutRegistry, store: AppStore, actions: Actions): () => void {
  const s = () => store.getState();
  /** Next/previous walk the live items only (offers, then tasks in progress): never the history. */
  const moveSelection = (step: 1 | -1) => {
    const order = liveSids(s());
    if (order.length === 0) return;
    const current = s().selectedSid ? order.indexOf(s().selectedSid!) : -1;
    const next = order[(current + step + order.length) % order.length]!;
    s().select(next);
    focusCard(next);
  };
  const offs = [
    registry.handle('accept', () => {
      const sid = offerTargetSid(s(), 'accept');
      if (sid) void actions.accept(sid);
    }),
    registry.handle('reject', () => {
      const sid = offerTargetSid(s(), 'reject');
      if (sid) void actions.reject(sid);
    }),
    registry.handle('nextOffer', () => moveSelection(1)),
    registry.handle('previousOffer', () => moveSelection(-1)),
    registry.handle('wrapOrComplete', () => {
      const sid = targetSid(s());
      const status = sid ? s().reservationsBySid[sid]?.status : undefined;
      if (sid && status === 'accepted') void actions.wrap(sid);
      else if (sid && status === 'wrapping') {
        const draft = s().wrapUpsBySid[sid];
        void actions.finishWrapUp(sid, draft?.disposition ?? null, draft?.notes ?? '');
      }
    }),
    registry.handle('cheatSheet', () => s().setDialog(s().openDialog === 'cheatSheet' ? null : 'cheatSheet')),
  ];
  const onKeyDown = (e: KeyboardEvent) => {
    // The shortcut editor records key presses; they must not run actions.
    if (e.target instanceof HTMLElement && e.target.closest('[data-shortcut-capture]')) return;
    registry.keydown({ key: e.key, code: e.code, ctrlKey: e.ctrlKey, altKey: e.altKey, shiftKey: e.shiftKey, metaKey: e.metaKey, repeat: e.repeat, inEditable: isEditable(e.target), preventDefault: () => e.preventDefault() });
  };
  const onKeyUp = () => registry.keyup();
  // A key released while another window has focus never reaches us: losing focus must cancel a hold-to-confirm
  // (hang up), or it would fire while the agent is no longer holding anything.
  const onBlur = () => registry.keyup();
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') registry.keyup();
  };
  window.addEventListener('keydown', onKeyDown, true);
  window.addEventListener('keyup', onKeyUp, true);
  window.addEventListener('blur', onBlur);
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    offs.forEach((off) => off());
    window.removeEventListener('keydown', onKeyDown, true);
    window.removeEventListener('keyup', onKeyUp, true);
    window.removeEventListener('blur', onBlur);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
