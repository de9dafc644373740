/**
 * The one line `npm start` prints once the UI is reachable. Electron's main
 * process writes it to stdout when AGENT_DESKTOP_REPORT_READY=1 (set by
 * scripts/start.ts, which relays it); browser mode prints it directly.
 */
export interface ReadyLine {
  ready: true;
  mode: 'electron' | 'browser';
  ui: string;
  emulator: unknown;
}

export const REPORT_READY_ENV = 'AGENT_DESKTOP_REPORT_READY';

export function readyLine(mode: ReadyLine['mode'], ui: string, emulator: unknown): string {
  return JSON.stringify({ ready: true, mode, ui, emulator: emulator ?? null } satisfies ReadyLine);
}

/** Reads a ready line back (the start script, from Electron's stdout); anything else is null. */
export function parseReadyLine(line: string): ReadyLine | null {
  if (!line.startsWith('{"ready":true')) return null;
  try {
    const value = JSON.parse(line) as Partial<ReadyLine>;
    return value.ready === true && (value.mode === 'electron' || value.mode === 'browser') && typeof value.ui === 'string'
      ? { ready: true, mode: value.mode, ui: value.ui, emulator: value.emulator ?? null }
      : null;
  } catch {
    return null;
  }
}
