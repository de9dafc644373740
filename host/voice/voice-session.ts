import type { VoiceToken } from '../../shared/contract';
import { err, type Result } from '../../shared/result';
import type { Connection } from '../config/connection';
import type { Clock, Logger } from '../types';
import { createCallRest, type CallRest } from '../calls/call-rest';
import { createConferenceControl, type ConferenceControl } from './conference-control';
import type { VoiceHandlerContext } from './handlers';
import { fetchVoiceToken, mintVoiceToken, voiceIdentityFromContactUri } from './voice-token';
import { VoiceTokenKeeper } from './voice-token-keeper';

/** Where the emulator serves Voice SDK signaling (emulator/voice/signaling-server.ts SIGNALING_PATH). */
export const EMULATOR_SIGNALING_PATH = '/signal';

/** The signaling WebSocket of an emulator at `origin` (http://127.0.0.1:PORT → ws://127.0.0.1:PORT/signal). */
export function emulatorSignalingUrl(origin: string): string {
  return origin.replace(/^http/, 'ws').replace(/\/+$/, '') + EMULATOR_SIGNALING_PATH;
}

export interface VoiceSessionDeps {
  connection: Connection;
  clock: Clock;
  logger: Logger;
  fetch: typeof fetch;
  /** The worker's contact URI (settings override, else the worker's attribute), read when a token is minted. */
  contactUri: () => string | null;
  /** Demo mode: the embedded emulator's origin, whose /signal the Device must use. */
  emulatorUrl: string | null;
  ttlSeconds: number;
  onRefreshed: (token: VoiceToken) => void;
  /** AGENT_DESKTOP_VOICE_APP_SID / AGENT_DESKTOP_TWIML_URL. */
  voiceAppSid?: string | null;
  twimlUrl?: string | null;
}

export interface VoiceSession extends Omit<VoiceHandlerContext, 'reservation'> {
  /** REST for the call features (API 2010 and tasks), or why there is none. */
  callRest(): Result<CallRest>;
  /**
   * The TwiML endpoint that answers `To=conference:NAME`: the configured one, else the voice app's Voice URL,
   * else (on an emulator) its built-in demo app; null when none is known.
   */
  twimlUrl(): Promise<string | null>;
  stop(): void;
}

/** Where the emulator serves its built-in TwiML app (emulator/voice/demo-twiml-app.ts DEMO_APP_PATH). */
export const EMULATOR_DEMO_APP_PATH = '/twiml/demo-app';

/**
 * Voice for one host connection: the Voice token (minted with the API key,
 * or fetched from the token URL) kept fresh, and conference control with the
 * session's REST credentials.
 */
export function createVoiceSession(deps: VoiceSessionDeps): VoiceSession {
  const { connection } = deps;
  const signalingUrl = deps.emulatorUrl ? emulatorSignalingUrl(deps.emulatorUrl) : null;
  const source = connection.token;
  const keeper = new VoiceTokenKeeper({
    clock: deps.clock,
    onRefreshed: deps.onRefreshed,
    onError: (e) => deps.logger.warn('voice token refresh failed', { message: e instanceof Error ? e.message : String(e) }),
    obtain: async () => {
      if (!source) return err('not_configured', 'Voice needs an API key (an auth token cannot sign access tokens) or a token URL.', { reason: 'voice_needs_key' });
      if (source.kind === 'url') return fetchVoiceToken(source.url, deps.fetch, deps.clock.now());
      const identity = voiceIdentityFromContactUri(deps.contactUri());
      if (!identity) return err('not_configured', "The worker has no client: contact URI, so calls cannot ring this desktop. Set one in Settings or on the worker's contact_uri attribute.", { reason: 'no_client_identity' });
      return {
        ok: true,
        value: mintVoiceToken({ accountSid: source.accountSid, apiKeySid: source.apiKeySid, apiKeySecret: source.apiKeySecret, identity, ttlSeconds: deps.ttlSeconds, now: deps.clock.now(), signalingUrl, outgoingApplicationSid: deps.voiceAppSid ?? null }),
      };
    },
  });
  let control: ConferenceControl | null = null;
  let callRest: CallRest | null = null;
  let appUrl: Promise<string | null> | null = null;
  const rest = (): Result<CallRest> => {
    if (!connection.rest) return err('not_configured', 'Call features (hold, transfers, participants, outbound calls) need account credentials; token URL mode cannot reach the REST API.');
    callRest ??= createCallRest(connection.rest, () => deps.clock.now());
    return { ok: true, value: callRest };
  };
  return {
    callRest: rest,
    twimlUrl: () => {
      if (deps.twimlUrl) return Promise.resolve(deps.twimlUrl);
      const r = rest();
      if (deps.voiceAppSid && r.ok) {
        appUrl ??= r.value.applicationVoiceUrl(deps.voiceAppSid).catch((e: unknown) => {
          appUrl = null;
          deps.logger.warn('could not read the TwiML App', { message: e instanceof Error ? e.message : String(e) });
          return null;
        });
        return appUrl;
      }
      return Promise.resolve(deps.emulatorUrl ? deps.emulatorUrl.replace(/\/+$/, '') + EMULATOR_DEMO_APP_PATH : null);
    },
    voiceToken: () => keeper.get(),
    conferences: (): Result<ConferenceControl> => {
      if (!connection.rest) return err('not_configured', 'Call controls need account credentials; token URL mode cannot reach the Participants API.', { reason: 'controls_need_account' });
      control ??= createConferenceControl(connection.rest, () => deps.clock.now());
      return { ok: true, value: control };
    },
    stop: () => {
      keeper.stop();
      control?.close();
    },
  };
}
