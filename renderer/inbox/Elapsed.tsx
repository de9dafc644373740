import { memo } from 'react';
import { formatClock } from '../i18n/format';
import { useT } from '../i18n/react';
import { useSecondsSince, useSecondsUntil } from './ticker';

/** A running clock since `since` (m:ss, then h:mm:ss), refreshed once a second by the shared ticker. */
export const Elapsed = memo(function Elapsed({ since, className }: { since: number; className?: string }) {
  const seconds = useSecondsSince(since, 1);
  useT(); // the clock's digits follow the language
  return <span className={className ?? 'elapsed'}>{formatClock(seconds)}</span>;
});

/** Time left until `until` (m:ss, never below 0:00), refreshed once a second. */
export const TimeLeft = memo(function TimeLeft({ until, className }: { until: number; className?: string }) {
  const left = useSecondsUntil(until);
  useT();
  return <span className={className ?? 'time-left'}>{formatClock(left)}</span>;
});
