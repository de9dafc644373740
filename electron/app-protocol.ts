import { net, protocol, type Session } from 'electron';
import { extname, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy, securityHeaders } from '../host/transport/index';
import { APP_HOST, APP_SCHEME } from './app-origin';

/**
 * Serves the built renderer (dist/renderer) at app://agent/. Every response
 * carries the strict CSP and the other security headers, set here because a
 * custom protocol's responses are ours to write (there is no server to set them).
 */

/** Must run before `app.whenReady()`: a standard, secure scheme gets an origin, fetch and secure-context APIs (getUserMedia). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

/**
 * Maps an app:// URL to a file inside `rendererDir`, or null when it points
 * elsewhere: another host, or a path that escapes the folder (`..`, encoded or not).
 */
export function resolveAppFile(rendererDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || inside.startsWith(sep) || resolve(root, inside) !== file) return null;
  return file;
}

/** The CSP of the app's page: like browser mode's, but the renderer talks to the host over IPC, so connect-src needs no bridge. */
export function appSecurityHeaders(connectSrc: readonly string[]): Record<string, string> {
  const headers = securityHeaders(contentSecurityPolicy({ bridgeWebSocket: "'self'", connectSrc }));
  // Electron's own page is never cached by a proxy; the browser-mode cache header would only defeat Chromium's cache.
  delete headers['cache-control'];
  return headers;
}

/**
 * Installs the app:// handler on the window's session. `connectSrc` is asked
 * per response (the host's endpoints change with the mode), told whether the
 * response is the page's document (see host/transport PageConnectPolicy).
 */
export function serveRenderer(session: Session, rendererDir: string, connectSrc: (isDocument: boolean) => readonly string[]): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    const headers = appSecurityHeaders(connectSrc(file !== null && extname(file).toLowerCase() === '.html'));
    if (!file) return new Response('Not found', { status: 404, headers });
    const response = await net.fetch(pathToFileURL(file).toString()).catch(() => null);
    if (!response || !response.ok) return new Response('Not found', { status: 404, headers });
    return new Response(response.body, {
      status: 200,
      headers: { ...headers, 'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream' },
    });
  });
}
