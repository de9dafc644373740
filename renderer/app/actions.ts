import type { AgentDesktopApi, RequestInput, SettingsInput } from '../../shared/contract';
import type { DeskSettings } from '../../shared/desk';
import type { InstructionName } from '../../shared/instructions';
import type { Result } from '../../shared/result';
import type { AppStore } from '../store/store';
import type { AnswerKind } from '../store/answers';
import type { Reservation } from '../../shared/model';
import { latestMissedAt } from '../store/live';
import { availableActivitySid } from '../store/selectors';
import { activateLocale } from '../i18n/i18n';
import { catalogLanguage, resolveLocale, saveLocaleChoice, type ActiveLocale, type LocaleChoice } from '../i18n/locale-choice';

/** Where an error is shown: next to the control that caused it. */
export const errorTarget = {
  reservation: (sid: string, action: string) => `${sid}:${action}`,
  activity: 'activity',
  nextActivity: 'nextActivity',
  missed: 'missed',
  settings: 'settings',
  deskSettings: 'deskSettings',
  wrapUp: (sid: string) => `${sid}:wrapUp`,
  link: (sid: string) => `${sid}:link`,
} as const;

export type Actions = ReturnType<typeof createActions>;

/**
 * Every user action, as plain functions over the contract API and the store:
 * the components and the shortcut registry call the same ones. Each records
 * its error by target (or clears it on success) and returns the result.
 */
