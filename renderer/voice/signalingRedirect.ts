/**
 * Points the Voice SDK at the emulator's signaling server. The SDK always
 * builds `wss://voice-js.<edge>.twilio.com/signal` and captures
 * `globalThis.WebSocket` when its module is evaluated, so this must run
 * before the SDK is imported. Any other URL is left untouched.
 *
 * Self-contained on purpose (no imports, no closures over module state): the
 * end-to-end tests inject this very function into pages with
 * `page.addInitScript`.
 */
export function installSignalingRedirect(localSignalingUrl: string): void {
  const marker = '__voiceSignalingRedirect';
  const scope = globalThis as unknown as Record<string, unknown> & { WebSocket: typeof WebSocket };
  if (scope[marker] === localSignalingUrl) return;
  const Original = (scope[marker + 'Original'] as typeof WebSocket | undefined) ?? scope.WebSocket;
  scope[marker + 'Original'] = Original;
  const twilioSignaling = /^wss:\/\/voice-js\.[a-z0-9-]+(\.[a-z0-9-]+)*\.twilio\.com\/signal$/i;
  class RedirectingWebSocket extends Original {
    constructor(url: string | URL, protocols?: string | string[]) {
      const target = String(url);
      super(twilioSignaling.test(target) ? localSignalingUrl : target, protocols);
    }
  }
  scope.WebSocket = RedirectingWebSocket as unknown as typeof WebSocket;
  scope[marker] = localSignalingUrl;
}
