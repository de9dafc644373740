import type { VoiceCall } from '../call-registry';
import type { VoiceEmulator } from '../voice-emulator';

/** What TwiML needs from TaskRouter: `<Enqueue workflowSid>` creates tasks, `<Queue reservationSid>` accepts reservations. */
export interface TaskRouterPort {
  createTask(input: { workflowSid: string; attributes: Record<string, unknown>; priority: number | null; timeout: number | null }): { ok: true; taskSid: string } | { ok: false; message: string };
  reservation(sid: string): { status: string; taskSid: string; workerSid: string } | undefined;
  /** The caller's call of a task (`call_sid` attribute). */
  taskCallSid(taskSid: string): string | undefined;
  acceptReservation(sid: string): { ok: true } | { ok: false; message: string };
}

/** Everything the TwiML runner uses, wired by the voice plugin. */
export interface TwimlHost {
  voice: VoiceEmulator;
  accountSid: string;
  /** Signs every request (X-Twilio-Signature) as Twilio signs them with your auth token. */
  authToken: string;
  taskRouter: TaskRouterPort;
  /** Called for every call the runner creates (a <Dial> child), so its API 2010 record exists. */
  onCallCreated(call: VoiceCall): void;
}

/** Rejects with the signal's reason once it aborts; otherwise settles like the promise. */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw abortReason(signal);
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('The program was replaced or the call ended');
}

/** The parameters Twilio sends with every voice webhook. */
export function callParams(call: VoiceCall, accountSid: string): Record<string, string> {
  return {
    CallSid: call.sid,
    AccountSid: accountSid,
    From: call.from,
    To: call.to,
    Caller: call.from,
    Called: call.to,
    CallStatus: call.status,
    Direction: call.direction,
    ApiVersion: '2010-04-01',
    ...(call.parentCallSid ? { ParentCallSid: call.parentCallSid } : {}),
  };
}
