import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_NAMES, requests, type RequestName } from '../../shared/contract';
import { ERROR_CODES } from '../../shared/result';
import { startHostHarness, type HostHarness } from './harness';

let h: HostHarness;
beforeAll(async () => {
  h = await startHostHarness({ transport: 'poll' });
});
afterAll(async () => {
  await h?.close();
});

const anything = fc.anything({
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withObjectString: true,
  withBoxedValues: true,
});
const fieldNames = fc.constantFrom('reservationSid', 'activitySid', 'options', 'rejectPendingReservations', 'mode', 'accountSid', 'secret', 'tokenUrl', 'transport', '__proto__', 'constructor', 'to', 'from', 'url', 'callSid');
/** Shapes close to real requests (right keys, wrong values) as well as arbitrary values. */
const input = fc.oneof(anything, fc.dictionary(fieldNames, anything), fc.record({ reservationSid: fc.string(), options: fc.dictionary(fieldNames, anything) }));

describe('every contract method against hostile input', () => {
  for (const name of REQUEST_NAMES) {
    it(`${name} refuses malformed input with invalid_input and sends nothing`, async () => {
      const versions = () => h.emulator.running.engine.listReservations().map((r) => r.version).join();
      const workerVersion = () => h.emulator.running.engine.getWorker(h.workerSid)?.version;
      await fc.assert(
        fc.asyncProperty(input, async (value) => {
          fc.pre(!requests[name as RequestName].input.safeParse(value).success);
          const before = [versions(), workerVersion()];
          const handler = h.host.handlers[name] as (input: unknown) => Promise<unknown>;
          const result = (await handler(value)) as { ok: boolean; error?: { code: string; message: string } };
          expect(result.ok).toBe(false);
          expect(result.error?.code).toBe('invalid_input');
          expect(typeof result.error?.message).toBe('string');
          expect(result.error!.message.length).toBeGreaterThan(0);
          expect([versions(), workerVersion()]).toEqual(before);
        }),
        { numRuns: 150 },
      );
    });
  }

  it('survives inputs whose properties throw when read, and keeps answering', async () => {
    const booby = Object.defineProperty({}, 'reservationSid', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    for (const name of REQUEST_NAMES) {
      const result = (await (h.host.handlers[name] as (input: unknown) => Promise<{ ok: boolean; error?: { code: string } }>)(booby));
      expect(result.ok).toBe(false);
      expect(ERROR_CODES).toContain(result.error!.code);
    }
    const snapshot = await h.host.handlers.getSnapshot({});
    expect(snapshot.ok).toBe(true);
    const offer = await h.offer();
    await h.waitForReservation((r) => r.sid === offer.reservationSid, 'the host still works');
  });
});
