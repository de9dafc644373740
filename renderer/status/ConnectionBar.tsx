import { useSelect } from '../app/context';
import { formatTime } from '../inbox/status-text';

const LABEL = { connecting: 'Connecting…', subscribed: 'Live', polling: 'Polling', offline: 'Offline', unconfigured: 'Not set up' } as const;

/** Where the desktop stands: its link to the host, and the host's link to TaskRouter, with the last gap. */
export function ConnectionBar() {
  const hostStatus = useSelect((s) => s.hostStatus);
  const connection = useSelect((s) => s.connection);
  if (hostStatus === 'disconnected') {
    return (
      <div className="connection offline" role="status">
        Disconnected from the desktop host — reconnecting…
      </div>
    );
  }
  const state = connection?.state ?? 'connecting';
  const gap = connection?.lastGap;
  return (
    <div className={`connection ${state}`} role="status">
      <span className="dot" aria-hidden="true" />
      <span>TaskRouter: {LABEL[state]}</span>
      {connection?.detail && <span className="detail">{connection.detail}</span>}
      {gap && (
        <span className="gap">
          Unreachable {formatTime(gap.from)}–{formatTime(gap.to)}
        </span>
      )}
    </div>
  );
}
