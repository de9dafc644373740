/**
 * How deep a parsed JSON value nests, counted without recursion (a value nested
 * 100,000 levels must not overflow the stack here, as JSON.stringify would).
 * Stops counting once `limit` is passed.
 */
export const MAX_JSON_DEPTH = 64;

export function jsonDepthExceeds(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push({ node: child, depth: depth + 1 });
    }
  }
  return false;
}
