import { useEffect, useState } from 'react';
import type { AgentDay as Day } from '../../shared/desk';
import { useSelect, useServices } from '../app/context';
import { activityName } from '../activity/activity-name';
import { formatDuration, formatNumber, formatTime } from '../i18n/format';
import { useT } from '../i18n/react';

/** How often the figures are asked again while the window is open. */
const REFRESH_MS = 60_000;

/**
 * The agent's day: tasks handled, average handle time, time per activity, and
 * how many tasks wait in the agent's queues. From TaskRouter's statistics when
 * it answers them; otherwise what this desktop saw, and it says so.
 */
export function AgentDay() {
  const { actions } = useServices();
  const [day, setDay] = useState<Day | null>(null);
  const t = useT();
  // A completed task or a new activity changes the figures: ask again then, and once a minute.
  const version = useSelect((s) => `${s.worker?.activitySid ?? ''}:${Object.values(s.reservationsBySid).filter((r) => r.status === 'completed').length}`);
  useEffect(() => {
    let live = true;
    const load = () => void actions.agentDay().then((r) => live && r.ok && setDay(r.value));
    load();
    const id = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(id);
    };
  }, [actions, version]);
  return (
    <section aria-label={t('day.title')} className="agent-day panel">
      <h2 className="region-title">{t('day.title')}</h2>
      {!day ? (
        <p className="empty">{t('common.loading')}</p>
      ) : (
        <>
          <dl className="figures">
            <div>
              <dt>{t('day.tasksHandled')}</dt>
              <dd>{formatNumber(day.tasksHandled)}</dd>
            </div>
            <div>
              <dt>{t('day.averageHandle')}</dt>
              <dd>{day.averageHandleSeconds === null ? '—' : formatDuration(day.averageHandleSeconds)}</dd>
            </div>
            {day.queues?.map((q) => (
              <div key={q.name}>
                <dt>{t('day.waitingIn', { queue: q.name })}</dt>
                <dd>{formatNumber(q.waiting)}</dd>
              </div>
            ))}
          </dl>
          {day.activities.some((a) => a.seconds > 0) && (
            <table className="activity-times">
              <caption className="visually-hidden">{t('day.perActivity')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('day.activity')}</th>
                  <th scope="col">{t('day.time')}</th>
                </tr>
              </thead>
              <tbody>
                {day.activities
                  .filter((a) => a.seconds > 0)
                  .map((a) => (
                    <tr key={a.name}>
                      <th scope="row">{activityName(a.name, t)}</th>
                      <td>{formatDuration(a.seconds)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
          <p className="hint">
            {day.source === 'taskrouter' ? t('day.fromTaskRouter') : t('day.observed', { time: formatTime(day.since) })}{' '}
            {day.queues === null && `${t('day.noQueues')} `}
            {t('day.handleMeasured')}
          </p>
        </>
      )}
    </section>
  );
}
