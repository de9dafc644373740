import { sidPattern, type SidPrefix } from '../../shared/sids';

/** `isSid` with the patterns compiled once: path SIDs are checked on every request. */
const patterns = new Map<SidPrefix, RegExp>();

export function isSid(prefix: SidPrefix, value: unknown): value is string {
  let pattern = patterns.get(prefix);
  if (!pattern) {
    pattern = sidPattern(prefix);
    patterns.set(prefix, pattern);
  }
  return typeof value === 'string' && pattern.test(value);
}
