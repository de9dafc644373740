import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/** Takes over an HTTP upgrade and answers true, or answers false when the path is not its own. */
export type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

/** The pathname of an upgrade request, or undefined when its target is not a URL at all (`GET http://[ …`). */
export function upgradePathname(request: IncomingMessage): string | undefined {
  try {
    return new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  } catch {
    return undefined;
  }
}

/**
 * The server's one `upgrade` listener: offers the request to each handler in turn. An upgrade
 * nobody claims (unknown path, malformed target) or that a handler throws on is answered and
 * closed, never left hanging (it would also keep the server from closing) nor raised as an
 * uncaught exception.
 */
export function dispatchUpgrade(handlers: readonly UpgradeHandler[], request: IncomingMessage, socket: Duplex, head: Buffer): void {
  // The client may reset at any time; that must not surface as an uncaught 'error'.
  socket.on('error', () => socket.destroy());
  try {
    for (const handler of handlers) if (handler(request, socket, head)) return;
    refuse(socket, 404, 20404, 'Not Found', `No WebSocket endpoint at ${upgradePathname(request) ?? 'this target'}`);
  } catch {
    refuse(socket, 400, 20001, 'Bad Request', 'Malformed upgrade request');
  }
}

function refuse(socket: Duplex, status: number, code: number, reason: string, message: string): void {
  refuseUpgrade(socket, status, code, reason, message);
}

/** Answers an upgrade with a Twilio-shaped error and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, code: number, reason: string, message: string): void {
  socket.on('error', () => socket.destroy());
  if (socket.destroyed) return;
  const json = JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`);
}
