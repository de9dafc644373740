import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReservationTable } from './reservation-table';
import type { ReservationRecord } from './types';

const reservation = (sid: string, workerSid: string, taskSid: string): ReservationRecord => ({
  sid,
  taskSid,
  workerSid,
  workerName: workerSid,
  status: 'pending',
  dateCreated: 0,
  dateUpdated: 0,
  version: 0,
  timeoutSeconds: 120,
  workerPreviousActivitySid: 'WA1',
  postWorkActivitySid: null,
  instruction: null,
  history: [],
});

describe('ReservationTable', () => {
  it('answers a worker’s and a task’s reservations in insertion order, through set, delete and clear', () => {
    const table = new ReservationTable();
    table.set('WR1', reservation('WR1', 'WK1', 'WT1'));
    table.set('WR2', reservation('WR2', 'WK2', 'WT1'));
    table.set('WR3', reservation('WR3', 'WK1', 'WT2'));
    expect([...table.ofWorker('WK1')].map((r) => r.sid)).toEqual(['WR1', 'WR3']);
    expect([...table.ofTask('WT1')].map((r) => r.sid)).toEqual(['WR1', 'WR2']);
    table.delete('WR1');
    expect([...table.ofWorker('WK1')].map((r) => r.sid)).toEqual(['WR3']);
    expect([...table.ofTask('WT1')].map((r) => r.sid)).toEqual(['WR2']);
    expect([...table.ofWorker('WK9')]).toEqual([]);
    table.clear();
    expect(table.size).toBe(0);
    expect([...table.ofTask('WT1')]).toEqual([]);
  });

  it('always agrees with filtering the whole table (any sequence of sets, replacements and deletes)', () => {
    // A reservation's worker and task never change: they follow from its SID here.
    const op = fc.record({ kind: fc.constantFrom('set' as const, 'delete' as const), sid: fc.integer({ min: 1, max: 20 }) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const table = new ReservationTable();
        for (const o of ops) {
          if (o.kind === 'set') table.set(`WR${o.sid}`, reservation(`WR${o.sid}`, `WK${(o.sid % 4) + 1}`, `WT${(o.sid % 3) + 1}`));
          else table.delete(`WR${o.sid}`);
        }
        for (let k = 1; k <= 4; k++) {
          expect([...table.ofWorker(`WK${k}`)]).toEqual([...table.values()].filter((r) => r.workerSid === `WK${k}`));
          expect([...table.ofTask(`WT${k}`)]).toEqual([...table.values()].filter((r) => r.taskSid === `WT${k}`));
        }
      }),
    );
  });
});
