import type { ConferenceParticipant, VoiceToken } from '../../shared/contract';
import type { Reservation } from '../../shared/model';
import { err, ok, type Result } from '../../shared/result';
import { toAppError } from '../twilio/errors';
import type { ConferenceControl } from './conference-control';

/** What the voice handlers need from the running host. */
export interface VoiceHandlerContext {
  /** The current Voice token (kept fresh by a VoiceTokenKeeper). */
  voiceToken(): Promise<Result<VoiceToken>>;
  /** Participants API access of the current session. */
  conferences(): Result<ConferenceControl>;
  reservation(sid: string): Reservation | undefined;
}

type Input<T> = { reservationSid: string } & T;

/**
 * The voice requests of the contract. Inputs arrive parsed (the host's
 * handler map parses every request before calling these); errors are values.
 * HOST spreads these into its handler map.
 */
export function createVoiceImplementations(ctx: VoiceHandlerContext | undefined) {
  const notConfigured = err('not_configured', 'Voice is not available with the current settings.', { reason: 'voice_unavailable' });

  /** The reservation's conference and its caller/agent legs, or a typed error. */
  async function locate(reservationSid: string): Promise<Result<{ control: ConferenceControl; conferenceSid: string; callerSid: string | null; agentSid: string | null }>> {
    if (!ctx) return notConfigured;
    const reservation = ctx.reservation(reservationSid);
    if (!reservation) return err('not_found', 'This reservation is not known to the desktop.', { reason: 'reservation_unknown' });
    if (reservation.status !== 'accepted' && reservation.status !== 'wrapping') {
      return err('reservation_not_pending', 'Call controls work once the reservation is accepted and its call connected.', { reason: 'call_not_connected' });
    }
    const control = ctx.conferences();
    if (!control.ok) return control;
    try {
      const conferenceSid = await control.value.conferenceOf(reservation.taskSid);
      if (!conferenceSid) return err('not_found', 'The call is not in a conference (it may have ended).', { reason: 'no_conference' });
      const sids = await control.value.participantSids(conferenceSid);
      const callerSid = reservation.callSid && sids.includes(reservation.callSid) ? reservation.callSid : null;
      const agentSid = sids.find((sid) => sid !== reservation.callSid) ?? null;
      return ok({ control: control.value, conferenceSid, callerSid, agentSid });
    } catch (error) {
      return { ok: false, error: toAppError(error) };
    }
  }

  async function act<T>(run: () => Promise<T>): Promise<Result<T>> {
    try {
      return ok(await run());
    } catch (error) {
      return { ok: false, error: toAppError(error) };
    }
  }

  return {
    getVoiceToken: async (): Promise<Result<VoiceToken>> => (ctx ? ctx.voiceToken() : notConfigured),
    holdCaller: async (input: Input<{ hold: boolean }>): Promise<Result<ConferenceParticipant>> => {
      const found = await locate(input.reservationSid);
      if (!found.ok) return found;
      const { control, conferenceSid, callerSid } = found.value;
      if (!callerSid) return err('not_found', 'The caller is no longer on the call.', { reason: 'caller_gone' });
      return act(() => control.update(conferenceSid, callerSid, { hold: input.hold }));
    },
    muteParticipant: async (input: Input<{ callSid?: string; muted: boolean }>): Promise<Result<ConferenceParticipant>> => {
      const found = await locate(input.reservationSid);
      if (!found.ok) return found;
      const { control, conferenceSid, agentSid } = found.value;
      const target = input.callSid ?? agentSid;
      if (!target) return err('not_found', 'Your call leg is not in the conference.', { reason: 'your_leg_gone' });
      return act(() => control.update(conferenceSid, target, { muted: input.muted }));
    },
    removeParticipant: async (input: Input<{ callSid: string }>): Promise<Result<{ callSid: string }>> => {
      const found = await locate(input.reservationSid);
      if (!found.ok) return found;
      const { control, conferenceSid } = found.value;
      return act(async () => {
        await control.remove(conferenceSid, input.callSid);
        return { callSid: input.callSid };
      });
    },
    endConference: async (input: Input<object>): Promise<Result<{ conferenceSid: string }>> => {
      const found = await locate(input.reservationSid);
      if (!found.ok) return found;
      const { control, conferenceSid } = found.value;
      return act(async () => {
        await control.end(conferenceSid);
        return { conferenceSid };
      });
    },
  };
}
