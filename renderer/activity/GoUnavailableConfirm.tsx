import { useEffect, useId, useRef } from 'react';
import { useSelect, useServices } from '../app/context';
import type { PendingChange } from './ActivityMenu';

/**
 * Going unavailable while offers wait: TaskRouter would refuse it unless the
 * offers are rejected, so the agent decides — reject them now, or move there
 * once the current work is done ("after these offers"), or keep things as
 * they are. Nothing changes until a button is pressed.
 */
export function GoUnavailableConfirm({ change, onDone }: { change: PendingChange; onDone(): void }) {
  const { actions } = useServices();
  const pending = useSelect((s) => Object.values(s.reservationsBySid).filter((r) => r.status === 'pending').length);
  const titleId = useId();
  const textId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button')?.focus();
  }, []);
  const finish = () => {
    onDone();
    document.querySelector<HTMLElement>('.activity-button')?.focus();
  };
  return (
    <div
      className="confirm-popover"
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      ref={ref}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          finish();
        }
      }}
    >
      <h2 id={titleId} className="confirm-title">
        Go to {change.name}?
      </h2>
      <p id={textId}>{pending === 1 ? 'An offer is waiting for you. Going now rejects it.' : `${pending} offers are waiting for you. Going now rejects them.`}</p>
      <div className="confirm-actions">
        <button
          type="button"
          onClick={async () => {
            await actions.setNextActivity(change.activitySid);
            finish();
          }}
        >
          After these offers
        </button>
        <button
          type="button"
          className="danger"
          onClick={async () => {
            await actions.setActivity(change.activitySid, { rejectPending: true });
            finish();
          }}
        >
          {pending === 1 ? 'Reject it and go now' : 'Reject them and go now'}
        </button>
        <button type="button" onClick={finish}>
          Cancel
        </button>
      </div>
    </div>
  );
}
