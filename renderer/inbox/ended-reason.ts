import { GONE_REASON, type Reservation } from '../../shared/model';
import type { Translate } from '../i18n/react';

/**
 * Why an offer or task ended, in the agent's language, from its status (the
 * host's `endedReason` is English). TaskRouter's own cancel reason is quoted
 * as it gave it.
 */
export function endedReason(r: Reservation, t: Translate): string {
  switch (r.status) {
    case 'timeout':
      return t('ended.timeout', { seconds: r.timeoutSeconds });
    case 'rescinded':
      return t('ended.rescinded');
    case 'canceled':
      // TaskRouter answered 404: the task was deleted (the host settles it so).
      if (r.endedReason === GONE_REASON) return t('ended.gone');
      return r.task.reason ? t('ended.canceledBecause', { reason: r.task.reason }) : t('ended.canceled');
    case 'rejected':
      return t('ended.rejected');
    case 'completed':
      return t('ended.completed');
    default:
      return '';
  }
}
