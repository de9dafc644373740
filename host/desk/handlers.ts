import type { AgentDay, DeskSettings, PreviousContacts, WrapUp } from '../../shared/desk';
import type { PublicSettings, Reservation } from '../../shared/model';
import { err, ok, type Result } from '../../shared/result';
import type { TaskRouterApi } from '../twilio/api';
import { toAppError } from '../twilio/errors';
import type { AgentDayObserver } from './agent-day';
import { findPreviousContacts } from './previous-contacts';
import type { WrapUpKeeper } from './wrap-up-keeper';

/** What the desk requests need from the running host. */
export interface DeskHandlerContext {
  api(): Result<TaskRouterApi>;
  reservation(sid: string): Reservation | undefined;
  wrapUps: WrapUpKeeper;
  day: AgentDayObserver;
  saveDesk(desk: DeskSettings): Promise<Result<PublicSettings>>;
  /** Opens an https address in the system browser (Electron's shell); absent in browser mode, where the page uses a link. */
  openExternal?: (url: string) => Promise<void>;
}

type OnReservation<T = object> = { reservationSid: string } & T;
type Draft = OnReservation<{ disposition: string | null; notes: string }>;

/**
 * The desk's requests of the contract: task context, wrap-up, the agent's day,
 * the customer record link. Inputs arrive parsed by the host's handler map.
 */
export function createDeskImplementations(ctx: DeskHandlerContext | undefined) {
  const notConfigured = err('not_configured', 'The desktop is not connected yet.');
  return {
    saveDeskSettings: (desk: DeskSettings): Promise<Result<PublicSettings>> => (ctx ? ctx.saveDesk(desk) : Promise.resolve(notConfigured)),
    async previousContacts(input: OnReservation): Promise<Result<PreviousContacts>> {
      if (!ctx) return notConfigured;
      const reservation = ctx.reservation(input.reservationSid);
      if (!reservation) return err('not_found', 'This task is not known to the desktop any more.', { reason: 'task_unknown' });
      const api = ctx.api();
      if (!api.ok) return api;
      try {
        return ok(await findPreviousContacts(api.value, reservation));
      } catch (e) {
        const error = toAppError(e);
        return err(error.code, `Earlier contacts could not be loaded: ${error.message}`);
      }
    },
    saveWrapUp: async (input: Draft): Promise<Result<WrapUp>> => (ctx ? ctx.wrapUps.save(input.reservationSid, input) : notConfigured),
    extendWrapUp: async (input: OnReservation): Promise<Result<WrapUp>> => (ctx ? ctx.wrapUps.extend(input.reservationSid) : notConfigured),
    finishWrapUp: (input: Draft): Promise<Result<Reservation>> => (ctx ? ctx.wrapUps.finish(input.reservationSid, input) : Promise.resolve(notConfigured)),
    getAgentDay: async (): Promise<Result<AgentDay>> => (ctx ? ok(await ctx.day.build(ctx.api())) : notConfigured),
    async openExternal(input: { url: string }): Promise<Result<{ opened: true }>> {
      if (!ctx?.openExternal) return err('not_configured', 'This window opens links itself; the desktop host has no browser to open.', { reason: 'no_browser' });
      try {
        await ctx.openExternal(input.url);
        return ok({ opened: true });
      } catch {
        return err('internal', 'The system browser could not be opened.', { reason: 'browser_failed' });
      }
    },
  };
}
