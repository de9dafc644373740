import { useEffect, useId, useRef } from 'react';
import { errorTarget } from '../app/actions';
import { useSelect, useServices } from '../app/context';
import { ErrorText } from '../app/ErrorText';

/**
 * The worker's activity (the workspace's activities, current one marked) and
 * the pending "after this task → X" activity. A native menu of radio buttons
 * keeps it usable with any keyboard or screen reader.
 */
export function ActivitySelector() {
  const { actions, store, shortcuts } = useServices();
  const activities = useSelect((s) => s.activities);
  const worker = useSelect((s) => s.worker);
  const open = useSelect((s) => s.activityMenuOpen);
  const hasPending = useSelect((s) => Object.values(s.reservationsBySid).some((r) => r.status === 'pending'));
  const hasTask = useSelect((s) => Object.values(s.reservationsBySid).some((r) => r.status === 'accepted' || r.status === 'wrapping'));
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => shortcuts.handle('activityMenu', () => store.getState().setActivityMenuOpen(!store.getState().activityMenuOpen)), [shortcuts, store]);
  useEffect(() => {
    if (open) menuRef.current?.querySelector<HTMLInputElement>('input:checked, input')?.focus();
  }, [open]);

  const close = () => {
    store.getState().setActivityMenuOpen(false);
    buttonRef.current?.focus();
  };
  const nextName = activities.find((a) => a.sid === worker?.nextActivitySid)?.friendlyName;

  return (
    <div className="activity">
      <button
        ref={buttonRef}
        type="button"
        className={`activity-button${worker?.available ? ' available' : ''}`}
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => store.getState().setActivityMenuOpen(!open)}
      >
        <span className="dot" aria-hidden="true" />
        Activity: {worker?.activityName ?? 'unknown'}
      </button>
      {nextName && <span className="next-activity">After this task → {nextName}</span>}
      {open && (
        <div
          className="activity-menu"
          id={menuId}
          ref={menuRef}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
          }}
        >
          <fieldset>
            <legend>Set my activity</legend>
            {activities.map((a) => (
              <label key={a.sid} className={a.sid === worker?.activitySid ? 'current' : undefined}>
                <input
                  type="radio"
                  name={`${menuId}-now`}
                  checked={a.sid === worker?.activitySid}
                  onChange={async () => {
                    const result = await actions.setActivity(a.sid);
                    if (result.ok) close();
                  }}
                />
                {a.friendlyName}
                {a.sid === worker?.activitySid ? ' (current)' : ''}
              </label>
            ))}
            {hasPending && <p className="hint">Choosing an unavailable activity rejects the offers waiting for you.</p>}
            <ErrorText target={errorTarget.activity} />
          </fieldset>
          <label className="next-select">
            After {hasTask ? 'this task' : 'my next task'}
            <select value={worker?.nextActivitySid ?? ''} onChange={(e) => actions.setNextActivity(e.target.value || null)}>
              <option value="">stay as I am</option>
              {activities.map((a) => (
                <option key={a.sid} value={a.sid}>
                  → {a.friendlyName}
                </option>
              ))}
            </select>
          </label>
          <ErrorText target={errorTarget.nextActivity} />
          <button type="button" onClick={close}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
