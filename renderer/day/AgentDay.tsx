import { useEffect, useState } from 'react';
import type { AgentDay as Day } from '../../shared/desk';
import { useSelect, useServices } from '../app/context';
import { formatDuration } from '../inbox/ticker';
import { formatTime } from '../inbox/status-text';

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
    <section aria-label="My day" className="agent-day panel">
      <h2 className="region-title">My day</h2>
      {!day ? (
        <p className="empty">Loading…</p>
      ) : (
        <>
          <dl className="figures">
            <div>
              <dt>Tasks handled</dt>
              <dd>{day.tasksHandled}</dd>
            </div>
            <div>
              <dt>Average handle time</dt>
              <dd>{day.averageHandleSeconds === null ? '—' : formatDuration(day.averageHandleSeconds)}</dd>
            </div>
            {day.queues?.map((q) => (
              <div key={q.name}>
                <dt>Waiting in {q.name}</dt>
                <dd>{q.waiting}</dd>
              </div>
            ))}
          </dl>
          {day.activities.some((a) => a.seconds > 0) && (
            <table className="activity-times">
              <caption className="visually-hidden">Time per activity</caption>
              <thead>
                <tr>
                  <th scope="col">Activity</th>
                  <th scope="col">Time</th>
                </tr>
              </thead>
              <tbody>
                {day.activities
                  .filter((a) => a.seconds > 0)
                  .map((a) => (
                    <tr key={a.name}>
                      <th scope="row">{a.name}</th>
                      <td>{formatDuration(a.seconds)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
          <p className="hint">
            {day.source === 'taskrouter' ? 'From TaskRouter statistics since midnight.' : `Seen by this desktop since ${formatTime(day.since)}; TaskRouter statistics are not available.`}
            {day.queues === null && ' Queue figures are not available.'} Handle time is measured by this desktop.
          </p>
        </>
      )}
    </section>
  );
}
