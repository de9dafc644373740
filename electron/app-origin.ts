/**
 * Where the renderer lives inside Electron: a custom privileged scheme rather
 * than file://. A file:// page shares its origin with every other local file
 * and cannot be told apart from one; app://agent is an origin of its own, so
 * permission checks, IPC sender checks and the CSP can name it exactly.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'agent';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True when `url` is a page of our own app (exact origin, not a prefix match: app://agent.evil would pass a prefix test). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
