import { errorTarget } from '../app/actions';
import { useSelect, useServices } from '../app/context';
import { ErrorText } from '../app/ErrorText';
import { missedCount } from '../store/live';

/**
 * After a timeout TaskRouter moves the worker to the timeout activity: say so,
 * and offer the way back — only while the agent is not available. Acknowledged
 * offers stay acknowledged after a reload and in another window.
 */
export function MissedBanner() {
  const { actions } = useServices();
  const missed = useSelect(missedCount);
  const activityName = useSelect((s) => s.worker?.activityName ?? null);
  const available = useSelect((s) => s.worker?.available ?? false);
  if (missed === 0) return null;
  return (
    <div className="banner missed" role="status">
      <p>
        {missed === 1 && (available || !activityName) && 'You missed an offer.'}
        {missed > 1 && (available || !activityName) && `You missed ${missed} offers.`}
        {missed === 1 && !available && activityName && `You missed an offer, so TaskRouter set you to ${activityName}.`}
        {missed > 1 && !available && activityName && `You missed ${missed} offers, so TaskRouter set you to ${activityName}.`}
      </p>
      <div className="banner-actions">
        {!available && (
          <button type="button" className="primary" onClick={() => actions.backToAvailable()}>
            I&apos;m back — set Available
          </button>
        )}
        <button type="button" onClick={() => actions.dismissMissed()}>
          Dismiss
        </button>
      </div>
      <ErrorText target={errorTarget.missed} />
    </div>
  );
}
