import type { EmulatorReady } from '../config/demo';

/**
 * Twilio's own endpoints the Voice SDK talks to from the page in account and
 * token-URL modes (signaling, insights). Always allowed: the agent can switch
 * from demo to an account without reloading, and they are Twilio's, not arbitrary.
 */
export const TWILIO_CONNECT_SRC = ['wss://*.twilio.com', 'https://*.twilio.com'] as const;

/** The origin of a URL-looking value (and its WebSocket twin for http), or nothing. */
function originsOf(value: unknown): string[] {
  if (typeof value !== 'string' || !/^(https?|wss?):\/\//.test(value)) return [];
  try {
    const { protocol, host } = new URL(value);
    const twin = protocol === 'http:' ? 'ws:' : protocol === 'https:' ? 'wss:' : null;
    return [`${protocol}//${host}`, ...(twin ? [`${twin}//${host}`] : [])];
  } catch {
    return [];
  }
}

/** URL-valued fields anywhere in a small JSON-like value (depth-bounded: the ready object is shallow). */
function urlOrigins(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return originsOf(value);
  if (depth >= 3 || typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap((inner) => urlOrigins(inner, depth + 1));
}

/**
 * What the renderer may connect to besides its own bridge: Twilio, and in demo
 * mode every endpoint the embedded emulator announces in its ready object (REST,
 * EventBridge, voice signaling), read from its URL-valued fields so a new
 * endpoint does not need a change here.
 */
export function connectSourcesFor(demo: EmulatorReady | null): string[] {
  const fromDemo = demo ? urlOrigins(demo) : [];
  return [...new Set([...fromDemo, ...TWILIO_CONNECT_SRC])];
}
