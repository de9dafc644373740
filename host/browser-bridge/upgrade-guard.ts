import type { IncomingMessage } from 'node:http';
import { secretsMatch } from './secret';

export const BRIDGE_PATH = '/bridge';

export type UpgradeVerdict = { allowed: true } | { allowed: false; status: 403 | 404; reason: string };

/**
 * Decides whether a WebSocket upgrade may reach the contract, before any frame
 * is exchanged. Another page open in the same browser can open a WebSocket to
 * 127.0.0.1 (WebSockets are not bound by the same-origin policy), so the Origin
 * must be exactly ours; another local user or process can forge an Origin, so
 * the per-launch secret, which only our page knows (from its URL hash), is
 * required as well.
 */
export function checkUpgrade(req: Pick<IncomingMessage, 'url' | 'headers'>, expected: { origin: string; secret: string }): UpgradeVerdict {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', expected.origin);
  } catch {
    return { allowed: false, status: 404, reason: 'malformed path' };
  }
  if (url.pathname !== BRIDGE_PATH) return { allowed: false, status: 404, reason: 'not the bridge path' };
  if (req.headers.origin !== expected.origin) return { allowed: false, status: 403, reason: 'foreign or missing Origin' };
  const secrets = url.searchParams.getAll('secret');
  if (secrets.length !== 1 || !secretsMatch(expected.secret, secrets[0])) return { allowed: false, status: 403, reason: 'wrong or missing secret' };
  return { allowed: true };
}
