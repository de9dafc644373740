import { memo } from 'react';
import { formatDuration } from '../i18n/format';
import { useT } from '../i18n/react';
import { secondsSince, useTickedText } from './ticker';

/** Below a minute the text shows seconds in steps of 5 (finer is noise); past it, minutes (formatDuration). */
const waitedSeconds = (since: number, now: number): number => {
  const seconds = secondsSince(since, now);
  return secondsSince(since, now, seconds < 60 ? 5 : 60);
};

/** How long the customer has waited, written by the shared ticker when its text can change. */
export const Waited = memo(function Waited({ since }: { since: number }) {
  const t = useT();
  const ref = useTickedText<HTMLSpanElement>(
    () => waitedSeconds(since, Date.now()),
    (seconds) => t('card.waiting', { duration: formatDuration(seconds) }),
  );
  return <span ref={ref} className="waited" />;
});
