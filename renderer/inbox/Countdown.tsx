import { memo, useMemo } from 'react';
import { URGENT_SECONDS } from '../attention/watch';
import { formatClock, useSecondsLeft } from './ticker';

interface Props {
  expiresAt: number;
  timeoutSeconds: number;
  callerLabel: string;
}

/**
 * The time left on an offer: mm:ss text in a `timer` plus a draining bar. Only
 * this component re-renders on a tick. The bar is a CSS animation started at
 * the right point once, so it costs no script time while it drains.
 */
export const Countdown = memo(function Countdown({ expiresAt, timeoutSeconds, callerLabel }: Props) {
  const left = useSecondsLeft(expiresAt);
  const urgent = left <= URGENT_SECONDS;
  // Computed once per expiry: how far into the timeout we already are when the bar appears.
  const barStyle = useMemo(() => {
    const totalMs = Math.max(1, timeoutSeconds * 1_000);
    const elapsedMs = Math.min(totalMs, Math.max(0, totalMs - (expiresAt - Date.now())));
    return { animationDuration: `${totalMs}ms`, animationDelay: `-${elapsedMs}ms` };
  }, [expiresAt, timeoutSeconds]);
  return (
    <div className={urgent ? 'countdown urgent' : 'countdown'} data-expires-at={expiresAt}>
      <span role="timer" aria-label={`Time left to answer ${callerLabel}`} aria-live="off" className="countdown-text">
        {formatClock(left)}
      </span>
      <span className="countdown-track" aria-hidden="true">
        <span className="countdown-bar" style={barStyle} />
      </span>
      {urgent && left > 0 && <span className="countdown-hint">Answer now</span>}
    </div>
  );
});
