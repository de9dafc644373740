/**
 * Points the Voice SDK at the emulator's signaling server. The SDK always
 * builds `wss://voice-js.<edge>.twilio.com/signal` and captures
 * `globalThis.WebSocket` when its module is evaluated, so this must run
 * before the SDK is imported. The target is read at each connection, so a
 * later call can change it (or pass null to talk to Twilio itself again). Any
 * other URL is left untouched.
 *
 * Self-contained on purpose (no imports, no closures over module state): the
 * end-to-end tests inject this very function into pages with
 * `page.addInitScript`.
 */
export function installSignalingRedirect(localSignalingUrl: string | null): void {
  const targetKey = '__voiceSignalingTarget';
  const installedKey = '__voiceSignalingRedirectInstalled';
  const scope = globalThis as unknown as Record<string, unknown> & { WebSocket: typeof WebSocket };
  scope[targetKey] = localSignalingUrl;
  if (scope[installedKey]) return;
  scope[installedKey] = true;
  const Original = scope.WebSocket;
  const twilioSignaling = /^wss:\/\/voice-js\.[a-z0-9-]+(\.[a-z0-9-]+)*\.twilio\.com\/signal$/i;
  class RedirectingWebSocket extends Original {
    constructor(url: string | URL, protocols?: string | string[]) {
      const target = String(url);
      const local = scope[targetKey];
      super(typeof local === 'string' && twilioSignaling.test(target) ? local : target, protocols);
    }
  }
  scope.WebSocket = RedirectingWebSocket as unknown as typeof WebSocket;
}
