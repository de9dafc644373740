import type { AgentDesktopApi } from '../../shared/contract';
import { REQUEST_NAMES, EVENT_NAMES, eventListenerName } from '../../shared/contract';
import { DEFAULT_DESK_SETTINGS } from '../../shared/desk';
import type { Activity, PublicSettings, Reservation, Worker } from '../../shared/model';
import { ok } from '../../shared/result';

let counter = 0;
const hex32 = (n: number) => n.toString(16).padStart(32, '0');

/** A reservation as the host would push it; override what the test is about. */
export function makeReservation(overrides: Partial<Reservation> & { callerName?: string | null } = {}): Reservation {
  counter += 1;
  const now = Date.now();
  const { callerName, ...rest } = overrides;
  return {
    sid: `WR${hex32(counter)}`,
    taskSid: `WT${hex32(counter)}`,
    workerSid: `WK${hex32(1)}`,
    status: 'pending',
    version: 1,
    createdAt: now,
    updatedAt: now,
    expiresAt: now + 30_000,
    timeoutSeconds: 30,
    task: { sid: `WT${hex32(counter)}`, status: 'reserved', queueSid: `WQ${hex32(1)}`, queueName: 'Support', channel: 'voice', priority: 0, createdAt: now - 5_000, reason: null, attributes: { to: '+14155550100' } },
    caller: { name: callerName === undefined ? 'Dana Smith' : callerName, number: '+14155550123' },
    topic: 'Billing question',
    callSid: `CA${hex32(counter)}`,
    endedAt: null,
    endedReason: null,
    ...rest,
  };
}

export const ACTIVITIES: Activity[] = [
  { sid: `WA${hex32(1)}`, friendlyName: 'Available', available: true },
  { sid: `WA${hex32(2)}`, friendlyName: 'Offline', available: false },
  { sid: `WA${hex32(3)}`, friendlyName: 'Missed', available: false },
];

export const makeWorker = (overrides: Partial<Worker> = {}): Worker => ({
  sid: `WK${hex32(1)}`,
  friendlyName: 'Alice',
  activitySid: ACTIVITIES[0]!.sid,
  activityName: 'Available',
  available: true,
  contactUri: 'client:alice',
  attributes: {},
  nextActivitySid: null,
  activityChangedAt: null,
  ...overrides,
});

/** Demo-mode settings with the default desk; override what the test is about. */
export const makeSettings = (overrides: Partial<PublicSettings> = {}): PublicSettings => ({
  mode: 'demo',
  accountSid: null,
  apiKeySid: null,
  workspaceSid: null,
  workerSid: null,
  tokenUrl: null,
  hasSecret: false,
  transport: 'subscribe',
  defaultInstruction: 'accept',
  contactUri: null,
  desk: DEFAULT_DESK_SETTINGS,
  ...overrides,
});

export type RecordedCall = { method: string; input: unknown };

/** The default answer: reservation requests return that reservation, accepted. */
const defaultAnswer = (method: string, input: unknown): unknown =>
  method.endsWith('Reservation') ? makeReservation({ sid: (input as { reservationSid: string }).reservationSid, status: 'accepted', version: 99 }) : undefined;

/** An API whose requests are recorded and answered by `answer`. */
export function recordingApi(answer: (method: string, input: unknown) => unknown = defaultAnswer) {
  const calls: RecordedCall[] = [];
  const api: Record<string, unknown> = {};
  for (const name of REQUEST_NAMES) {
    api[name] = async (input: unknown) => {
      calls.push({ method: name, input });
      // An answer may be a promise: a test holds a request on its way and settles it when it likes.
      const value = await answer(name, input);
      return value && typeof value === 'object' && 'ok' in value ? value : ok(value);
    };
  }
  for (const name of EVENT_NAMES) api[eventListenerName(name)] = () => () => undefined;
  return { api: api as unknown as AgentDesktopApi, calls };
}
