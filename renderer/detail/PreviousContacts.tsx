import { useEffect, useState } from 'react';
import type { PreviousContacts as Contacts } from '../../shared/desk';
import type { AppError } from '../../shared/result';
import { errorText } from '../app/error-text';
import { useServices } from '../app/context';
import { channelName } from '../inbox/channel';
import { formatTime } from '../inbox/status-text';

const STATUS_WORDS: Record<string, string> = { pending: 'Waiting', reserved: 'Offered', assigned: 'In progress', wrapping: 'Wrapping up', completed: 'Completed', canceled: 'Canceled' };

/** Earlier tasks of the same caller, found by TaskRouter (EvaluateTaskAttributes on the caller's number). */
export function PreviousContacts({ sid }: { sid: string }) {
  const { actions } = useServices();
  const [state, setState] = useState<{ sid: string; contacts?: Contacts; error?: AppError } | null>(null);
  useEffect(() => {
    let live = true;
    void actions.previousContacts(sid).then((r) => live && setState(r.ok ? { sid, contacts: r.value } : { sid, error: r.error }));
    return () => {
      live = false;
    };
  }, [actions, sid]);
  const current = state?.sid === sid ? state : null;
  return (
    <section aria-label="Previous contacts" className="previous-contacts">
      <h3>Previous contacts</h3>
      {!current && <p className="empty">Looking for earlier contacts…</p>}
      {current?.error && <p className="action-error">{errorText(current.error)}</p>}
      {current?.contacts && current.contacts.matchedOn === null && <p className="empty">The task has no caller number to look for.</p>}
      {current?.contacts?.matchedOn && current.contacts.contacts.length === 0 && <p className="empty">No earlier contacts from {current.contacts.matchedOn.value}.</p>}
      {current?.contacts && current.contacts.contacts.length > 0 && (
        <ol className="contact-list">
          {current.contacts.contacts.map((c) => (
            <li key={c.taskSid}>
              <time dateTime={new Date(c.createdAt).toISOString()}>{formatTime(c.createdAt)}</time>
              <span>{channelName(c.channel)}</span>
              <span>{c.queueName ?? 'No queue'}</span>
              <span className="status-text">{STATUS_WORDS[c.status] ?? c.status}</span>
              {c.outcome && <span className="outcome">{c.outcome}</span>}
              {c.topic && <span className="topic">{c.topic}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
