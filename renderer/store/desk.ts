import type { WrapUp } from '../../shared/desk';
import type { InstructionName } from '../../shared/instructions';
import type { SliceCreator } from './types';

/** What the agent last asked TaskRouter to do with an offer, so its card can say what is happening. */
export interface SentInstruction {
  name: InstructionName;
  /** Whom TaskRouter calls (Conference, Dequeue, Call). */
  to: string | null;
  /** The TwiML the call runs (Call, Redirect). */
  url: string | null;
  accept: boolean;
  at: number;
}

const MISSED_ACK_KEY = 'agent-desktop:missed-acknowledged-at';

const storedAck = (): number => {
  try {
    const value = Number(globalThis.localStorage?.getItem(MISSED_ACK_KEY));
    return Number.isFinite(value) ? value : 0;
  } catch {
    return 0;
  }
};

/**
 * The desk around the live work: wrap-ups as the host keeps them, what each
 * offer was last instructed, when each task was accepted (for the talk-time
 * clock) and up to when missed offers have been acknowledged — kept in
 * localStorage so a reload or a new window does not show them again.
 */
export interface DeskSlice {
  wrapUpsBySid: Record<string, WrapUp>;
  sentInstructions: Record<string, SentInstruction>;
  acceptedAt: Record<string, number>;
  /** Offers that timed out at or before this moment are acknowledged ("I'm back" or Dismiss). */
  missedAcknowledgedAt: number;
  /** The worker's activity and when this window first saw it (when TaskRouter does not say). */
  activitySeen: { sid: string; at: number } | null;
  noteActivity(sid: string, at: number): void;
  setWrapUp(wrapUp: WrapUp): void;
  endWrapUp(reservationSid: string): void;
  replaceWrapUps(wrapUps: WrapUp[]): void;
  noteInstruction(reservationSid: string, sent: SentInstruction): void;
  noteAccepted(reservationSid: string, at: number): void;
  acknowledgeMissed(at: number): void;
}

/** How many sent instructions and accept times are remembered (live work only needs a handful). */
const KEEP = 50;
const capped = <T,>(record: Record<string, T>): Record<string, T> => {
  const keys = Object.keys(record);
  return keys.length <= KEEP ? record : Object.fromEntries(keys.slice(-KEEP).map((k) => [k, record[k]!]));
};

export const createDeskSlice: SliceCreator<DeskSlice> = (set) => ({
  wrapUpsBySid: {},
  sentInstructions: {},
  acceptedAt: {},
  missedAcknowledgedAt: storedAck(),
  activitySeen: null,
  noteActivity: (sid, at) => set((s) => (s.activitySeen?.sid === sid ? {} : { activitySeen: { sid, at } })),
  setWrapUp: (wrapUp) => set((s) => ({ wrapUpsBySid: { ...s.wrapUpsBySid, [wrapUp.reservationSid]: wrapUp } })),
  endWrapUp: (sid) =>
    set((s) => {
      if (!(sid in s.wrapUpsBySid)) return {};
      const { [sid]: _ended, ...rest } = s.wrapUpsBySid;
      return { wrapUpsBySid: rest };
    }),
  replaceWrapUps: (wrapUps) => set({ wrapUpsBySid: Object.fromEntries(wrapUps.map((w) => [w.reservationSid, w])) }),
  noteInstruction: (sid, sent) => set((s) => ({ sentInstructions: capped({ ...s.sentInstructions, [sid]: sent }) })),
  noteAccepted: (sid, at) => set((s) => (s.acceptedAt[sid] !== undefined ? {} : { acceptedAt: capped({ ...s.acceptedAt, [sid]: at }) })),
  acknowledgeMissed: (at) => {
    try {
      globalThis.localStorage?.setItem(MISSED_ACK_KEY, String(at));
    } catch {
      // Without storage the acknowledgement lasts for this window.
    }
    set({ missedAcknowledgedAt: at });
  },
});
