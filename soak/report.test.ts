import { describe, expect, it } from 'vitest';
import { duplicateActions, endStateMismatches, MUST_SHOW_AFTER_MS, STALE_AFTER_MS, traceFigures, type ReservationLife } from './report';

const life = (sid: string, createdAt: number, leftPendingAt: number | null, finalStatus = 'completed'): ReservationLife => ({ sid, workerSid: 'WK1', kind: 'acceptClick', createdAt, leftPendingAt, finalStatus });

describe('soak figures', () => {
  it('counts an offer shown while pending, and how soon', () => {
    const f = traceFigures([life('WR1', 1_000, 3_000)], { WR1: { pendingFrom: 1_020, pendingUntil: 3_010, status: 'completed' } }, [], 10_000);
    expect(f).toMatchObject({ shownWhilePending: 1, shownWithinMs: { n: 1, p50: 20, max: 20 }, missedWhilePendingOver250ms: [], staleCards: [], maxPendingLagMs: 10 });
  });

  it('counts an offer pending longer than 250 ms that never showed as missed, and a shorter one as not', () => {
    const f = traceFigures([life('WR1', 1_000, 1_000 + MUST_SHOW_AFTER_MS + 1), life('WR2', 1_000, 1_000 + MUST_SHOW_AFTER_MS - 1)], {}, [], 10_000);
    expect(f.missedWhilePendingOver250ms).toEqual(['WR1']);
  });

  it('flags a card that kept saying "pending" long after the offer ended, including one still on screen', () => {
    const f = traceFigures(
      [life('WR1', 0, 1_000), life('WR2', 0, 1_000)],
      { WR1: { pendingFrom: 10, pendingUntil: 1_000 + STALE_AFTER_MS + 1, status: 'canceled' }, WR2: { pendingFrom: 10, pendingUntil: null, status: 'pending' } },
      [],
      60_000,
    );
    expect(f.staleCards.map((s) => s.sid)).toEqual(['WR1', 'WR2']);
  });

  it('counts ringing while nothing was pending', () => {
    const f = traceFigures([life('WR1', 0, 1_000)], {}, [500, 2_500, 10_000, 12_000], 20_000);
    // 500 and 2,500 are within the offer (plus tolerance); 10,000 and 12,000 ring for nothing: 2 s + 2 s.
    expect(f.ringingWithoutPendingSeconds).toBe(4);
  });
});

describe('end states', () => {
  it('reports disagreement, and active work missing from the host or the page', () => {
    const emulator = new Map([['WR1', 'completed'], ['WR2', 'pending'], ['WR3', 'timeout'], ['WR4', 'canceled']]);
    const host = new Map([['WR1', 'completed'], ['WR2', 'pending'], ['WR4', 'pending']]);
    const page = new Map([['WR1', 'completed']]);
    expect(endStateMismatches(emulator, host, page).map((m) => m.sid).sort()).toEqual(['WR2', 'WR4']);
  });
});

describe('duplicate actions', () => {
  it('lists updates sent more than once', () => {
    expect(duplicateActions(new Map([['WR1:accepted', 1], ['WR2:accepted', 2]]))).toEqual([{ key: 'WR2:accepted', times: 2 }]);
  });
});
