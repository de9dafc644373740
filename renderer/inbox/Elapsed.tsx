import { memo } from 'react';
import { formatClock } from '../i18n/format';
import { useT } from '../i18n/react';
import { secondsLeft, secondsSince, useTickedText } from './ticker';

/** A running clock since `since` (m:ss, then h:mm:ss), written by the shared ticker once a second. */
export const Elapsed = memo(function Elapsed({ since, className }: { since: number; className?: string }) {
  useT(); // a new language renders again, and the hook writes the digits in it
  const ref = useTickedText<HTMLSpanElement>(() => secondsSince(since, Date.now()), formatClock);
  return <span ref={ref} className={className ?? 'elapsed'} />;
});

/** Time left until `until` (m:ss, never below 0:00), written by the shared ticker once a second. */
export const TimeLeft = memo(function TimeLeft({ until, className }: { until: number; className?: string }) {
  useT();
  const ref = useTickedText<HTMLSpanElement>(() => secondsLeft(until, Date.now()), formatClock);
  return <span ref={ref} className={className ?? 'time-left'} />;
});
