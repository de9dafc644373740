import type { CallOptions, ConferenceOptions, DequeueOptions, RedirectOptions } from '../../shared/instructions';
import type { ReservationUpdate } from '../twilio/api';

/**
 * The contract's instruction options (camelCase, validated) → twilio-node's
 * reservation update options, which twilio-node sends as TaskRouter's
 * PascalCase form fields (arrays as repeated keys). Conference options keep
 * their names (TaskRouter's are unprefixed: `To`, `From`, `Timeout`...); the
 * other instructions are prefixed (`DequeueFrom`, `CallUrl`, `RedirectCallSid`).
 */
const defined = (entries: Record<string, ReservationUpdate[string]>): ReservationUpdate =>
  Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));

export function conferenceUpdate(options: ConferenceOptions, defaultTo: string | null): ReservationUpdate {
  return defined({ instruction: 'conference', ...options, to: options.to ?? defaultTo ?? undefined });
}

export function dequeueUpdate(o: DequeueOptions, defaultTo: string | null): ReservationUpdate {
  return defined({
    instruction: 'dequeue',
    dequeueFrom: o.from,
    dequeueTo: o.to ?? defaultTo ?? undefined,
    dequeuePostWorkActivitySid: o.postWorkActivitySid,
    dequeueRecord: o.record,
    dequeueTimeout: o.timeout,
    dequeueStatusCallbackUrl: o.statusCallbackUrl,
    dequeueStatusCallbackEvent: o.statusCallbackEvent,
  });
}

export function callUpdate(o: CallOptions, defaultTo: string | null): ReservationUpdate {
  return defined({
    instruction: 'call',
    callFrom: o.from,
    callUrl: o.url,
    callTo: o.to ?? defaultTo ?? undefined,
    callAccept: o.accept,
    callRecord: o.record,
    callTimeout: o.timeout,
    callStatusCallbackUrl: o.statusCallbackUrl,
  });
}

export function redirectUpdate(o: RedirectOptions): ReservationUpdate {
  return defined({ instruction: 'redirect', redirectCallSid: o.callSid, redirectUrl: o.url, redirectAccept: o.accept });
}
