import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { errorTarget } from '../app/actions';
import { useSelect, useServices } from '../app/context';
import { ErrorText } from '../app/ErrorText';
import { Elapsed } from '../inbox/Elapsed';
import { GoUnavailableConfirm } from './GoUnavailableConfirm';
import { T, useT } from '../i18n/react';
import { activityName } from './activity-name';
import { useActivitySince } from './useActivitySince';

// Radix's menu is not needed to draw the first screen: it loads right after, and the plain button stands in until then.
const loadPopup = () => import('./ActivityMenuPopup');
const ActivityMenuPopup = lazy(loadPopup);

/** A change of activity waiting for the agent's answer: going unavailable would reject pending offers. */
export interface PendingChange {
  activitySid: string;
  name: string;
}

/**
 * The activity: a button with the current activity and how long the agent has
 * been in it, and a menu (arrows move, Enter or click commits; it opens on the
 * current activity). Going unavailable while offers wait asks first.
 */
export function ActivityMenu() {
  const { actions, store, shortcuts } = useServices();
  const worker = useSelect((s) => s.worker);
  const activities = useSelect((s) => s.activities);
  const since = useActivitySince(worker);
  const [confirm, setConfirm] = useState<PendingChange | null>(null);
  const fallbackFocused = useRef(false);
  const t = useT();

  useEffect(() => shortcuts.handle('activityMenu', () => store.getState().setActivityMenuOpen(!store.getState().activityMenuOpen)), [shortcuts, store]);
  useEffect(() => {
    // Preload once the first screen is up, so the menu is there before anyone reaches for it.
    const id = setTimeout(() => void loadPopup(), 0);
    return () => clearTimeout(id);
  }, []);

  const choose = async (activitySid: string) => {
    const target = activities.find((a) => a.sid === activitySid);
    const pending = Object.values(store.getState().reservationsBySid).filter((r) => r.status === 'pending').length;
    if (target && !target.available && pending > 0) {
      setConfirm({ activitySid, name: activityName(target.friendlyName, t) });
      return;
    }
    await actions.setActivity(activitySid);
  };

  const next = activities.find((a) => a.sid === worker?.nextActivitySid);
  const nextName = next ? activityName(next.friendlyName, t) : null;
  const button = (
    <>
      <span className="dot" aria-hidden="true" />
      <span className="activity-label">{worker ? t('activity.current', { activity: activityName(worker.activityName, t) }) : t('activity.unknown')}</span>
      {since !== null && (
        <span className="activity-time">
          <T id="activity.for" components={{ 0: <span className="visually-hidden" />, 1: <Elapsed since={since} /> }} />
        </span>
      )}
    </>
  );
  return (
    <div className="activity">
      <Suspense
        fallback={
          <button type="button" className={`activity-button${worker?.available ? ' available' : ''}`} aria-haspopup="menu" aria-expanded={false} onFocus={() => (fallbackFocused.current = true)} onBlur={() => (fallbackFocused.current = false)} onClick={() => store.getState().setActivityMenuOpen(true)}>
            {button}
          </button>
        }
      >
        <ActivityMenuPopup label={button} onChoose={choose} focusTrigger={fallbackFocused} />
      </Suspense>
      {nextName && <span className="next-activity">{t('activity.afterThisTask', { activity: nextName })}</span>}
      <ErrorText target={errorTarget.activity} />
      {confirm && <GoUnavailableConfirm change={confirm} onDone={() => setConfirm(null)} />}
    </div>
  );
}
