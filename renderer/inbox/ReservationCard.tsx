import { memo, useRef, useState } from 'react';
import { isOffer, type Reservation } from '../../shared/model';
import { errorTarget } from '../app/actions';
import { useSelect, useServices } from '../app/context';
import { ErrorText } from '../app/ErrorText';
import { activityName } from '../activity/activity-name';
import { isSystemActivity } from '../activity/system-activities';
import { T, useT } from '../i18n/react';
import { callerLabel, channelName, offerKind } from './channel';
import { Countdown } from './Countdown';
import { Elapsed, TimeLeft } from './Elapsed';
import { InstructionNote } from './InstructionNote';
import { StatusText } from './StatusText';
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
  // An answer on its way (clicked here, or sent by a shortcut, the tray or a notification): the card is busy and its buttons rest.
  const answering = useSelect((s) => s.answering[sid] !== undefined);
  const { store } = useServices();
  const t = useT();
  if (!r) return null;
  const name = callerLabel(r, t);
  const nameId = `caller-${sid}`;
  // A pending reservation that its assignment server or an instruction handles is not an offer: no countdown, no Accept.
  const offer = isOffer(r);
  const handled = r.status === 'pending' && !offer;
  return (
    <article
      className={`card status-${r.status}${selected ? ' selected' : ''}`}
      aria-labelledby={nameId}
      aria-current={selected ? 'true' : undefined}
      aria-busy={answering || undefined}
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
        <h3 id={nameId} className="caller-name" title={name} translate="no">
          {name}
        </h3>
        {r.caller.number && r.caller.name && (
          <span className="caller-number" translate="no">
            {r.caller.number}
          </span>
        )}
        <StatusText r={r} />
      </header>
      <p className="card-meta">
        {r.task.queueName ? (
          <span className="queue" translate="no">
            {r.task.queueName}
          </span>
        ) : (
          <span className="queue">{t('card.noQueue')}</span>
        )}
        <span className="channel">{channelName(r.task.channel, t)}</span>
        {r.status === 'pending' && <Waited since={r.task.createdAt} />}
        {r.status === 'accepted' && <TalkTime r={r} />}
        {r.status === 'wrapping' && <WrapUpClock sid={sid} />}
      </p>
      {r.topic && (
        <p className="topic" title={r.topic} translate="no">
          {r.topic}
        </p>
      )}
      {offer && <Countdown expiresAt={r.expiresAt} timeoutSeconds={r.timeoutSeconds} callerLabel={name} />}
      {handled && <HandledNote sid={sid} by={r.assignment as HandledBy} />}
      <InstructionNote sid={sid} />
      {offer && <PendingActions r={r} callerName={name} busy={answering} />}
      {(r.status === 'accepted' || r.status === 'wrapping') && <TaskActions r={r} callerName={name} />}
    </article>
  );
});

type HandledBy = 'assigning' | 'calling';

/** What happens to a reservation the agent does not decide, unless this desktop's own instruction note already says it. */
function HandledNote({ sid, by }: { sid: string; by: HandledBy }) {
  const t = useT();
  const sentHere = useSelect((s) => s.sentInstructions[sid] !== undefined);
  if (by === 'calling' && sentHere) return null;
  return (
    <p className="instruction-note" role="status">
      {t(by === 'assigning' ? 'card.handled.assigning' : 'card.handled.calling')}
    </p>
  );
}

/** How long the agent has been on this task: talk time for a call, handling time otherwise. */
function TalkTime({ r }: { r: Reservation }) {
  const since = useSelect((s) => s.acceptedAt[r.sid]) ?? r.updatedAt;
  return (
    <span className="clock">
      <T id={r.task.channel === 'voice' ? 'card.talkTime' : 'card.handling'} components={{ 0: <Elapsed since={since} /> }} />
    </span>
  );
}

function WrapUpClock({ sid }: { sid: string }) {
  const wrapUp = useSelect((s) => s.wrapUpsBySid[sid]);
  const t = useT();
  if (!wrapUp) return <span className="clock">{t('card.wrapUp')}</span>;
  return wrapUp.deadline !== null ? (
    <span className="clock wrap-clock">
      <T id="card.wrapUpEndsIn" components={{ 0: <TimeLeft until={wrapUp.deadline} /> }} />
    </span>
  ) : (
    <span className="clock wrap-clock">
      <T id="card.wrapUpFor" components={{ 0: <Elapsed since={wrapUp.startedAt} /> }} />
    </span>
  );
}

