import type { Logger } from '../host/types';

/**
 * Logs as one JSON object per line on stderr (stdout carries only the ready
 * line that scripts/start.ts reads). Values under keys that name a secret are
 * replaced, in case a caller ever passes one by mistake.
 */
const SECRET_KEY = /secret|token|password|authorization/i;

export function redact(data: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!data) return undefined;
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, SECRET_KEY.test(key) ? '[redacted]' : value]));
}

export function stderrLogger(scope: string, write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const log = (level: string) => (msg: string, data?: Record<string, unknown>) =>
    write(`${JSON.stringify({ time: new Date().toISOString(), level, scope, msg, ...redact(data) })}\n`);
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
