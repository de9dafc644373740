import type { FieldIssue } from '../../shared/issues';
import type { AppError } from '../../shared/result';
import type { MessageId } from '../i18n/i18n';
import { hasMessage } from '../i18n/i18n';
import type { Translate } from '../i18n/react';

/**
 * The agent's words for an error, in their language, from its code, field
 * issues and values: the host's own `message` is English for logs and never
 * reaches the screen.
 */
export function errorText(error: AppError, t: Translate): string {
  if (error.code === 'invalid_input') {
    const [field, problem] = Object.entries(error.fields ?? {})[0] ?? [];
    if (!problem) return t('error.invalid_input');
    return field ? t('error.field', { field: fieldLabel(field, t), problem: issueText(problem, t) }) : issueText(problem, t);
  }
  const hostLink = error.params?.hostLink;
  if (typeof hostLink === 'string' && hasMessage(`error.hostLink.${hostLink}`)) return t(`error.hostLink.${hostLink}` as MessageId);
  if (error.reason) return hasMessage(`reason.${error.reason}`) ? t(`reason.${error.reason}` as MessageId, reasonValues(error, t)) : error.message;
  if (error.code === 'rejected_by_twilio' && typeof error.params?.detail === 'string') {
    const detail = error.params.detail;
    return error.twilioCode !== undefined ? t('error.rejected_by_twilio.codeDetail', { detail, code: String(error.twilioCode) }) : t('error.rejected_by_twilio.detail', { detail });
  }
  if (error.code === 'rejected_by_twilio' && error.twilioCode !== undefined) return t('error.rejected_by_twilio.code', { code: error.twilioCode });
  return t(`error.${error.code}`);
}

/** A reason's values; `cause`, the code of the error underneath ("could not hang up: <cause>"), becomes that code's sentence. */
function reasonValues(error: Pick<AppError, 'params'>, t: Translate): Record<string, unknown> | undefined {
  const cause = error.params?.cause;
  if (typeof cause !== 'string' || !hasMessage(`error.${cause}`)) return error.params;
  return { ...error.params, cause: t(`error.${cause}` as MessageId) };
}

/** One field's problem: "Can be at most 256 characters long." */
export function issueText(problem: FieldIssue, t: Translate): string {
  return t(`issue.${problem.key}`, { placeholder: '{customer_id}', ...problem.params });
}

/** The name of an input field as forms label it ("timeout" → "Ring timeout"); the last named segment of a dotted path. */
export function fieldLabel(path: string, t: Translate): string {
  const name = [...path.split('.')].reverse().find((p) => !/^\d+$/.test(p)) ?? path;
  const id = `field.${name}` as MessageId;
  return hasMessage(id) ? t(id) : name;
}
