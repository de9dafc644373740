/**
 * The most recent log lines, kept in memory for the diagnostics bundle (logs
 * otherwise go to stderr only). Bounded by lines and by bytes, oldest first out.
 */
export interface LogBuffer {
  push(line: string): void;
  lines(): string[];
}

export function createLogBuffer(maxLines = 2_000, maxChars = 1_000_000): LogBuffer {
  const kept: string[] = [];
  let chars = 0;
  return {
    push(line) {
      // One runaway line must not push out everything else.
      const bounded = line.length > 8_000 ? `${line.slice(0, 8_000)}…[cut]` : line;
      kept.push(bounded);
      chars += bounded.length;
      while (kept.length > maxLines || chars > maxChars) chars -= kept.shift()!.length;
    },
    lines: () => [...kept],
  };
}
