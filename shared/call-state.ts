import { z } from 'zod';
import { ERROR_CODES } from './result';

/**
 * THE call state machine, shared by the host (which runs it: the Voice SDK's
 * events reported by the window that owns the Device, the conference's state
 * from polling the Participants API, the task's changes and the agent's
 * actions all become `CallEvent`s) and the renderer (which draws it: words,
 * timers and which controls make sense, from the same functions).
 *
 * Pure: no clock, no I/O. Every transition takes the time it happened.
 *
 *   ringing ──answer──▶ live ◀──hold(false)── onHold
 *      │                 │  └──hold(true)──────▲
 *      │      connecting─┘ (the far end answered)
 *      │                 └──customerLeft──▶ callerLeft
 *      └──────────── any ──ended(reason)──▶ ended (final)
 */

export const CALL_PHASES = ['ringing', 'connecting', 'live', 'onHold', 'callerLeft', 'ended'] as const;
export type CallPhase = (typeof CALL_PHASES)[number];

/** Why a call ended, in terms the agent cares about. */
export const CALL_END_REASONS = [
  /** The agent hung up (button, shortcut, or completing/wrapping the task). */
  'agentHungUp',
  /** The customer left while the agent was on the call. */
  'callerHungUp',
  /** The customer left while the agent's phone rang. */
  'callerHungUpBeforeAnswer',
  /** The agent declined the ringing call. */
  'declined',
  /** It stopped ringing because the offer timed out. */
  'missed',
  /** It stopped ringing because another agent took the task. */
  'takenByAnotherAgent',
  /** It stopped ringing for a reason TaskRouter did not give (the task was canceled, the call was withdrawn). */
  'stoppedRinging',
  /** The agent handed the customer to a colleague or a queue. */
  'transferred',
  /** The conference ended or the far end hung up. */
  'remoteEnded',
  /** The call could not be set up or broke. */
  'failed',
] as const;
export type CallEndReason = (typeof CALL_END_REASONS)[number];

export const PARTICIPANT_ROLES = ['me', 'customer', 'colleague', 'external'] as const;
export const PARTICIPANT_STATES = ['ringing', 'live', 'onHold', 'muted', 'left'] as const;

export const callParticipant = z.strictObject({
  callSid: z.string(),
  /** A name for the agent: the customer's name or number, a colleague's name, the dialed number. */
  label: z.string(),
  role: z.enum(PARTICIPANT_ROLES),
  state: z.enum(PARTICIPANT_STATES),
});
export type CallParticipant = z.infer<typeof callParticipant>;

export const TRANSFER_STATUSES = ['waiting', 'consulting', 'completed', 'canceled', 'failed'] as const;

export const callTransfer = z.strictObject({
  mode: z.enum(['cold', 'warm']),
  targetType: z.enum(['worker', 'queue']),
  targetSid: z.string(),
  targetName: z.string(),
  /** The new task that carries the transfer (TaskRouter routes it to the target). */
  taskSid: z.string(),
  /**
   * waiting: the target has not joined yet (the customer is on hold);
   * consulting: the target is in the conference (warm: talk, then complete or cancel);
   * completed / canceled / failed: over.
   */
  status: z.enum(TRANSFER_STATUSES),
  /** Why it failed, when the host knows (the UI words it): nobody took the transfer before it gave up. */
  detail: z.enum(['nobody_took_it']).nullable(),
});
export type CallTransfer = z.infer<typeof callTransfer>;

/** What went wrong with a call, as the host's errors travel: a code, a reason and params the UI words, English for logs. */
export const callError = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  reason: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type CallError = z.infer<typeof callError>;

