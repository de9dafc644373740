import { memo, useState } from 'react';
import { isOffer, type Reservation } from '../../shared/model';
import { errorTarget } from '../app/actions';
import { useSelect, useServices } from '../app/context';
import { ErrorText } from '../app/ErrorText';
import { callerLabel, channelName, channelWord } from './channel';
import { Countdown } from './Countdown';
import { Elapsed, TimeLeft } from './Elapsed';
import { InstructionNote } from './InstructionNote';
import { statusText } from './status-text';
import { Waited } from './Waited';

/**
 * One live item: a pending offer (countdown, Accept, Reject) or a task in
 * progress (its clock, Wrap up or Complete). Everything from the task is
 * rendered as text (React escapes it); the article is named by the caller so
 * assistive tech and tests find it. Selecting it shows its detail.
 */
export const ReservationCard = memo(function ReservationCard({ sid }: { sid: string }) {
  const r = useSelect((s) => s.reservationsBySid[sid]);
  const selected = useSelect((s) => s.selectedSid === sid);
  const { store } = useServices();
  if (!r) return null;
  const name = callerLabel(r);
  const nameId = `caller-${sid}`;
  // A pending reservation that its assignment server or an instruction handles is not an offer: no countdown, no Accept.
  const offer = isOffer(r);
  const handled = r.status === 'pending' && !offer;
  return (
    <article
      className={`card status-${r.status}${selected ? ' selected' : ''}`}
      aria-labelledby={nameId}
      aria-current={selected ? 'true' : undefined}
      data-sid={sid}
      data-status={r.status}
      data-assignment={handled ? r.assignment : undefined}
      tabIndex={-1}
      onFocus={(e) => {
        if (e.target === e.currentTarget) store.getState().select(sid);
      }}
      onClick={() => store.getState().select(sid)}
    >
      <header className="card-head">
        <h3 id={nameId} className="caller-name" title={name}>
          {name}
        </h3>
        {r.caller.number && r.caller.name && <span className="caller-number">{r.caller.number}</span>}
        <span className="status-text">{statusText(r)}</span>
      </header>
      <p className="card-meta">
        <span className="queue">{r.task.queueName ?? 'No queue'}</span>
        <span className="channel">{channelName(r.task.channel)}</span>
        {r.status === 'pending' && <Waited since={r.task.createdAt} />}
        {r.status === 'accepted' && <TalkTime r={r} />}
        {r.status === 'wrapping' && <WrapUpClock sid={sid} />}
      </p>
      {r.topic && (
        <p className="topic" title={r.topic}>
          {r.topic}
        </p>
      )}
      {offer && <Countdown expiresAt={r.expiresAt} timeoutSeconds={r.timeoutSeconds} callerLabel={name} />}
      {handled && <HandledNote sid={sid} by={r.assignment as HandledBy} />}
      <InstructionNote sid={sid} />
      {offer && <PendingActions r={r} callerName={name} />}
      {(r.status === 'accepted' || r.status === 'wrapping') && <TaskActions r={r} callerName={name} />}
    </article>
  );
});

type HandledBy = 'assigning' | 'calling';

/** What happens to a reservation the agent does not decide, unless this desktop's own instruction note already says it. */
function HandledNote({ sid, by }: { sid: string; by: HandledBy }) {
  const sentHere = useSelect((s) => s.sentInstructions[sid] !== undefined);
  if (by === 'calling' && sentHere) return null;
  return (
    <p className="instruction-note" role="status">
      {by === 'assigning' ? "Your contact center's assignment server is handling this task; it shows as an offer if the server leaves it to you." : 'TaskRouter is calling your phone for this task. Answer the call to take it.'}
    </p>
  );
}

/** How long the agent has been on this task: talk time for a call, handling time otherwise. */
function TalkTime({ r }: { r: Reservation }) {
  const since = useSelect((s) => s.acceptedAt[r.sid]) ?? r.updatedAt;
  return (
    <span className="clock">
      {r.task.channel === 'voice' ? 'Talk time' : 'Handling'} <Elapsed since={since} />
    </span>
  );
}

function WrapUpClock({ sid }: { sid: string }) {
  const wrapUp = useSelect((s) => s.wrapUpsBySid[sid]);
  if (!wrapUp) return <span className="clock">Wrap-up</span>;
  return wrapUp.deadline !== null ? (
    <span className="clock wrap-clock">
      Wrap-up ends in <TimeLeft until={wrapUp.deadline} />
    </span>
  ) : (
    <span className="clock wrap-clock">
      Wrap-up <Elapsed since={wrapUp.startedAt} />
    </span>
  );
}

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
      <button
        type="button"
        className="link-button"
        aria-expanded={formOpen}
        aria-controls="task-detail"
        onClick={() => {
          store.getState().select(r.sid);
          store.getState().setInstructionForm(formOpen ? null : r.sid);
        }}
      >
        Instructions…<span className="visually-hidden"> for {callerName}</span>
      </button>
    </div>
  );
}

function TaskActions({ r, callerName }: { r: Reservation; callerName: string }) {
  const { actions, store } = useServices();
  const wrapUp = useSelect((s) => s.wrapUpsBySid[r.sid]);
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
      {r.status === 'wrapping' && (
        <div className="action-group">
          <button
            type="button"
            className="primary"
            onClick={async () => {
              store.getState().select(r.sid);
              await actions.finishWrapUp(r.sid, wrapUp?.disposition ?? null, wrapUp?.notes ?? '');
            }}
          >
            Complete<span className="visually-hidden"> {callerName}</span>
          </button>
          <ErrorText target={errorTarget.reservation(r.sid, 'complete')} />
        </div>
      )}
    </div>
  );
}
