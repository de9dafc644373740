import type { RawParams } from '../domain/types';

/**
 * The JSON an assignment callback answers ("Handling Assignment Callbacks"), turned
 * into the parameters of a REST reservation update so it goes through exactly the
 * engine path a REST update takes:
 *
 * | answer | becomes |
 * |---|---|
 * | empty body, `{}` | nothing: the reservation stays pending |
 * | `{"instruction":"accept"}` | `ReservationStatus=accepted` |
 * | `{"instruction":"reject","activity_sid":"WA…"}` | `ReservationStatus=rejected`, `WorkerActivitySid` |
 * | `{"instruction":"conference", from, to, timeout, post_work_activity_sid, status_callback, …}` | `Instruction=conference` + each snake_case key in PascalCase (`StatusCallback`, `EndConferenceOnExit`, …) |
 * | `{"instruction":"dequeue", from, to, post_work_activity_sid, timeout, record, status_callback_url, status_callback_events}` | `Instruction=dequeue` + `DequeueFrom`, `DequeueTo`, … |
 * | `{"instruction":"call", from, url, to, accept, record, timeout, status_callback_url}` | `Instruction=call` + `CallFrom`, `CallUrl`, … |
 * | `{"instruction":"redirect", call_sid, url, accept}` | `Instruction=redirect` + `RedirectCallSid`, `RedirectUrl`, `RedirectAccept` |
 *
 * Unknown keys are passed on and refused by the engine like an unknown REST parameter.
 */

export type AssignmentAnswer =
  | { kind: 'none'; warning?: { code: number; message: string } }
  | { kind: 'instruction'; name: string; params: RawParams }
  | { kind: 'invalid'; code: number; message: string };

const PREFIXED: Record<string, { prefix: string; names: Record<string, string> }> = {
  dequeue: { prefix: 'Dequeue', names: { status_callback_events: 'DequeueStatusCallbackEvent' } },
  call: { prefix: 'Call', names: {} },
  redirect: { prefix: 'Redirect', names: {} },
};

const pascal = (key: string): string => key.split('_').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');

function formValue(value: unknown): string | string[] {
  if (Array.isArray(value)) return value.map((item) => String(item));
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Parses an assignment callback's 2xx body. Twilio's warnings: 40001 not JSON, 40005 no `instruction`. */
export function parseAssignmentAnswer(body: string): AssignmentAnswer {
  const text = body.trim();
  if (text === '') return { kind: 'none' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'invalid', code: 40001, message: 'Assignment Instruction response is not valid JSON' };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return { kind: 'invalid', code: 40001, message: 'Assignment Instruction response is not a JSON object' };
  const answer = json as Record<string, unknown>;
  if (Object.keys(answer).length === 0) return { kind: 'none' };
  const name = typeof answer['instruction'] === 'string' ? answer['instruction'].toLowerCase() : undefined;
  if (name === undefined) return { kind: 'none', warning: { code: 40005, message: "Assignment Callback response does not contain 'instruction'" } };
  const rest = Object.entries(answer).filter(([key, value]) => key !== 'instruction' && value !== null && value !== undefined);
  switch (name) {
    case 'accept':
      return { kind: 'instruction', name, params: { ReservationStatus: 'accepted', ...Object.fromEntries(rest.map(([k, v]) => [pascal(k), formValue(v)])) } };
    case 'reject':
      return {
        kind: 'instruction',
        name,
        params: { ReservationStatus: 'rejected', ...Object.fromEntries(rest.map(([k, v]) => [k === 'activity_sid' ? 'WorkerActivitySid' : pascal(k), formValue(v)])) },
      };
    case 'conference':
      return { kind: 'instruction', name, params: { Instruction: 'conference', ...Object.fromEntries(rest.map(([k, v]) => [pascal(k), formValue(v)])) } };
    case 'dequeue':
    case 'call':
    case 'redirect': {
      const { prefix, names } = PREFIXED[name]!;
      return { kind: 'instruction', name, params: { Instruction: name, ...Object.fromEntries(rest.map(([k, v]) => [names[k] ?? `${prefix}${pascal(k)}`, formValue(v)])) } };
    }
    default:
      return { kind: 'invalid', code: 40002, message: `Unknown assignment instruction "${name.slice(0, 40)}": use accept, reject, conference, dequeue, call or redirect` };
  }
}
