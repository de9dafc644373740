import { useEffect, useId, useRef } from 'react';
import { useSelect, useServices } from '../app/context';
import { useT } from '../i18n/react';
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
  const t = useT();
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
        {t('goUnavailable.title', { activity: change.name })}
      </h2>
      <p id={textId}>{t('goUnavailable.text', { count: pending })}</p>
      <div className="confirm-actions">
        <button
          type="button"
          onClick={async () => {
            await actions.setNextActivity(change.activitySid);
            finish();
          }}
        >
          {t('goUnavailable.after')}
        </button>
        <button
          type="button"
          className="danger"
          onClick={async () => {
            await actions.setActivity(change.activitySid, { rejectPending: true });
            finish();
          }}
        >
          {t('goUnavailable.reject', { count: pending })}
        </button>
        <button type="button" onClick={finish}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
