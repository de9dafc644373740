/** "unreachable 10:02–10:05" in the local time zone, for logs and the status bar. */
export function describeGap(gap: { from: number; to: number }): string {
  const hm = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return `unreachable ${hm(gap.from)}–${hm(gap.to)}`;
}
