import type { Host, HostEndpoints } from '../types';

/**
 * The page's CSP connect-src, derived from what the host is connected to, in
 * Electron (app-protocol) and in browser mode (the bridge) alike.
 */

/**
 * Twilio's own hosts. One endpoint at Twilio stands for all of them: the Voice
 * SDK picks its signaling edge (voice-js.<edge>.twilio.com) and reports call
 * quality to another host (eventgw.twilio.com), neither known in advance.
 */
export const TWILIO_CONNECT_SRC = ['wss://*.twilio.com', 'https://*.twilio.com'] as const;

const isTwilioHost = (hostname: string) => hostname === 'twilio.com' || hostname.endsWith('.twilio.com');

/** scheme://host[:port] of an http(s)/ws(s) URL, or null. */
function originOf(url: string): { origin: string; hostname: string } | null {
  try {
    const parsed = new URL(url);
    if (!/^(https?|wss?):$/.test(parsed.protocol)) return null;
    return { origin: `${parsed.protocol}//${parsed.host}`, hostname: parsed.hostname };
  } catch {
    return null;
  }
}

/**
 * What the page may connect to besides itself (and its bridge): the origin of
 * every endpoint the host uses right now (REST, EventBridge, voice signaling),
 * and Twilio's hosts only when one of them is Twilio's. Nothing else: a demo
 * page cannot reach Twilio, an account page cannot reach a stray loopback port.
 */
export function connectSourcesFor(endpoints: HostEndpoints): string[] {
  const sources = new Set<string>();
  for (const url of Object.values(endpoints)) {
    if (url === null) continue;
    const origin = originOf(url);
    if (!origin) continue;
    if (isTwilioHost(origin.hostname)) TWILIO_CONNECT_SRC.forEach((source) => sources.add(source));
    else sources.add(origin.origin);
  }
  return [...sources];
}

/**
 * The connect-src of the pages a transport serves. A page's policy is fixed
 * when its document loads, but the agent can change the mode or the account
 * in Settings: when the host then uses an endpoint the open page may not
 * reach, the page must reload (`watch`) or the Voice SDK's socket is refused.
 */
export class PageConnectPolicy {
  /** What the last document served may connect to; null before the first. */
  private served: readonly string[] | null = null;

  constructor(private readonly endpoints: () => HostEndpoints) {}

  /** The sources for one response; a document's are remembered as what the open page allows. */
  sources(isDocument: boolean): string[] {
    const now = connectSourcesFor(this.endpoints());
    if (isDocument) this.served = now;
    return now;
  }

  /** True when the host now uses a source the open page's policy lacks (only widening matters: a page never needs less). */
  pageIsBehind(): boolean {
    if (this.served === null) return false;
    const served = new Set(this.served);
    return connectSourcesFor(this.endpoints()).some((source) => !served.has(source));
  }

  /**
   * Calls `reload` after a connection change that leaves the open page
   * behind. Every change of endpoints is followed by a `connectionChanged`
   * (a new connection announces itself), so that is the one event to watch.
   * Returns the unsubscribe function.
   */
  watch(host: Pick<Host, 'on'>, reload: () => void): () => void {
    return host.on('connectionChanged', () => {
      if (!this.pageIsBehind()) return;
      // The reloaded page gets the current policy; until it asks, do not ask twice.
      this.served = connectSourcesFor(this.endpoints());
      reload();
    });
  }
}
