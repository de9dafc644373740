import { memo } from 'react';
import { formatDuration } from '../i18n/format';
import { useT } from '../i18n/react';
import { useSecondsSince } from './ticker';

/** Below a minute the text shows seconds in steps of 5 (finer is noise); past it, minutes (formatDuration). */
const waitedStep = (elapsedSeconds: number): number => (elapsedSeconds < 60 ? 5 : 60);

/** How long the customer has waited: re-rendered only when its text can change. */
export const Waited = memo(function Waited({ since }: { since: number }) {
  const seconds = useSecondsSince(since, waitedStep);
  const t = useT();
  return <span className="waited">{t('card.waiting', { duration: formatDuration(seconds) })}</span>;
});
