/**
 * The browser bridge hands the page a one-time secret in the URL fragment
 * (`#secret=…`). The fragment never reaches a server log, but it would stay in
 * the address bar and history, so we move it into sessionStorage (which
 * survives reloads of this tab only) and strip it from the address bar.
 */
const STORAGE_KEY = 'agent-desktop:bridge-secret';

export interface SecretLocation {
  hash: string;
  pathname: string;
  search: string;
}

export function takeBridgeSecret(
  location: SecretLocation = window.location,
  storage: Pick<Storage, 'getItem' | 'setItem'> = window.sessionStorage,
  replaceUrl: (url: string) => void = (url) => window.history.replaceState(null, '', url),
): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('secret');
  if (fromHash) {
    storage.setItem(STORAGE_KEY, fromHash);
    replaceUrl(`${location.pathname}${location.search}`);
    return fromHash;
  }
  return storage.getItem(STORAGE_KEY);
}

/** `ws(s)://<same host>/bridge?secret=…`, following the page's own scheme. */
export function bridgeUrl(secret: string, location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/bridge?secret=${encodeURIComponent(secret)}`;
}
