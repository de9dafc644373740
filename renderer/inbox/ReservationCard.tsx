import { memo, useState } from 'react';
import { errorTarget } from '../app/actions';
import { useSelect, useServices } from '../app/context';
import { ErrorText } from '../app/ErrorText';
import { InstructionForm } from '../instructions/InstructionForm';
import { Countdown } from './Countdown';
import { formatTime, STATUS_TEXT } from './status-text';
import { Waited } from './Waited';
import type { Reservation } from '../../shared/model';

/** "Accept call from Dana": the channel as a word an agent would use. */
const CHANNEL_WORDS: Record<string, string> = { voice: 'call', chat: 'chat', sms: 'SMS', email: 'email' };
const channelWord = (r: Reservation) => CHANNEL_WORDS[r.task.channel] ?? 'offer';

/**
 * One reservation. Everything from the task is rendered as text (React escapes
 * it); the article is named by the caller so assistive tech and tests find it.
 */
export const ReservationCard = memo(function ReservationCard({ sid }: { sid: string }) {
  const r = useSelect((s) => s.reservationsBySid[sid]);
  const selected = useSelect((s) => s.selectedSid === sid);
  const { store } = useServices();
  if (!r) return null;
  const callerName = r.caller.name ?? r.caller.number ?? 'Unknown caller';
  const nameId = `caller-${sid}`;
  return (
    <article
      className={`card status-${r.status}${selected ? ' selected' : ''}`}
      aria-labelledby={nameId}
      data-sid={sid}
      data-status={r.status}
      tabIndex={-1}
      onFocus={(e) => {
        if (e.target === e.currentTarget) store.getState().select(sid);
      }}
      onClick={() => store.getState().select(sid)}
    >
      <header className="card-head">
        <h3 id={nameId} className="caller-name" title={callerName}>
          {callerName}
        </h3>
        {r.caller.number && r.caller.name && <span className="caller-number">{r.caller.number}</span>}
        <span className="status-text">{STATUS_TEXT[r.status]}</span>
      </header>
      <p className="card-meta">
        <span className="queue">{r.task.queueName ?? 'No queue'}</span>
        <span className="channel">{r.task.channel}</span>
        {r.status === 'pending' || r.status === 'accepted' || r.status === 'wrapping' ? <Waited since={r.task.createdAt} /> : null}
      </p>
      {r.topic && <p className="topic" title={r.topic}>{r.topic}</p>}
      {r.status === 'pending' && <Countdown expiresAt={r.expiresAt} timeoutSeconds={r.timeoutSeconds} callerLabel={callerName} />}
      {r.status === 'pending' && <PendingActions r={r} callerName={callerName} />}
      {(r.status === 'accepted' || r.status === 'wrapping') && <TaskActions r={r} callerName={callerName} />}
      {r.endedAt !== null && r.status !== 'accepted' && r.status !== 'wrapping' && r.status !== 'pending' && (
        <p className="ended-reason">
          {STATUS_TEXT[r.status]} at <time dateTime={new Date(r.endedAt).toISOString()}>{formatTime(r.endedAt)}</time>
          {r.endedReason ? ` — ${r.endedReason}` : ''}
        </p>
      )}
    </article>
  );
});

function PendingActions({ r, callerName }: { r: Reservation; callerName: string }) {
  const { actions, store } = useServices();
  const activities = useSelect((s) => s.activities);
  const formOpen = useSelect((s) => s.instructionFormSid === r.sid);
  const [rejectActivity, setRejectActivity] = useState('');
  const [busy, setBusy] = useState(false);
  const what = `${channelWord(r)} from ${callerName}`;
  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  };
  const rejectSelectId = `reject-activity-${r.sid}`;
  return (
    <div className="card-actions">
      <div className="action-group">
        <button type="button" className="primary accept" disabled={busy} onClick={() => act(() => actions.accept(r.sid))}>
          Accept<span className="visually-hidden"> {what}</span>
        </button>
        <ErrorText target={errorTarget.reservation(r.sid, 'accept')} />
      </div>
      <div className="action-group reject-group">
        <button type="button" className="danger reject" disabled={busy} onClick={() => act(() => actions.reject(r.sid, rejectActivity || undefined))}>
          Reject<span className="visually-hidden"> {what}</span>
        </button>
        <label className="visually-hidden" htmlFor={rejectSelectId}>
          Activity after rejecting {callerName}
        </label>
        <select id={rejectSelectId} value={rejectActivity} onChange={(e) => setRejectActivity(e.target.value)}>
          <option value="">then no change</option>
          {activities.map((a) => (
            <option key={a.sid} value={a.sid}>
              then {a.friendlyName}
            </option>
          ))}
        </select>
        <ErrorText target={errorTarget.reservation(r.sid, 'reject')} />
      </div>
      <button type="button" aria-expanded={formOpen} onClick={() => store.getState().setInstructionForm(formOpen ? null : r.sid)}>
        Instructions…<span className="visually-hidden"> for {callerName}</span>
      </button>
      {formOpen && <InstructionForm reservation={r} onDone={() => store.getState().setInstructionForm(null)} />}
    </div>
  );
}

function TaskActions({ r, callerName }: { r: Reservation; callerName: string }) {
  const { actions } = useServices();
  return (
    <div className="card-actions">
      {r.status === 'accepted' && (
        <div className="action-group">
          <button type="button" onClick={() => actions.wrap(r.sid)}>
            Wrap up<span className="visually-hidden"> {callerName}</span>
          </button>
          <ErrorText target={errorTarget.reservation(r.sid, 'wrap')} />
        </div>
      )}
      <div className="action-group">
        <button type="button" className="primary" onClick={() => actions.complete(r.sid)}>
          Complete<span className="visually-hidden"> {callerName}</span>
        </button>
        <ErrorText target={errorTarget.reservation(r.sid, 'complete')} />
      </div>
    </div>
  );
}
