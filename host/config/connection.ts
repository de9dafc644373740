import type { Mode } from '../../shared/model';
import { err, ok, type Result } from '../../shared/result';
import type { RestCredentials } from '../twilio/rest-api';
import type { DemoReady } from '../types';
import type { HostOverrides } from './overrides';
import type { StoredSettings } from './settings';

/** How a worker token is obtained. */
export type TokenSourceConfig =
  | { kind: 'mint'; accountSid: string; apiKeySid: string; apiKeySecret: string; workspaceSid: string; workerSid: string }
  | { kind: 'url'; url: string };

/** Everything a session needs to connect, resolved from settings, the secret, overrides and the demo emulator. */
export interface Connection {
  mode: Mode;
  transport: 'subscribe' | 'poll';
  /** REST access with the official library; null in token URL mode (the app holds no account secret). */
  rest: RestCredentials | null;
  /** Null when no token can be had (an auth token cannot sign access tokens): poll only. */
  token: TokenSourceConfig | null;
  /** Why subscribe mode is not possible, for the status bar. */
  pollOnlyReason: string | null;
  ebServer?: string;
  wsServer?: string;
  pollAvailableMs: number;
  pollUnavailableMs: number;
}

/**
 * Poll mode reads pending offers every 2.5 s while available: 24 requests a
 * minute, plus a full read each minute (worker + active reservations, 4
 * requests) — 28 a minute per idle agent, under 30. While unavailable only the
 * full read runs, every 12.5 s. See host/watch/poll-schedule.ts.
 */
const DEFAULT_POLL_MS = 2_500;
const UNAVAILABLE_FACTOR = 5;

/** Where the emulator serves the Worker SDK's EventBridge (emulator/eventbridge/plugin.ts EVENTBRIDGE_PATH). */
export const EMULATOR_EVENTBRIDGE_PATH = '/eventbridge/v1/wschannels';

/** The Worker SDK's EventBridge endpoints on an emulator's origin. */
export function eventBridgeEndpoints(origin: string): { ebServer: string; wsServer: string } {
  const base = origin.replace(/\/+$/, '');
  return { ebServer: `${base}${EMULATOR_EVENTBRIDGE_PATH}`, wsServer: `${base.replace(/^http/, 'ws')}${EMULATOR_EVENTBRIDGE_PATH}` };
}

export function resolveConnection(settings: StoredSettings, secret: string | null, overrides: HostOverrides, demo: DemoReady | null): Result<Connection> {
  const pollAvailableMs = overrides.pollIntervalMs ?? DEFAULT_POLL_MS;
  const polling = { pollAvailableMs, pollUnavailableMs: pollAvailableMs * UNAVAILABLE_FACTOR };
  const endpointsFor = (origin: string | undefined) => {
    const derived: Partial<ReturnType<typeof eventBridgeEndpoints>> = origin ? eventBridgeEndpoints(origin) : {};
    return { ebServer: overrides.eventBridgeUrl ?? derived.ebServer, wsServer: overrides.eventBridgeWsUrl ?? derived.wsServer };
  };

  if (settings.mode === 'demo') {
    if (!demo) return err('not_configured', 'Demo mode needs the embedded emulator, which this launch did not start. Choose an account or a token URL in Settings.', { reason: 'demo_unavailable' });
    const workerSid = overrides.workerSid ?? demo.workers[0]?.sid;
    if (!workerSid) return err('not_configured', 'The demo emulator has no workers.', { reason: 'demo_no_workers' });
    const rest: RestCredentials = { accountSid: demo.accountSid, apiKeySid: demo.apiKeySid, secret: demo.apiKeySecret, workspaceSid: demo.workspaceSid, workerSid, baseUrl: demo.url };
    return ok({
      mode: 'demo',
      transport: settings.transport,
      rest,
      token: { kind: 'mint', accountSid: demo.accountSid, apiKeySid: demo.apiKeySid, apiKeySecret: demo.apiKeySecret, workspaceSid: demo.workspaceSid, workerSid },
      pollOnlyReason: null,
      // Demo mode never leaves loopback: every endpoint is the embedded emulator's.
      ...eventBridgeEndpoints(demo.url),
      ...polling,
    });
  }

  if (settings.mode === 'account') {
    const { accountSid, workspaceSid, workerSid, apiKeySid } = settings;
    if (!accountSid || !workspaceSid || !workerSid) return err('not_configured', 'Enter the account SID, workspace SID and worker SID in Settings.', { reason: 'account_incomplete' });
    if (!secret) return apiKeySid
      ? err('not_configured', 'Enter the API key secret in Settings.', { reason: 'secret_missing' })
      : err('not_configured', 'Enter the auth token (or an API key and its secret) in Settings.', { reason: 'auth_token_missing' });
    const rest: RestCredentials = { accountSid, apiKeySid, secret, workspaceSid, workerSid, ...(overrides.restBaseUrl ? { baseUrl: overrides.restBaseUrl } : {}) };
    const canMint = apiKeySid !== null;
    return ok({
      mode: 'account',
      transport: canMint ? settings.transport : 'poll',
      rest,
      token: canMint ? { kind: 'mint', accountSid, apiKeySid, apiKeySecret: secret, workspaceSid, workerSid } : null,
      pollOnlyReason: canMint ? null : 'An auth token cannot sign access tokens: add an API key to use live updates. Polling instead.',
      ...endpointsFor(overrides.restBaseUrl),
      ...polling,
    });
  }

  if (!settings.tokenUrl) return err('not_configured', 'Enter the token URL in Settings.', { reason: 'token_url_missing' });
  return ok({
    mode: 'tokenUrl',
    // Without an account secret, polling and actions go through the Worker SDK's own endpoint with the worker's token.
    transport: settings.transport,
    rest: null,
    token: { kind: 'url', url: settings.tokenUrl },
    pollOnlyReason: null,
    ...endpointsFor(overrides.restBaseUrl),
    ...polling,
  });
}
