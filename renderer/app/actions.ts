import type { AgentDesktopApi, RequestInput, SettingsInput } from '../../shared/contract';
import type { InstructionName } from '../../shared/instructions';
import type { Result } from '../../shared/result';
import type { AppStore } from '../store/store';
import { availableActivitySid } from '../store/selectors';

/** Where an error is shown: next to the control that caused it. */
export const errorTarget = {
  reservation: (sid: string, action: string) => `${sid}:${action}`,
  activity: 'activity',
  nextActivity: 'nextActivity',
  missed: 'missed',
  settings: 'settings',
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
      return applyReservation(
        s().epoch,
        await run(errorTarget.reservation(sid, 'accept'), () =>
          useConference ? api.conferenceReservation({ reservationSid: sid, options: { endConferenceOnCustomerExit: true, ...(to ? { to } : {}) } }) : api.acceptReservation({ reservationSid: sid }),
        ),
      );
    },
    async reject(sid: string, activitySid?: string) {
      return applyReservation(
        s().epoch,
        await run(errorTarget.reservation(sid, 'reject'), () => api.rejectReservation(activitySid ? { reservationSid: sid, activitySid } : { reservationSid: sid })),
      );
    },
    async instruction<N extends InstructionName>(sid: string, name: N, options: RequestInput<`${N}Reservation`>['options']) {
      const target = errorTarget.reservation(sid, 'instruction');
      const send = {
        conference: () => api.conferenceReservation({ reservationSid: sid, options: options as RequestInput<'conferenceReservation'>['options'] }),
        dequeue: () => api.dequeueReservation({ reservationSid: sid, options: options as RequestInput<'dequeueReservation'>['options'] }),
        call: () => api.callReservation({ reservationSid: sid, options: options as RequestInput<'callReservation'>['options'] }),
        redirect: () => api.redirectReservation({ reservationSid: sid, options: options as RequestInput<'redirectReservation'>['options'] }),
      }[name];
      return applyReservation(s().epoch, await run(target, send));
    },
    async wrap(sid: string) {
      return applyReservation(s().epoch, await run(errorTarget.reservation(sid, 'wrap'), () => api.wrapReservation({ reservationSid: sid })));
    },
    async complete(sid: string) {
      return applyReservation(s().epoch, await run(errorTarget.reservation(sid, 'complete'), () => api.completeReservation({ reservationSid: sid })));
    },
    /**
     * Change activity now. Going unavailable while offers are pending would be
     * refused by TaskRouter; the agent who picks Break means "stop offering me
     * calls", so those offers are rejected with the change (as Flex does).
     */
    async setActivity(activitySid: string, target: string = errorTarget.activity) {
      const goingUnavailable = s().activities.find((a) => a.sid === activitySid)?.available === false;
      const hasPending = Object.values(s().reservationsBySid).some((r) => r.status === 'pending');
      const input = goingUnavailable && hasPending ? { activitySid, rejectPendingReservations: true } : { activitySid };
      const result = await run(target, () => api.setActivity(input));
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
        s().setError(errorTarget.missed, { code: 'not_found', message: 'This workspace has no available activity to return to.' });
        return;
      }
      const result = await this.setActivity(sid, errorTarget.missed);
      if (result.ok) s().dismissMissed();
    },
    async saveSettings(input: SettingsInput) {
      const result = await run(errorTarget.settings, () => api.saveSettings(input));
      if (result.ok) s().setSettings(result.value);
      return result;
    },
    listWorkers: () => api.listWorkers({}),
  };
}
