import { z } from 'zod';
import type { EngineResult, RawParams } from '../domain/types';
import type { EventBridgeEngine } from './engine-port';

/**
 * `reservation.updateParticipant({mute, endConferenceOnExit, beepOnExit})`:
 * the SDK posts `ReservationSid` + options to `Workers/{WK}/WorkerParticipant`
 * (v2). The worker's leg is the one the conference instruction put in the
 * task's conference; the change goes through the emulator's own Participants
 * API, so whatever that endpoint drives (real media included) sees it too.
 */

/** Sends one form POST to the emulator's own REST API, authenticated as the account. */
export type InternalPost = (path: string, form: Record<string, string>) => Promise<{ status: number; body: unknown }>;

const bool = z.enum(['true', 'false'], { message: 'must be true or false' });
const paramsSchema = z
  .object({
    ReservationSid: z.string().regex(/^WR[0-9a-fA-F]{32}$/, { message: 'ReservationSid must be a WR SID' }),
    Mute: bool.optional(),
    EndConferenceOnExit: bool.optional(),
    BeepOnExit: bool.optional(),
  })
  .strict();

const fail = (status: number, code: number, message: string): { ok: false; error: { status: number; code: number; message: string } } => ({ ok: false, error: { status, code, message } });

export async function updateWorkerParticipant(params: RawParams, workerSid: string, accountSid: string, engine: EventBridgeEngine, post: InternalPost): Promise<EngineResult<unknown>> {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(400, 20001, issue?.code === 'unrecognized_keys' ? `Unknown parameter(s): ${issue.keys.join(', ')}` : `Invalid parameter ${String(issue?.path[0] ?? '')}: ${issue?.message ?? 'invalid'}`);
  }
  const { ReservationSid, Mute, EndConferenceOnExit, BeepOnExit } = parsed.data;
  const reservation = engine.getReservation(ReservationSid);
  if (!reservation || reservation.workerSid !== workerSid) return fail(404, 20404, `The requested resource Reservation ${ReservationSid} was not found`);
  const conferenceSid = reservation.instruction?.conferenceSid;
  const callSid = reservation.instruction?.callSid;
  if (!conferenceSid || !callSid) return fail(400, 20001, `Reservation ${ReservationSid} has no worker leg in a conference: issue the conference instruction first`);

  const form: Record<string, string> = {};
  if (Mute !== undefined) form.Muted = Mute;
  if (EndConferenceOnExit !== undefined) form.EndConferenceOnExit = EndConferenceOnExit;
  if (BeepOnExit !== undefined) form.BeepOnExit = BeepOnExit;
  const answer = await post(`/2010-04-01/Accounts/${accountSid}/Conferences/${conferenceSid}/Participants/${callSid}.json`, form);
  if (answer.status >= 200 && answer.status < 300) return { ok: true, value: answer.body };
  const body = (answer.body ?? {}) as { code?: unknown; message?: unknown };
  return fail(answer.status, typeof body.code === 'number' ? body.code : 20001, typeof body.message === 'string' ? body.message : 'The participant update failed');
}
