import { memo } from 'react';
import { formatDuration, useSecondsSince } from './ticker';

/** How long the customer has waited, refreshed every 5 s (finer is noise and costs renders). */
export const Waited = memo(function Waited({ since }: { since: number }) {
  const seconds = useSecondsSince(since, 5);
  return <span className="waited">waiting {formatDuration(seconds)}</span>;
});
