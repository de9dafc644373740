import type { ConnectionState } from '../../shared/model';
import { useSelect } from '../app/context';
import { formatTime } from '../inbox/status-text';

const LABEL = { connecting: 'Connecting…', subscribed: 'Live', polling: 'Polling', offline: 'Offline', unconfigured: 'Not set up' } as const;

/** What each state means for the agent; the host's technical detail stays one click away for support. */
const SENTENCE: Record<ConnectionState['state'], string | null> = {
  connecting: 'Connecting to TaskRouter.',
  subscribed: null,
  polling: 'Live updates are interrupted; offers still arrive, checked every few seconds.',
  offline: 'TaskRouter cannot be reached. The desktop keeps trying by itself.',
  unconfigured: 'The desktop is not connected. Open Settings to choose how to connect.',
};

/** Where the desktop stands: its link to the host, and the host's link to TaskRouter, with the last gap. */
export function ConnectionBar() {
  const hostStatus = useSelect((s) => s.hostStatus);
  const connection = useSelect((s) => s.connection);
  if (hostStatus === 'disconnected') {
    return (
      <div className="connection offline" role="status">
        <span className="dot" aria-hidden="true" />
        <span>Disconnected from the desktop host. Reconnecting…</span>
      </div>
    );
  }
  const state = connection?.state ?? 'connecting';
  const gap = connection?.lastGap;
  const sentence = SENTENCE[state];
  return (
    <div className={`connection ${state}`} role="status">
      <span className="dot" aria-hidden="true" />
      <span className="connection-label">TaskRouter: {LABEL[state]}</span>
      {sentence && <span className="connection-sentence">{sentence}</span>}
      {gap && (
        <span className="gap">
          Unreachable {formatTime(gap.from)}–{formatTime(gap.to)}
        </span>
      )}
      {connection?.detail && state !== 'subscribed' && (
        <details className="connection-detail">
          <summary>Details</summary>
          <span>{connection.detail}</span>
        </details>
      )}
    </div>
  );
}
