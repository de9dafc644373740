import { expect, test } from '@playwright/test';
import { runShift } from '../soak/shift';

// The short soak (32 offers, four of each kind, fault windows halved): every kind of offer, the faults, a sleep/resume, short-lived tokens and a worker switch,
// through the real host (own process), UI and emulator. `npm run soak` runs the long one (500+ offers).
test('a short shift: nothing missed, nothing sent twice, nothing stale, three views that agree', async () => {
  test.setTimeout(8 * 60_000);
  const report = await runShift({ offers: 32, reservationTimeoutSeconds: 10, tokenTtlSeconds: 30, capacity: 3, faults: true, faultScale: 0.5, log: () => undefined });
  expect(report.problems).toEqual([]);
  expect(report.offersCreated).toBeGreaterThanOrEqual(32);
  for (const kind of ['acceptClick', 'acceptKey', 'reject', 'rejectWithActivity', 'timeout', 'canceledByServer', 'deletedByServer', 'completedByServer']) {
    expect(report.byKind[kind]?.offers ?? 0, kind).toBeGreaterThan(0);
  }
  expect(report).toMatchObject({ missedWhilePendingOver250ms: 0, duplicateActions: 0, endStateMismatches: 0, staleCards: 0, cardsLeftAfterEnd: 0, ringingWithoutPendingSeconds: 0 });
});