export const callState = z.strictObject({
  /** Stable for the call's life: the agent's leg CallSid once known, else a host-made id. */
  id: z.string(),
  /** The agent's own leg (the Device's call). */
  callSid: z.string().nullable(),
  direction: z.enum(['inbound', 'outbound']),
  reservationSid: z.string().nullable(),
  taskSid: z.string().nullable(),
  /** Who the agent talks to. */
  remote: z.strictObject({ name: z.string().nullable(), number: z.string().nullable() }),
  phase: z.enum(CALL_PHASES),
  endReason: z.enum(CALL_END_REASONS).nullable(),
  /** When it started ringing or dialing; when it became live; when it ended (local clock, epoch ms). */
  startedAt: z.number(),
  liveAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  /** When the customer was put on hold (for the hold timer); null when not on hold. */
  holdStartedAt: z.number().nullable(),
  /** When the customer left (callerLeft). */
  customerLeftAt: z.number().nullable(),
  muted: z.boolean(),
  /** The customer's leg and the conference, when known. */
  customerCallSid: z.string().nullable(),
  conferenceSid: z.string().nullable(),
  /** Everyone on the conference, the agent included, as last seen. */
  participants: z.array(callParticipant),
  transfer: callTransfer.nullable(),
  /** The last thing that went wrong with THIS call (it goes away with the call): an error the UI words, as AppError. */
  error: callError.nullable(),
});
export type CallState = z.infer<typeof callState>;

export type CallEvent =
  | { type: 'answered'; at: number }
  /** The far end of an outgoing call answered (or the customer joined the conference). */
  | { type: 'remoteAnswered'; at: number }
  | { type: 'hold'; held: boolean; at: number }
  | { type: 'muted'; muted: boolean }
  | { type: 'customerLeft'; at: number }
  | { type: 'ended'; reason: CallEndReason; at: number }
  | { type: 'error'; error: CallError | null }
  | { type: 'linked'; patch: Partial<Pick<CallState, 'callSid' | 'reservationSid' | 'taskSid' | 'remote' | 'customerCallSid' | 'conferenceSid'>> }
  | { type: 'participants'; participants: CallParticipant[] }
  | { type: 'transfer'; transfer: CallTransfer | null };

export interface NewCall {
  id: string;
  direction: 'inbound' | 'outbound';
  /** ringing: the agent's phone rings; connecting: the agent placed (or asked for) the call and waits for the far end. */
  phase: 'ringing' | 'connecting';
  at: number;
  callSid?: string | null;
  reservationSid?: string | null;
  taskSid?: string | null;
  remote?: { name: string | null; number: string | null };
  customerCallSid?: string | null;
}

export function newCall(c: NewCall): CallState {
  return {
    id: c.id,
    callSid: c.callSid ?? null,
    direction: c.direction,
    reservationSid: c.reservationSid ?? null,
    taskSid: c.taskSid ?? null,
    remote: c.remote ?? { name: null, number: null },
    phase: c.phase,
    endReason: null,
    startedAt: c.at,
    liveAt: null,
    endedAt: null,
    holdStartedAt: null,
    customerLeftAt: null,
    muted: false,
    customerCallSid: c.customerCallSid ?? null,
    conferenceSid: null,
    participants: [],
    transfer: null,
    error: null,
  };
}

const isOver = (s: CallState) => s.phase === 'ended';
/** The agent's leg is up (whatever the customer is doing). */
export const isConnected = (s: CallState): boolean => s.phase === 'live' || s.phase === 'onHold' || s.phase === 'callerLeft' || (s.phase === 'connecting' && s.liveAt !== null);

/**
 * One transition. Events that make no sense in the current phase leave the
 * state as it is (the same object), so a late or duplicate report — a poll
 * answer that raced the SDK's own event — can never move a call backwards.
 */
