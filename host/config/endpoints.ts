import type { HostEndpoints } from '../types';
import { emulatorSignalingUrl } from '../voice/voice-session';
import type { Connection } from './connection';

/** Twilio's own endpoints: where each service goes when nothing points the host elsewhere. */
export const TWILIO_ENDPOINTS = {
  rest: 'https://taskrouter.twilio.com',
  eventBridge: 'https://event-bridge.twilio.com/v1/wschannels',
  eventBridgeWs: 'wss://event-bridge.twilio.com/v1/wschannels',
  // The Voice SDK picks an edge (voice-js.<edge>.twilio.com); any of them is Twilio's.
  voiceSignaling: 'wss://voice-js.twilio.com/signal',
} as const satisfies HostEndpoints;

export const NO_ENDPOINTS: HostEndpoints = { rest: null, eventBridge: null, eventBridgeWs: null, voiceSignaling: null };

/**
 * The services a resolved connection actually uses, following the same rules
 * as the session (runtime/session.ts) and voice (voice/voice-session.ts):
 * - REST whenever there are account credentials (an override, or Twilio);
 * - the EventBridge HTTP endpoint when subscribing, and in token URL mode
 *   (reads and actions go through it); its WebSocket only when subscribing;
 * - voice signaling on the emulator the REST calls go to, else Twilio's,
 *   as long as a Voice token can be had at all (not with an auth token alone).
 */
export function endpointsOf(connection: Connection | null): HostEndpoints {
  if (!connection) return NO_ENDPOINTS;
  const hasToken = connection.token !== null;
  const subscribes = hasToken && connection.transport === 'subscribe';
  const usesEventBridgeHttp = subscribes || (hasToken && connection.rest === null);
  const emulator = connection.rest?.baseUrl ?? null;
  return {
    rest: connection.rest ? (emulator ?? TWILIO_ENDPOINTS.rest) : null,
    eventBridge: usesEventBridgeHttp ? (connection.ebServer ?? TWILIO_ENDPOINTS.eventBridge) : null,
    eventBridgeWs: subscribes ? (connection.wsServer ?? TWILIO_ENDPOINTS.eventBridgeWs) : null,
    voiceSignaling: !hasToken ? null : emulator ? emulatorSignalingUrl(emulator) : TWILIO_ENDPOINTS.voiceSignaling,
  };
}
