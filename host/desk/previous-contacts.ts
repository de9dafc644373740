import type { PreviousContacts } from '../../shared/desk';
import type { Reservation } from '../../shared/model';
import type { RawTask, TaskRouterApi } from '../twilio/api';
import { outcomeOf } from './insights-attributes';

/** How many earlier tasks the detail lists. */
export const PREVIOUS_CONTACTS_LIMIT = 10;

/** The caller attributes tried, in order, to recognise a returning caller. */
const CALLER_KEYS = ['from', 'caller', 'customer_number', 'phone'] as const;

/**
 * A value that can stand inside a TaskRouter expression string: a phone number,
 * a client or SIP identity. Anything with quotes, backslashes or spaces is
 * refused rather than escaped, so a hostile attribute can never change the
 * expression's meaning.
 */
const SAFE_VALUE = /^[A-Za-z0-9+:@._-]{3,128}$/;

/** The attribute and value a returning caller is matched on, or null when the task has no usable one. */
export function callerKey(attributes: Record<string, unknown>): { attribute: string; value: string } | null {
  for (const attribute of CALLER_KEYS) {
    const value = attributes[attribute];
    if (typeof value === 'string' && SAFE_VALUE.test(value)) return { attribute, value };
  }
  return null;
}

/** `from == "+14155550123"` — the value is known safe (see SAFE_VALUE). */
export const matchExpression = (key: { attribute: string; value: string }): string => `${key.attribute} == "${key.value}"`;

const topicOf = (t: RawTask): string | null => {
  for (const k of ['reason', 'topic', 'subject']) {
    const v = t.attributes[k];
    if (typeof v === 'string' && v) return v;
  }
  return null;
};

/**
 * Earlier tasks of the caller of `reservation`: TaskRouter's task list filtered
 * with EvaluateTaskAttributes, without the task itself, newest first. TaskRouter
 * keeps completed and canceled tasks only for a short while, so this shows the
 * recent contacts; the customer record link is for the whole history.
 */
export async function findPreviousContacts(api: TaskRouterApi, reservation: Reservation): Promise<PreviousContacts> {
  const key = callerKey(reservation.task.attributes);
  if (!key) return { matchedOn: null, contacts: [] };
  const tasks = await api.listTasksMatching(matchExpression(key), PREVIOUS_CONTACTS_LIMIT + 1);
  const contacts = tasks
    .filter((t) => t.sid !== reservation.taskSid)
    .sort((a, b) => b.dateCreatedMs - a.dateCreatedMs)
    .slice(0, PREVIOUS_CONTACTS_LIMIT)
    .map((t) => ({ taskSid: t.sid, createdAt: t.dateCreatedMs, status: t.assignmentStatus, channel: t.channel, queueName: t.queueName, outcome: outcomeOf(t.attributes), topic: topicOf(t) }));
  return { matchedOn: key, contacts };
}
