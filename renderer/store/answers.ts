import type { SliceCreator } from './types';

export type AnswerKind = 'accept' | 'reject';

/**
 * Answers (accept, reject) this window sent to offers: which are on their way,
 * so the card says so however the answer was given (click, key, tray), and
 * which landed last, so a second press of the same key is a repeat of it and
 * never moves on to another offer (see offerTargetSid).
 */
export interface AnswersSlice {
  answering: Record<string, AnswerKind>;
  lastAnswer: { sid: string; kind: AnswerKind; at: number } | null;
  startAnswer(sid: string, kind: AnswerKind): void;
  endAnswer(sid: string, kind: AnswerKind, landed: boolean, at: number): void;
}

export const createAnswersSlice: SliceCreator<AnswersSlice> = (set) => ({
  answering: {},
  lastAnswer: null,
  startAnswer: (sid, kind) => set((s) => (s.answering[sid] === kind ? {} : { answering: { ...s.answering, [sid]: kind } })),
  endAnswer: (sid, kind, landed, at) =>
    set((s) => {
      const { [sid]: _ended, ...answering } = s.answering;
      return { answering, ...(landed ? { lastAnswer: { sid, kind, at } } : {}) };
    }),
});
