import { isOffer, type Reservation } from '../../shared/model';
import { errorTarget } from '../app/actions';
import { useSelect, useServices } from '../app/context';
import { ErrorText } from '../app/ErrorText';
import { callerLabel, channelName } from '../inbox/channel';
import { Elapsed } from '../inbox/Elapsed';
import { formatTime, statusText } from '../inbox/status-text';
import { InstructionForm } from '../instructions/InstructionForm';
import { detailSid } from '../store/live';
import { scalarText, valueAt } from './attribute-path';
import { AttributeView } from './AttributeView';
import { CustomerLink } from './CustomerLink';
import { PreviousContacts } from './PreviousContacts';
import { WrapUpPanel } from './WrapUpPanel';

/**
 * The selected task in front of the agent: the caller and customer fields the
 * desk maps from the attributes, the task's facts with its clocks (how long
 * the customer has waited, how long the agent has been on it), the wrap-up,
 * the instructions of an offer, previous contacts of the same caller, the
 * customer record, and every attribute on demand.
 */
export function TaskDetail() {
  const sid = useSelect(detailSid);
  const r = useSelect((s) => (sid ? s.reservationsBySid[sid] : undefined));
  return (
    <section id="task-detail" aria-label="Task detail" className="detail panel" tabIndex={-1}>
      {!r ? (
        <>
          <h2 className="region-title">Task detail</h2>
          <p className="empty">Choose an offer or a task to see who is calling, why, and what happened before.</p>
        </>
      ) : (
        <Detail key={r.sid} r={r} />
      )}
    </section>
  );
}

/** A stable empty list: a selector must not answer a new array each time. */
const NO_FIELDS: never[] = [];

function Detail({ r }: { r: Reservation }) {
  const { actions, store } = useServices();
  const fields = useSelect((s) => s.settings?.desk.callerFields ?? NO_FIELDS);
  const formOpen = useSelect((s) => s.instructionFormSid === r.sid);
  const acceptedAt = useSelect((s) => s.acceptedAt[r.sid]);
  const live = r.status === 'pending' || r.status === 'accepted' || r.status === 'wrapping';
  const mapped = fields.flatMap((f) => {
    const text = scalarText(valueAt(r.task.attributes, f.attribute));
    return text ? [{ label: f.label, text, key: `${f.label}:${f.attribute}` }] : [];
  });
  return (
    <>
      <header className="detail-head">
        <h2 className="detail-title">{callerLabel(r)}</h2>
        <span className="status-text">{statusText(r)}</span>
      </header>
      {r.topic && <p className="detail-topic">{r.topic}</p>}
      {isOffer(r) && formOpen && <InstructionForm reservation={r} onDone={() => store.getState().setInstructionForm(null)} />}
      {isOffer(r) && !formOpen && (
        <p>
          <button type="button" onClick={() => store.getState().setInstructionForm(r.sid)}>
            Instructions…<span className="visually-hidden"> for {callerLabel(r)}</span>
          </button>
        </p>
      )}
      {r.status === 'accepted' && (
        <div className="action-group">
          <button type="button" className="primary" onClick={() => void actions.wrap(r.sid)}>
            Wrap up<span className="visually-hidden"> {callerLabel(r)}</span>
          </button>
          <ErrorText target={errorTarget.reservation(r.sid, 'wrap')} />
        </div>
      )}
      {r.status === 'wrapping' && <WrapUpPanel r={r} />}
      {mapped.length > 0 && (
        <dl className="caller-fields">
          {mapped.map((f) => (
            <div key={f.key}>
              <dt>{f.label}</dt>
              <dd>{f.text}</dd>
            </div>
          ))}
        </dl>
      )}
      <CustomerLink r={r} />
      <dl className="facts">
        <div>
          <dt>Queue</dt>
          <dd>{r.task.queueName ?? 'No queue'}</dd>
        </div>
        <div>
          <dt>Channel</dt>
          <dd>{channelName(r.task.channel)}</dd>
        </div>
        <div>
          <dt>Priority</dt>
          <dd>{r.task.priority}</dd>
        </div>
        {live ? (
          <div>
            <dt>Age</dt>
            <dd>
              <Elapsed since={r.task.createdAt} />
            </dd>
          </div>
        ) : (
          <div>
            <dt>Created</dt>
            <dd>{formatTime(r.task.createdAt)}</dd>
          </div>
        )}
        {r.status === 'accepted' && (
          <div>
            <dt>{r.task.channel === 'voice' ? 'Talk time' : 'Handling'}</dt>
            <dd>
              <Elapsed since={acceptedAt ?? r.updatedAt} />
            </dd>
          </div>
        )}
        {!live && r.endedAt !== null && (
          <div>
            <dt>Ended</dt>
            <dd>
              {formatTime(r.endedAt)}
              {r.endedReason ? ` — ${r.endedReason}` : ''}
            </dd>
          </div>
        )}
      </dl>
      <PreviousContacts sid={r.sid} />
      <AttributeView attributes={r.task.attributes} />
    </>
  );
}
