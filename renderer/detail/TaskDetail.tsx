import { isOffer, type Reservation } from '../../shared/model';
import { errorTarget } from '../app/actions';
import { useSelect, useServices } from '../app/context';
import { ErrorText } from '../app/ErrorText';
import { callerLabel, channelName } from '../inbox/channel';
import { endedReason } from '../inbox/ended-reason';
import { Elapsed } from '../inbox/Elapsed';
import { StatusText } from '../inbox/StatusText';
import { formatNumber, formatTime } from '../i18n/format';
import { T, useT } from '../i18n/react';
import { callerFieldLabel } from './desk-defaults';
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
  const t = useT();
  return (
    <section id="task-detail" aria-label={t('detail.label')} className="detail panel" tabIndex={-1}>
      {!r ? (
        <>
          <h2 className="region-title">{t('detail.label')}</h2>
          <p className="empty">{t('detail.empty')}</p>
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
  const t = useT();
  const caller = callerLabel(r, t);
  const live = r.status === 'pending' || r.status === 'accepted' || r.status === 'wrapping';
  const mapped = fields.flatMap((f) => {
    const text = scalarText(valueAt(r.task.attributes, f.attribute));
    return text ? [{ label: callerFieldLabel(f.label, f.attribute, t), text, key: `${f.label}:${f.attribute}` }] : [];
  });
  return (
    <>
      <header className="detail-head">
        <h2 className="detail-title" translate="no">
          {caller}
        </h2>
        <StatusText r={r} />
      </header>
      {r.topic && (
        <p className="detail-topic" translate="no">
          {r.topic}
        </p>
      )}
      {isOffer(r) && formOpen && <InstructionForm reservation={r} onDone={() => store.getState().setInstructionForm(null)} />}
      {isOffer(r) && !formOpen && (
        <p>
          <button type="button" onClick={() => store.getState().setInstructionForm(r.sid)}>
            <T id="card.instructions" values={{ caller }} components={{ 0: <span className="visually-hidden" /> }} />
          </button>
        </p>
      )}
      {r.status === 'accepted' && (
        <div className="action-group">
          <button type="button" className="primary" onClick={() => void actions.wrap(r.sid)}>
            <T id="card.wrap" values={{ caller }} components={{ 0: <span className="visually-hidden" /> }} />
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
              <dd translate="no">{f.text}</dd>
            </div>
          ))}
        </dl>
      )}
      <CustomerLink r={r} />
      <dl className="facts">
        <div>
          <dt>{t('detail.queue')}</dt>
          {r.task.queueName ? <dd translate="no">{r.task.queueName}</dd> : <dd>{t('card.noQueue')}</dd>}
        </div>
        <div>
          <dt>{t('detail.channel')}</dt>
          <dd>{channelName(r.task.channel, t)}</dd>
        </div>
        <div>
          <dt>{t('detail.priority')}</dt>
          <dd>{formatNumber(r.task.priority)}</dd>
        </div>
        {live ? (
          <div>
            <dt>{t('detail.age')}</dt>
            <dd>
              <Elapsed since={r.task.createdAt} />
            </dd>
          </div>
        ) : (
          <div>
            <dt>{t('detail.created')}</dt>
            <dd>{formatTime(r.task.createdAt)}</dd>
          </div>
        )}
        {r.status === 'accepted' && (
          <div>
            <dt>{t(r.task.channel === 'voice' ? 'detail.talkTime' : 'detail.handling')}</dt>
            <dd>
              <Elapsed since={acceptedAt ?? r.updatedAt} />
            </dd>
          </div>
        )}
        {!live && r.endedAt !== null && (
          <div>
            <dt>{t('detail.ended')}</dt>
            <dd>{endedReason(r, t) ? t('detail.endedAt', { time: formatTime(r.endedAt), reason: endedReason(r, t) }) : formatTime(r.endedAt)}</dd>
          </div>
        )}
      </dl>
      <PreviousContacts sid={r.sid} />
      <AttributeView attributes={r.task.attributes} />
    </>
  );
}
