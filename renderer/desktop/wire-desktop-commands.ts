import type { AgentDesktopApi } from '../../shared/contract';
import type { Actions } from '../app/actions';
import type { ShortcutRegistry } from '../shortcuts/registry';
import type { AppStore } from '../store/store';

const focusCard = (sid: string) => document.querySelector<HTMLElement>(`article[data-sid="${sid}"]`)?.focus();

/**
 * Runs what the desktop shell asks for from outside the window (a global
 * shortcut, a notification's Accept or Reject or click, the tray menu) with the
 * same code as the window's own keys and buttons: the shortcut registry's
 * handlers and the actions. Errors therefore show where they always do. In
 * browser mode no such event ever comes.
 */
export function wireDesktopCommands(api: Pick<AgentDesktopApi, 'onDesktopCommand'>, registry: ShortcutRegistry, store: AppStore, actions: Actions): () => void {
  return api.onDesktopCommand((command) => {
    switch (command.command) {
      case 'shortcut':
        registry.run(command.action);
        return;
      case 'accept':
        void actions.accept(command.reservationSid);
        return;
      case 'reject':
        void actions.reject(command.reservationSid);
        return;
      case 'showReservation':
        store.getState().select(command.reservationSid);
        focusCard(command.reservationSid);
        return;
      case 'setActivity': {
        // The tray cannot ask "reject the pending offers?" as the activity menu does: going unavailable with
        // offers pending waits for them ("after these offers") instead of rejecting offers the agent may not have seen.
        const state = store.getState();
        const unavailable = state.activities.find((a) => a.sid === command.activitySid)?.available === false;
        const pending = Object.values(state.reservationsBySid).some((r) => r.status === 'pending');
        void (unavailable && pending ? actions.setNextActivity(command.activitySid) : actions.setActivity(command.activitySid));
        return;
      }
    }
  });
}
