import type { CallParticipant, CallState } from '../../shared/call-state';
import type { RestParticipant } from './call-rest';

/** Who a leg is, as the desktop learned it (added by the agent, a transfer target). */
export interface KnownLeg {
  label: string;
  role: CallParticipant['role'];
}

const LIVE_STATUSES = new Set(['connected']);
const RINGING_STATUSES = new Set(['queued', 'initiated', 'ringing', 'connecting']);

/**
 * The conference as the agent sees it: every participant with a name, a role
 * and a state (ringing, live, on hold, muted, left). Legs seen before and now
 * gone stay listed as `left`, so the agent sees who dropped.
 */
export function describeParticipants(call: CallState, listed: RestParticipant[], known: ReadonlyMap<string, KnownLeg>): CallParticipant[] {
  const present = new Set(listed.map((p) => p.callSid));
  const now: CallParticipant[] = listed.map((p) => {
    const role: CallParticipant['role'] =
      p.callSid === call.callSid ? 'me' : p.callSid === call.customerCallSid ? 'customer' : (known.get(p.callSid)?.role ?? (p.label === 'customer' ? 'customer' : p.label === 'worker' ? 'colleague' : 'external'));
    // An empty label is worded by the UI from the role ("You", "Customer", "Participant" in the agent's language).
    const label = role === 'me' ? '' : role === 'customer' ? (call.remote.name ?? call.remote.number ?? '') : (known.get(p.callSid)?.label ?? p.label ?? '');
    const state: CallParticipant['state'] = RINGING_STATUSES.has(p.status) ? 'ringing' : !LIVE_STATUSES.has(p.status) ? 'left' : p.hold ? 'onHold' : p.muted ? 'muted' : 'live';
    return { callSid: p.callSid, label, role, state };
  });
  const gone = call.participants.filter((p) => !present.has(p.callSid)).map((p) => ({ ...p, state: 'left' as const }));
  return [...now, ...gone];
}
