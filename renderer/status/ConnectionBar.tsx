import type { ConnectionState } from '../../shared/model';
import { useSelect } from '../app/context';
import type { MessageId } from '../i18n/i18n';
import { formatTime } from '../i18n/format';
import { useT } from '../i18n/react';

type State = ConnectionState['state'];

/** What each state means for the agent; the host's technical detail (English) stays one click away for support. */
const SENTENCE: Record<State, MessageId | null> = {
  connecting: 'connection.sentence.connecting',
  subscribed: null,
  polling: 'connection.sentence.polling',
  offline: 'connection.sentence.offline',
  unconfigured: 'connection.sentence.unconfigured',
};

/** Where the desktop stands: its link to the host, and the host's link to TaskRouter, with the last gap. */
export function ConnectionBar() {
  const hostStatus = useSelect((s) => s.hostStatus);
  const connection = useSelect((s) => s.connection);
  const t = useT();
  if (hostStatus === 'disconnected') {
    return (
      <div className="connection offline" role="status">
        <span className="dot" aria-hidden="true" />
        <span>{t('connection.hostLost')}</span>
      </div>
    );
  }
  const state = connection?.state ?? 'connecting';
  const gap = connection?.lastGap;
  const sentence = SENTENCE[state];
  return (
    <div className={`connection ${state}`} role="status">
      <span className="dot" aria-hidden="true" />
      <span className="connection-label">{t(`connection.label.${state}`)}</span>
      {sentence && <span className="connection-sentence">{t(sentence)}</span>}
      {gap && <span className="gap">{t('connection.gap', { from: formatTime(gap.from), to: formatTime(gap.to) })}</span>}
      {connection?.detail && state !== 'subscribed' && (
        <details className="connection-detail">
          <summary>{t('connection.details')}</summary>
          {/* The host's own words, for support: English, and marked so (screen readers, browser translation). */}
          <span lang="en" translate="no">
            {connection.detail}
          </span>
        </details>
      )}
    </div>
  );
}
