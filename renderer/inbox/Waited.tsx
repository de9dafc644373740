import { memo } from 'react';
import { formatDuration } from '../i18n/format';
import { useT } from '../i18n/react';
import { useSecondsSince } from './ticker';

/** How long the customer has waited, refreshed every 5 s (finer is noise and costs renders). */
export const Waited = memo(function Waited({ since }: { since: number }) {
  const seconds = useSecondsSince(since, 5);
  const t = useT();
  return <span className="waited">{t('card.waiting', { duration: formatDuration(seconds) })}</span>;
});
