import { activityName } from '../activity/activity-name';
import { errorTarget } from '../app/actions';
import { useSelect, useServices } from '../app/context';
import { ErrorText } from '../app/ErrorText';
import { useT } from '../i18n/react';
import { missedCount } from '../store/live';

/**
 * After a timeout TaskRouter moves the worker to the timeout activity: say so,
 * and offer the way back — only while the agent is not available. Acknowledged
 * offers stay acknowledged after a reload and in another window.
 */
export function MissedBanner() {
  const { actions } = useServices();
  const missed = useSelect(missedCount);
  const activity = useSelect((s) => s.worker?.activityName ?? null);
  const available = useSelect((s) => s.worker?.available ?? false);
  const t = useT();
  if (missed === 0) return null;
  return (
    <div className="banner missed" role="status">
      <p>{available || !activity ? t('missed.count', { count: missed }) : t('missed.countMoved', { count: missed, activity: activityName(activity, t) })}</p>
      <div className="banner-actions">
        {!available && (
          <button type="button" className="primary" onClick={() => actions.backToAvailable()}>
            {t('missed.back')}
          </button>
        )}
        <button type="button" onClick={() => actions.dismissMissed()}>
          {t('missed.dismiss')}
        </button>
      </div>
      <ErrorText target={errorTarget.missed} />
    </div>
  );
}