export function createActions(api: AgentDesktopApi, store: AppStore) {
  const s = () => store.getState();

  async function run<T>(target: string, request: () => Promise<Result<T>>): Promise<Result<T>> {
    s().clearError(target);
    const result = await request();
    if (result.ok) return result;
    s().setError(target, result.error);
    return result;
  }

  /** Applies a reservation an action answered, unless a new session epoch began while it was in flight (it is another worker's then). */
  const applyReservation = <T extends { ok: boolean }>(epoch: number, result: T & Result<Parameters<ReturnType<typeof s>['upsertReservation']>[0]>) => {
    if (result.ok && s().epoch === epoch) s().upsertReservation(result.value);
    return result;
  };

  /** An answer to an offer: on its way until TaskRouter has it (the card says so), then the last one that landed. */
  async function answer(sid: string, kind: AnswerKind, request: () => Promise<Result<Reservation>>) {
    const epoch = s().epoch;
    let landed = false;
    s().startAnswer(sid, kind);
    try {
      const result = applyReservation(epoch, await run(errorTarget.reservation(sid, kind), request));
      landed = result.ok;
      return result;
    } finally {
      if (s().epoch === epoch) s().endAnswer(sid, kind, landed, Date.now());
    }
  }

  /** Where the Conference instruction calls this agent: the contact URI from settings, else the worker's. */
  const contactUri = () => s().settings?.contactUri ?? s().worker?.contactUri ?? null;

  return {
    /**
     * Accept with the agent's default instruction (plain accept, or Conference on the contact URI) for a
     * voice offer; any other channel (chat, SMS, …) is a plain accept: dialing the agent's phone for an SMS
     * would ring them for nothing and hold the offer pending. The conference ends when the customer leaves
     * (as Flex does), so the agent's phone hears it at once. The host remembers which call it asked for
     * (auto-answer), and accepting a transfer joins the transfer's conference instead.
     */
    async accept(sid: string) {
      const voice = s().reservationsBySid[sid]?.task.channel === 'voice';
      const useConference = voice && s().settings?.defaultInstruction === 'conference';
      const to = contactUri();
      return answer(sid, 'accept', () =>
        useConference ? api.conferenceReservation({ reservationSid: sid, options: { endConferenceOnCustomerExit: true, ...(to ? { to } : {}) } }) : api.acceptReservation({ reservationSid: sid }),
      );
    },
    async reject(sid: string, activitySid?: string) {
      return answer(sid, 'reject', () => api.rejectReservation(activitySid ? { reservationSid: sid, activitySid } : { reservationSid: sid }));
    },
    async instruction<N extends InstructionName>(sid: string, name: N, options: RequestInput<`${N}Reservation`>['options']) {
      const target = errorTarget.reservation(sid, 'instruction');
      const send = {
        conference: () => api.conferenceReservation({ reservationSid: sid, options: options as RequestInput<'conferenceReservation'>['options'] }),
        dequeue: () => api.dequeueReservation({ reservationSid: sid, options: options as RequestInput<'dequeueReservation'>['options'] }),
        call: () => api.callReservation({ reservationSid: sid, options: options as RequestInput<'callReservation'>['options'] }),
        redirect: () => api.redirectReservation({ reservationSid: sid, options: options as RequestInput<'redirectReservation'>['options'] }),
      }[name];
      const result = applyReservation(s().epoch, await run(target, send));
      if (result.ok) {
        const o = options as { to?: string; url?: string; accept?: boolean };
        s().noteInstruction(sid, { name, to: o.to ?? (name === 'redirect' ? null : contactUri()), url: o.url ?? null, accept: name === 'conference' || name === 'dequeue' || o.accept === true, at: Date.now() });
      }
      return result;
    },
    async wrap(sid: string) {
      return applyReservation(s().epoch, await run(errorTarget.reservation(sid, 'wrap'), () => api.wrapReservation({ reservationSid: sid })));
    },
    async complete(sid: string) {
      return applyReservation(s().epoch, await run(errorTarget.reservation(sid, 'complete'), () => api.completeReservation({ reservationSid: sid })));
    },
    /**
     * Change activity now. TaskRouter refuses an unavailable activity while offers
     * are pending unless they are rejected with it; the activity menu asks the
     * agent first and passes `rejectPending` only when the agent said so.
     */
    async setActivity(activitySid: string, options: { rejectPending?: boolean; target?: string } = {}) {
      const input = options.rejectPending ? { activitySid, rejectPendingReservations: true } : { activitySid };
      const result = await run(options.target ?? errorTarget.activity, () => api.setActivity(input));
      if (result.ok) s().setWorker(result.value);
      return result;
    },
    async setNextActivity(activitySid: string | null) {
      const result = await run(errorTarget.nextActivity, () => api.setNextActivity({ activitySid }));
      if (result.ok) s().setWorker(result.value);
      return result;
    },
    /** "I'm back": set the worker Available and dismiss the missed-offer banner. */
    async backToAvailable() {
      const sid = availableActivitySid(s());
      if (!sid) {
        s().setError(errorTarget.missed, { code: 'not_found', message: 'This workspace has no available activity to return to.', reason: 'no_available_activity' });
        return;
      }
      const result = await this.setActivity(sid, { target: errorTarget.missed });
      if (result.ok) this.dismissMissed();
    },
    /** Missed offers up to now are acknowledged, in every window and after a reload. */
    dismissMissed() {
      s().acknowledgeMissed(latestMissedAt(s()));
    },
    /** Keeps the wrap-up draft in the host: the timer completes with it, other windows show it. */
    async saveWrapUp(sid: string, disposition: string | null, notes: string) {
      const result = await run(errorTarget.wrapUp(sid), () => api.saveWrapUp({ reservationSid: sid, disposition, notes }));
      if (result.ok) s().setWrapUp(result.value);
      return result;
    },
    async extendWrapUp(sid: string) {
      const result = await run(errorTarget.wrapUp(sid), () => api.extendWrapUp({ reservationSid: sid }));
      if (result.ok) s().setWrapUp(result.value);
      return result;
    },
    /** Writes the disposition and notes to the task, then completes it. */
    async finishWrapUp(sid: string, disposition: string | null, notes: string) {
      return applyReservation(s().epoch, await run(errorTarget.reservation(sid, 'complete'), () => api.finishWrapUp({ reservationSid: sid, disposition, notes })));
    },
    async saveDeskSettings(desk: DeskSettings) {
      const result = await run(errorTarget.deskSettings, () => api.saveDeskSettings(desk));
      if (result.ok) s().setSettings(result.value);
      return result;
    },
    previousContacts: (sid: string) => api.previousContacts({ reservationSid: sid }),
    agentDay: () => api.getAgentDay({}),
    async openExternal(sid: string, url: string) {
      return run(errorTarget.link(sid), () => api.openExternal({ url }));
    },
    async saveSettings(input: SettingsInput) {
      const result = await run(errorTarget.settings, () => api.saveSettings(input));
      if (result.ok) s().setSettings(result.value);
      return result;
    },
    listWorkers: () => api.listWorkers({}),
    /** Switches every screen to the language at once (no reload), remembers the choice, and tells the desktop shell. */
    async setLanguage(choice: LocaleChoice) {
      saveLocaleChoice(choice);
      const locale = resolveLocale(choice);
      await activateLocale(locale);
      await this.reportLocale(locale);
    },
    /** The desktop app's notifications, tray and menu speak the window's language; browser mode has none (`unsupported`). */
    reportLocale: (locale: ActiveLocale) => api.reportLocale({ locale: catalogLanguage(locale) }),
  };
}
