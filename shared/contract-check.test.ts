import { DEFAULT_DESK_SETTINGS } from './desk';
import { describe, expect, it } from 'vitest';
import { REQUEST_NAMES, type Handlers } from './contract';
import { checkEvent, checkHandlerOutputs, checkOutput, CONTRACT_VIOLATION_MESSAGE, type ContractViolation } from './contract-check';
import { err, ok } from './result';

const settings = { mode: 'demo', accountSid: null, apiKeySid: null, workspaceSid: null, workerSid: null, tokenUrl: null, hasSecret: false, transport: 'subscribe', defaultInstruction: 'accept', contactUri: null, desk: DEFAULT_DESK_SETTINGS };

/** Handlers that answer whatever the test puts in `answers` (getSettings by default answers valid settings). */
function handlersAnswering(answers: Partial<Record<keyof Handlers, unknown>>): Handlers {
  return Object.fromEntries(REQUEST_NAMES.map((name) => [name, async () => (name in answers ? answers[name] : ok(settings))])) as unknown as Handlers;
}

describe('checkHandlerOutputs', () => {
  it('passes answers the contract describes through unchanged (the same object)', async () => {
    const answer = ok(settings);
    const violations: ContractViolation[] = [];
    const checked = checkHandlerOutputs(handlersAnswering({ getSettings: answer }), (v) => violations.push(v));
    expect(await checked.getSettings({})).toBe(answer);
    // Settings where a reservation belongs: caught.
    expect(await checked.acceptReservation({ reservationSid: `WR${'0'.repeat(32)}` })).toEqual(err('internal', CONTRACT_VIOLATION_MESSAGE));
    expect(violations.map((v) => v.name)).toEqual(['acceptReservation']);
  });

  it('turns an answer outside the contract into `internal` and reports the field, never the value', async () => {
    const violations: ContractViolation[] = [];
    const checked = checkHandlerOutputs(
      handlersAnswering({
        getSettings: ok({ ...settings, mode: 'hacked', secret: 'hunter2' }),
        getVoiceToken: ok({ token: 'jwt', identity: 'alice', expiresAt: 'soon', signalingUrl: null }),
        listWorkers: err('teapot' as never, 'I am a teapot'),
        getSnapshot: undefined,
      }),
      (v) => violations.push(v),
    );
    for (const name of ['getSettings', 'getVoiceToken', 'listWorkers', 'getSnapshot'] as const) {
      expect(await checked[name]({} as never)).toEqual(err('internal', CONTRACT_VIOLATION_MESSAGE));
    }
    expect(violations).toEqual([
      { name: 'getSettings', kind: 'output', path: 'mode', message: expect.any(String) },
      { name: 'getVoiceToken', kind: 'output', path: 'expiresAt', message: expect.any(String) },
      { name: 'listWorkers', kind: 'output', path: 'code', message: expect.any(String) },
      { name: 'getSnapshot', kind: 'output', path: '', message: 'The handler did not answer a Result' },
    ]);
    expect(JSON.stringify(violations)).not.toContain('hunter2');
  });

  it('accepts every typed error code', () => {
    expect(checkOutput('acceptReservation', err('reservation_expired', 'The offer expired.', { twilioCode: 20001 }))).toBeNull();
  });
});

describe('checkEvent', () => {
  it('parses a payload the contract describes and refuses one it does not', () => {
    const connection = { state: 'polling', since: 1, detail: null, lastGap: null };
    expect(checkEvent('connectionChanged', connection)).toEqual({ ok: true, payload: connection });
    expect(checkEvent('connectionChanged', { ...connection, state: 'exploded' })).toMatchObject({ ok: false, violation: { name: 'connectionChanged', kind: 'event', path: 'state' } });
  });
});
