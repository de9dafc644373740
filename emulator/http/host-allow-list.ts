import { Socket } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * The emulator's own door against DNS rebinding: a web page on another site can
 * make the browser send same-origin requests to a name that resolves to 127.0.0.1,
 * but the request still carries that name in `Host`. So every request and every
 * WebSocket upgrade must name the emulator itself: its loopback address and port
 * (`127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT`), the address it is bound to, or
 * a name configured with `allowedHosts` / `--allowed-host` (`name` for any port,
 * `name:port` for one). Anything else is refused with a Twilio-shaped 403.
 */

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export class HostAllowList {
  private port = '';
  private readonly exact = new Set<string>();
  private readonly anyPort = new Set<string>();

  constructor(private readonly configured: readonly string[] = []) {
    for (const entry of configured) {
      const name = entry.trim().toLowerCase();
      if (name === '') continue;
      if (/:\d+$/.test(name) && !/^[^[]*:[^:]*:/.test(name)) this.exact.add(name);
      else this.anyPort.add(name);
    }
  }

  /** Called once the server listens: its URL gives the port and the bound address. */
  listening(url: string): void {
    const parsed = new URL(url);
    this.port = parsed.port;
    for (const name of [...LOOPBACK_NAMES, parsed.hostname.toLowerCase()]) this.exact.add(`${name}:${this.port}`);
  }

  allows(host: string | string[] | undefined): boolean {
    if (typeof host !== 'string' || host.length === 0 || host.length > 300) return false;
    const name = host.trim().toLowerCase();
    if (this.exact.has(name)) return true;
    const bare = name.replace(/:\d+$/, '');
    return this.anyPort.has(bare);
  }

  /** What the refusal says is allowed. */
  describe(): string {
    return [...this.exact, ...this.anyPort].join(', ');
  }

  /**
   * Requests made in-process with `app.inject` (the EventBridge reaching the emulator's
   * own REST API) never touched the network, so there is no Host to check.
   */
  static isNetworkRequest(raw: IncomingMessage): boolean {
    return raw.socket instanceof Socket;
  }
}

export const hostRefusal = (host: unknown, allowList: HostAllowList) => ({
  status: 403,
  code: 20403,
  message: `Host ${typeof host === 'string' ? JSON.stringify(host.slice(0, 100)) : '(none)'} is not allowed: this emulator answers only ${allowList.describe()} (add names with allowedHosts / --allowed-host)`,
});
