import { useEffect, useState } from 'react';
import type { PreviousContacts as Contacts } from '../../shared/desk';
import type { AppError } from '../../shared/result';
import { errorText } from '../app/error-text';
import { useServices } from '../app/context';
import { channelName } from '../inbox/channel';
import { formatDateTime } from '../i18n/format';
import type { MessageId } from '../i18n/i18n';
import { useT } from '../i18n/react';
import { dispositionLabel } from './desk-defaults';

const STATUS_WORDS: Record<string, MessageId> = {
  pending: 'previous.status.pending',
  reserved: 'previous.status.reserved',
  assigned: 'previous.status.assigned',
  wrapping: 'previous.status.wrapping',
  completed: 'previous.status.completed',
  canceled: 'previous.status.canceled',
};

/** Earlier tasks of the same caller, found by TaskRouter (EvaluateTaskAttributes on the caller's number). */
export function PreviousContacts({ sid }: { sid: string }) {
  const { actions } = useServices();
  const [state, setState] = useState<{ sid: string; contacts?: Contacts; error?: AppError } | null>(null);
  const t = useT();
  useEffect(() => {
    let live = true;
    void actions.previousContacts(sid).then((r) => live && setState(r.ok ? { sid, contacts: r.value } : { sid, error: r.error }));
    return () => {
      live = false;
    };
  }, [actions, sid]);
  const current = state?.sid === sid ? state : null;
  return (
    <section aria-label={t('previous.title')} className="previous-contacts">
      <h3>{t('previous.title')}</h3>
      {!current && <p className="empty">{t('previous.loading')}</p>}
      {current?.error && <p className="action-error">{errorText(current.error, t)}</p>}
      {current?.contacts && current.contacts.matchedOn === null && <p className="empty">{t('previous.noNumber')}</p>}
      {current?.contacts?.matchedOn && current.contacts.contacts.length === 0 && <p className="empty">{t('previous.none', { number: current.contacts.matchedOn.value })}</p>}
      {current?.contacts && current.contacts.contacts.length > 0 && (
        <ol className="contact-list">
          {current.contacts.contacts.map((c) => (
            <li key={c.taskSid}>
              <time dateTime={new Date(c.createdAt).toISOString()}>{formatDateTime(c.createdAt)}</time>
              <span>{channelName(c.channel, t)}</span>
              {c.queueName ? <span translate="no">{c.queueName}</span> : <span>{t('card.noQueue')}</span>}
              <span className="status-text">{STATUS_WORDS[c.status] ? t(STATUS_WORDS[c.status]!) : c.status}</span>
              {c.outcome && (
                <span className="outcome" translate={dispositionLabel(c.outcome, t) === c.outcome ? 'no' : undefined}>
                  {dispositionLabel(c.outcome, t)}
                </span>
              )}
              {c.topic && (
                <span className="topic" translate="no">
                  {c.topic}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