function PendingActions({ r, callerName, busy }: { r: Reservation; callerName: string; busy: boolean }) {
  const { actions, store } = useServices();
  const formOpen = useSelect((s) => s.instructionFormSid === r.sid);
  const [rejectOptionsOpen, setRejectOptionsOpen] = useState(false);
  const rejectToggleRef = useRef<HTMLButtonElement>(null);
  const what = { kind: offerKind(r), caller: callerName };
  const rejectOptionsId = `reject-then-${r.sid}`;
  return (
    <div className="card-actions">
      <div className="action-group">
        <button type="button" className="primary accept" disabled={busy} onClick={() => void actions.accept(r.sid)}>
          <T id="card.accept" values={what} components={{ 0: <span className="visually-hidden" /> }} />
        </button>
        <ErrorText target={errorTarget.reservation(r.sid, 'accept')} />
      </div>
      <div className="action-group reject-group">
        <button type="button" className="danger reject" disabled={busy} onClick={() => void actions.reject(r.sid)}>
          <T id="card.reject" values={what} components={{ 0: <span className="visually-hidden" /> }} />
        </button>
        <button
          ref={rejectToggleRef}
          type="button"
          className="reject-then-toggle"
          aria-expanded={rejectOptionsOpen}
          aria-controls={rejectOptionsOpen ? rejectOptionsId : undefined}
          onClick={() => setRejectOptionsOpen(!rejectOptionsOpen)}
        >
          <T id="card.rejectThenToggle" values={{ caller: callerName }} components={{ 0: <span className="visually-hidden" /> }} />
        </button>
        <ErrorText target={errorTarget.reservation(r.sid, 'reject')} />
      </div>
      {rejectOptionsOpen && (
        <RejectThen
          id={rejectOptionsId}
          callerName={callerName}
          busy={busy}
          onReject={(activitySid) => void actions.reject(r.sid, activitySid)}
          onClose={() => {
            setRejectOptionsOpen(false);
            rejectToggleRef.current?.focus();
          }}
        />
      )}
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
        <T id="card.instructions" values={{ caller: callerName }} components={{ 0: <span className="visually-hidden" /> }} />
      </button>
    </div>
  );
}

/**
 * "Reject, then…": one button per activity the agent may pick (not the current
 * one, not a system activity), each rejecting at once and moving the worker
 * there. Drawn only while open: a card holds no list of activities (with 50
 * offers that was 50 selects for the browser to lay out and scan on every change).
 */
function RejectThen({ id, callerName, busy, onReject, onClose }: { id: string; callerName: string; busy: boolean; onReject(activitySid: string): void; onClose(): void }) {
  const activities = useSelect((s) => s.activities);
  const workspace = useSelect((s) => s.workspace);
  const currentSid = useSelect((s) => s.worker?.activitySid);
  const t = useT();
  const choices = activities.filter((a) => a.sid !== currentSid && !isSystemActivity(a, workspace));
  return (
    <div
      id={id}
      className="reject-then"
      role="group"
      aria-label={t('card.rejectThenGroup', { caller: callerName })}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        onClose();
      }}
    >
      {choices.length === 0 && <p className="empty">{t('card.rejectThenNone')}</p>}
      {choices.map((a) => (
        <button key={a.sid} type="button" className="danger" disabled={busy} onClick={() => onReject(a.sid)}>
          <T id="card.rejectThen" values={{ caller: callerName, activity: activityName(a.friendlyName, t) }} components={{ 0: <span className="visually-hidden" /> }} />
        </button>
      ))}
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
            <T id="card.wrap" values={{ caller: callerName }} components={{ 0: <span className="visually-hidden" /> }} />
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
            <T id="card.complete" values={{ caller: callerName }} components={{ 0: <span className="visually-hidden" /> }} />
          </button>
          <ErrorText target={errorTarget.reservation(r.sid, 'complete')} />
        </div>
      )}
    </div>
  );
}
