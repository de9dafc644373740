import { DEFAULT_DESK_SETTINGS } from '../../shared/desk';
import type { MessageId } from '../i18n/i18n';
import type { Translate } from '../i18n/react';

/**
 * The desk's defaults (caller field labels, disposition codes) are English
 * words stored in settings. Shown as they are, a Spanish agent would read
 * "Name" and "Resolved"; while they are unchanged they are shown in the
 * agent's language. A disposition is still written to the task by its code,
 * so reports do not depend on who wrapped up.
 */
const FIELD_LABELS: Record<string, MessageId> = {
  caller_name: 'desk.field.caller_name',
  customer_name: 'desk.field.customer_name',
  from: 'desk.field.from',
  account_id: 'desk.field.account_id',
  reason: 'desk.field.reason',
};
const DISPOSITIONS: Record<string, MessageId> = {
  Resolved: 'desk.disposition.resolved',
  'Follow-up needed': 'desk.disposition.followUp',
  Escalated: 'desk.disposition.escalated',
  'Wrong number': 'desk.disposition.wrongNumber',
};

const isDefaultField = (label: string, attribute: string) => DEFAULT_DESK_SETTINGS.callerFields.some((f) => f.label === label && f.attribute === attribute);

export function callerFieldLabel(label: string, attribute: string, t: Translate): string {
  const id = FIELD_LABELS[attribute];
  return id && isDefaultField(label, attribute) ? t(id) : label;
}

export function dispositionLabel(code: string, t: Translate): string {
  const id = DISPOSITIONS[code];
  return id && DEFAULT_DESK_SETTINGS.dispositions.includes(code) ? t(id) : code;
}
