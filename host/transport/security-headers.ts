/**
 * The headers every response of the renderer carries, in browser mode (the
 * bridge) and in Electron (app-protocol). The page is our own built renderer;
 * nothing else may run in it, frame it, or learn where it came from.
 */

export interface CspSources {
  /** How the page reaches the host: the bridge's WebSocket origin (ws://127.0.0.1:PORT), or 'self' under Electron (IPC). */
  bridgeWebSocket: string;
  /** The endpoints the page may also reach (connect-sources.ts: the emulator's or Twilio's). */
  connectSrc: readonly string[];
}

/** Only origins of the form scheme://host[:port] may be added to the policy; anything else could smuggle a directive. */
const ORIGIN_PATTERN = /^(https?|wss?):\/\/(\*\.)?[a-z0-9.[\]:-]+(:\d{1,5})?$/i;

export function isCspOrigin(value: string): boolean {
  return ORIGIN_PATTERN.test(value);
}

export function contentSecurityPolicy({ bridgeWebSocket, connectSrc }: CspSources): string {
  const connect = ["'self'", bridgeWebSocket, ...connectSrc.filter(isCspOrigin)];
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React sets inline style attributes; styles cannot run code, scripts stay locked.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    // The Voice SDK plays its ringtones from blob:/data: audio.
    "media-src 'self' blob: data:",
    `connect-src ${[...new Set(connect)].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(csp: string): Record<string, string> {
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    // The secret is in the URL hash, never sent to the server, but the page must not be cached by shared proxies either.
    'cache-control': 'no-store',
  };
}