export function reduceCall(s: CallState, e: CallEvent): CallState {
  switch (e.type) {
    case 'answered':
      if (s.phase === 'ringing') return { ...s, phase: 'live', liveAt: e.at };
      // An outgoing call: the agent's own leg is up; the far end may still ring.
      if (s.phase === 'connecting' && s.liveAt === null) return { ...s, liveAt: e.at };
      return s;
    case 'remoteAnswered':
      if (s.phase !== 'connecting') return s;
      return { ...s, phase: 'live', liveAt: s.liveAt ?? e.at };
    case 'hold':
      if (e.held && s.phase === 'live') return { ...s, phase: 'onHold', holdStartedAt: e.at };
      if (!e.held && s.phase === 'onHold') return { ...s, phase: 'live', holdStartedAt: null };
      return s;
    case 'muted':
      return isOver(s) || s.muted === e.muted ? s : { ...s, muted: e.muted };
    case 'customerLeft':
      if (s.phase !== 'live' && s.phase !== 'onHold' && !(s.phase === 'connecting' && s.liveAt !== null)) return s;
      return { ...s, phase: 'callerLeft', holdStartedAt: null, customerLeftAt: e.at };
    case 'ended': {
      if (isOver(s)) return s;
      // A ringing call the caller abandoned, or one that stopped ringing, keeps its own reason.
      const reason = s.phase === 'ringing' && e.reason === 'callerHungUp' ? 'callerHungUpBeforeAnswer' : s.phase === 'callerLeft' && e.reason === 'agentHungUp' ? 'callerHungUp' : e.reason;
      return { ...s, phase: 'ended', endReason: reason, endedAt: e.at, holdStartedAt: null, muted: false };
    }
    case 'error':
      return isOver(s) || JSON.stringify(s.error) === JSON.stringify(e.error) ? s : { ...s, error: e.error };
    case 'linked': {
      if (isOver(s)) return s;
      const entries = Object.entries(e.patch).filter(([k, v]) => v !== undefined && JSON.stringify(s[k as keyof CallState]) !== JSON.stringify(v));
      return entries.length === 0 ? s : { ...s, ...Object.fromEntries(entries) };
    }
    case 'participants':
      if (isOver(s) || JSON.stringify(s.participants) === JSON.stringify(e.participants)) return s;
      return { ...s, participants: e.participants };
    case 'transfer':
      if (JSON.stringify(s.transfer) === JSON.stringify(e.transfer)) return s;
      return { ...s, transfer: e.transfer };
  }
}

/** Who, when known: the customer's or colleague's name, else the number; null for the UI's "unknown caller". */
export const remoteLabel = (s: CallState): string | null => s.remote.name ?? s.remote.number ?? null;

/** How long the agent talked: from live to the end (or now). */
export const talkTime = (s: CallState, now: number): number => (s.liveAt === null ? 0 : (s.endedAt ?? now) - s.liveAt);

/**
 * The one-line headline of a call, without words: what the panel says
 * ("Incoming call from Dana", "Dana is on hold", "Caller hung up · 3:12") is
 * the renderer's catalogue message for `key`, with who and how long.
 */
export type CallHeadline =
  | { key: 'ringing' | 'connecting' | 'calling' | 'live' | 'onHold'; who: string | null }
  | { key: 'callerLeft'; talkMs: number }
  | { key: 'ended'; reason: CallEndReason; talkMs: number | null };

export function callHeadline(s: CallState, now: number): CallHeadline {
  const who = remoteLabel(s);
  switch (s.phase) {
    case 'ringing':
      return { key: 'ringing', who };
    case 'connecting':
      return { key: s.liveAt === null ? 'connecting' : 'calling', who };
    case 'live':
      return { key: 'live', who };
    case 'onHold':
      return { key: 'onHold', who };
    case 'callerLeft':
      return { key: 'callerLeft', talkMs: (s.customerLeftAt ?? now) - (s.liveAt ?? s.startedAt) };
    case 'ended':
      return { key: 'ended', reason: s.endReason ?? 'remoteEnded', talkMs: s.liveAt === null ? null : talkTime(s, now) };
  }
}

export interface CallControls {
  answer: boolean;
  hangUp: boolean;
  mute: boolean;
  hold: boolean;
  keypad: boolean;
  transfer: boolean;
  addParticipant: boolean;
  /** The task behind the call can be wrapped up (the customer is gone or the call is over). */
  wrapUp: boolean;
}

/** Which controls make sense now. Conference features need a known conference. */
export function callControls(s: CallState): CallControls {
  const connected = isConnected(s);
  const conference = connected && s.conferenceSid !== null;
  const transferring = s.transfer !== null && (s.transfer.status === 'waiting' || s.transfer.status === 'consulting');
  return {
    answer: s.phase === 'ringing',
    hangUp: s.phase !== 'ended',
    mute: connected,
    hold: conference && s.customerCallSid !== null && (s.phase === 'live' || s.phase === 'onHold'),
    keypad: connected,
    transfer: conference && s.customerCallSid !== null && !transferring && (s.phase === 'live' || s.phase === 'onHold'),
    addParticipant: conference && (s.phase === 'live' || s.phase === 'onHold'),
    wrapUp: s.reservationSid !== null && (s.phase === 'callerLeft' || s.phase === 'ended'),
  };
}
