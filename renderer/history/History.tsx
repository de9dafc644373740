import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSelect, useServices } from '../app/context';
import { callerLabel, channelName } from '../inbox/channel';
import { endedReason } from '../inbox/ended-reason';
import { STATUS_TEXT } from '../inbox/status-text';
import { formatTime } from '../i18n/format';
import { useT } from '../i18n/react';
import { HISTORY_LIMIT, historyCount, historySids } from '../store/live';

/**
 * Ended offers and tasks, in their own place: collapsed until the agent opens
 * it, capped, searchable, most recent first. Choosing one shows its detail;
 * the keyboard's next/previous never lands here.
 */
export function History() {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const count = useSelect(historyCount);
  const listId = useId();
  const t = useT();
  return (
    <section aria-label={t('history.title')} className="history panel">
      <h2 className="region-title">
        <button type="button" className="disclosure" aria-expanded={open} aria-controls={listId} onClick={() => setOpen(!open)}>
          <span className="disclosure-mark" aria-hidden="true" />
          {t('history.toggle', { count })}
        </button>
      </h2>
      {open && (
        <div id={listId} className="history-body">
          <label className="history-search">
            <span className="visually-hidden">{t('history.search')}</span>
            <input type="search" placeholder={t('history.searchPlaceholder')} value={query} onChange={(e) => setQuery(e.target.value)} />
          </label>
          <HistoryList query={query} />
          <p className="hint">{t('history.hint', { limit: HISTORY_LIMIT })}</p>
        </div>
      )}
    </section>
  );
}

function HistoryList({ query }: { query: string }) {
  const sids = useSelect(useShallow((s) => historySids(s, query)));
  const t = useT();
  if (sids.length === 0) return <p className="empty">{t(query ? 'history.noMatch' : 'history.empty')}</p>;
  return (
    <ol className="history-list">
      {sids.map((sid) => (
        <HistoryItem key={sid} sid={sid} />
      ))}
    </ol>
  );
}

function HistoryItem({ sid }: { sid: string }) {
  const { store } = useServices();
  const r = useSelect((s) => s.reservationsBySid[sid]);
  const selected = useSelect((s) => s.selectedSid === sid);
  const t = useT();
  if (!r) return null;
  const name = callerLabel(r, t);
  const reason = endedReason(r, t);
  const nameId = `history-${sid}`;
  return (
    <li>
      <article className={`history-item status-${r.status}${selected ? ' selected' : ''}`} aria-labelledby={nameId}>
        <h3 id={nameId} className="caller-name" title={name} translate="no">
          <button type="button" className="link-button" aria-controls="task-detail" onClick={() => store.getState().select(sid)}>
            {name}
          </button>
        </h3>
        <p className="history-meta">
          <span className="status-text">{t(STATUS_TEXT[r.status])}</span>
          {r.endedAt !== null && <time dateTime={new Date(r.endedAt).toISOString()}>{formatTime(r.endedAt)}</time>}
          <span>{channelName(r.task.channel, t)}</span>
          {r.task.queueName ? <span translate="no">{r.task.queueName}</span> : <span>{t('card.noQueue')}</span>}
        </p>
        {reason && reason !== t(STATUS_TEXT[r.status]) && <p className="ended-reason">{reason}</p>}
      </article>
    </li>
  );
}
