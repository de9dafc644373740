import { errorTarget } from '../app/actions';
import { useSelect, useServices } from '../app/context';
import { ErrorText } from '../app/ErrorText';

/** After a timeout TaskRouter moves the worker to the timeout activity; say so, and offer the way back. */
export function MissedBanner() {
  const { actions, store } = useServices();
  const missed = useSelect((s) => s.missedSids.length);
  const activityName = useSelect((s) => s.worker?.activityName ?? null);
  const available = useSelect((s) => s.worker?.available ?? false);
  if (missed === 0) return null;
  return (
    <div className="banner missed" role="status">
      <p>
        {missed === 1 ? 'You missed an offer' : `You missed ${missed} offers`}
        {activityName && !available ? `, so TaskRouter set you to ${activityName}.` : '.'}
      </p>
      <div className="banner-actions">
        <button type="button" className="primary" onClick={() => actions.backToAvailable()}>
          I&apos;m back — set Available
        </button>
        <button type="button" onClick={() => store.getState().dismissMissed()}>
          Dismiss
        </button>
      </div>
      <ErrorText target={errorTarget.missed} />
    </div>
  );
}
