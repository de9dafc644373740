import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REQUEST_NAMES, requests } from '../../shared/contract';
import { answerFrame, UNKNOWN_REQUEST_ID } from './frames';
import { fakeHost } from './testing/fake-host';

/**
 * Whatever arrives on the socket, the bridge answers one typed response and the
 * host only ever sees input that its contract schema accepts.
 */
const method = fc.oneof(fc.constantFrom(...REQUEST_NAMES), fc.string({ maxLength: 70 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'));
const request = fc.record({ type: fc.constant('request'), id: fc.nat(), method, input: fc.jsonValue({ maxDepth: 3 }) });
const frame = fc.oneof(
  request.map((r) => JSON.stringify(r)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.record({ type: fc.constant('request'), id: fc.oneof(fc.integer(), fc.double(), fc.string()), method, input: fc.anything() }, { requiredKeys: [] }).map((r) => {
    try {
      return JSON.stringify(r) ?? 'null';
    } catch {
      return '{}';
    }
  }),
);

describe('answerFrame (fuzzed)', () => {
  it('answers every frame with one typed response and passes the host only schema-valid input', async () => {
    const host = fakeHost();
    await fc.assert(
      fc.asyncProperty(frame, async (raw) => {
        const callsBefore = host.calls.length;
        const response = await answerFrame(host.handlers, raw, false);
        expect(response.type).toBe('response');
        if (response.type !== 'response') return;
        expect(Number.isInteger(response.id) && response.id >= UNKNOWN_REQUEST_ID).toBe(true);
        if (!response.result.ok) {
          expect(response.result.error.code).toBe('invalid_input');
          expect(response.result.error.message.length).toBeGreaterThan(0);
          expect(host.calls.length).toBe(callsBefore);
        } else {
          const call = host.calls.at(-1)!;
          expect(requests[call.method].input.safeParse(call.input).success).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
