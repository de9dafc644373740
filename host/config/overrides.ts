import { z } from 'zod';
import { mode, type Mode } from '../../shared/model';
import { err, ok, type Result } from '../../shared/result';
import { sidSchema } from '../../shared/sids';
import { plainMessage } from '../../shared/issues';
import { httpUrl, phoneNumber } from '../../shared/validation';

/**
 * Configuration given from outside the app (environment variables and CLI
 * flags) for automated use. It wins over the stored settings and is never
 * written back to them. Documented in host/README.md.
 */
export interface HostOverrides {
  mode?: Mode;
  accountSid?: string;
  apiKeySid?: string;
  /** The API key's secret, or the account's auth token when no API key SID is given. */
  secret?: string;
  workspaceSid?: string;
  workerSid?: string;
  tokenUrl?: string;
  transport?: 'subscribe' | 'poll';
  /** Where the TaskRouter/API REST calls go instead of Twilio (an external emulator: http://127.0.0.1:3000). */
  restBaseUrl?: string;
  /** The Worker SDK's EventBridge HTTP endpoint (`ebServer`). */
  eventBridgeUrl?: string;
  /** The Worker SDK's WebSocket endpoint (`wsServer`). */
  eventBridgeWsUrl?: string;
  pollIntervalMs?: number;
  /** The TwiML endpoint that answers `To=conference:NAME` (transfers join through it); else the voice app's URL, or the emulator's demo app. */
  twimlUrl?: string;
  /** The TwiML App (AP…) the Device's outgoing calls run (minted into the Voice token). */
  voiceAppSid?: string;
  /** The caller ID (one of the account's numbers) for numbers the agent dials or adds. */
  callerId?: string;
}

const wsUrl = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^wss?$/, hostname: /.+/, message: 'Enter a WebSocket URL starting with wss:// (or ws://)' }));

const overridesSchema = z.strictObject({
  mode: mode.optional(),
  accountSid: sidSchema('AC', 'The account SID').optional(),
  apiKeySid: sidSchema('SK', 'The API key SID').optional(),
  secret: z.string().min(8, { message: 'The secret looks too short' }).max(256).optional(),
  workspaceSid: sidSchema('WS', 'The workspace SID').optional(),
  workerSid: sidSchema('WK', 'The worker SID').optional(),
  tokenUrl: httpUrl.optional(),
  transport: z.enum(['subscribe', 'poll']).optional(),
  restBaseUrl: httpUrl.optional(),
  eventBridgeUrl: httpUrl.optional(),
  eventBridgeWsUrl: wsUrl.optional(),
  pollIntervalMs: z.coerce.number().int().min(100, { message: 'The poll interval must be at least 100 ms' }).max(600_000).optional(),
  twimlUrl: httpUrl.optional(),
  voiceAppSid: sidSchema('AP', 'The TwiML App SID').optional(),
  callerId: phoneNumber.optional(),
});

/** Environment variable → override key. */
export const ENV_VARS = {
  AGENT_DESKTOP_MODE: 'mode',
  TWILIO_ACCOUNT_SID: 'accountSid',
  TWILIO_API_KEY: 'apiKeySid',
  TWILIO_API_SECRET: 'secret',
  TWILIO_AUTH_TOKEN: 'secret',
  TWILIO_WORKSPACE_SID: 'workspaceSid',
  TWILIO_WORKER_SID: 'workerSid',
  AGENT_DESKTOP_TOKEN_URL: 'tokenUrl',
  AGENT_DESKTOP_TRANSPORT: 'transport',
  AGENT_DESKTOP_REST_URL: 'restBaseUrl',
  AGENT_DESKTOP_EVENTBRIDGE_URL: 'eventBridgeUrl',
  AGENT_DESKTOP_EVENTBRIDGE_WS_URL: 'eventBridgeWsUrl',
  AGENT_DESKTOP_POLL_INTERVAL_MS: 'pollIntervalMs',
  AGENT_DESKTOP_TWIML_URL: 'twimlUrl',
  AGENT_DESKTOP_VOICE_APP_SID: 'voiceAppSid',
  AGENT_DESKTOP_CALLER_ID: 'callerId',
} as const satisfies Record<string, keyof HostOverrides>;

/** CLI flag → override key. Secrets have no flag: a command line is visible to every local user. */
export const CLI_FLAGS = {
  '--mode': 'mode',
  '--account-sid': 'accountSid',
  '--api-key': 'apiKeySid',
  '--workspace-sid': 'workspaceSid',
  '--worker-sid': 'workerSid',
  '--token-url': 'tokenUrl',
  '--transport': 'transport',
  '--rest-url': 'restBaseUrl',
  '--eventbridge-url': 'eventBridgeUrl',
  '--eventbridge-ws-url': 'eventBridgeWsUrl',
  '--poll-interval-ms': 'pollIntervalMs',
  '--twiml-url': 'twimlUrl',
  '--voice-app-sid': 'voiceAppSid',
  '--caller-id': 'callerId',
} as const satisfies Record<string, keyof HostOverrides>;

/**
 * Reads the documented environment variables and flags (`--flag value` or
 * `--flag=value`; unknown flags are left for others, e.g. `--browser`).
 * Flags win over the environment. Invalid values are an `invalid_input` error.
 */
export function overridesFromEnv(env: NodeJS.ProcessEnv, argv: string[] = []): Result<HostOverrides> {
  const raw: Record<string, string> = {};
  for (const [name, key] of Object.entries(ENV_VARS)) {
    const value = env[name];
    if (value !== undefined && value !== '' && key !== 'secret') raw[key] = value;
  }
  // With an API key the secret is the key's; otherwise the auth token (an auth token cannot sign access tokens).
  const secret = env.TWILIO_API_KEY ? env.TWILIO_API_SECRET || env.TWILIO_AUTH_TOKEN : env.TWILIO_AUTH_TOKEN || env.TWILIO_API_SECRET;
  if (secret) raw.secret = secret;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const key = (CLI_FLAGS as Record<string, keyof HostOverrides>)[flag];
    if (!key) continue;
    const value = inline ?? argv[i + 1];
    if (inline === undefined) i++;
    if (value === undefined || value.startsWith('--')) return err('invalid_input', `${flag} needs a value`, { field: key });
    raw[key] = value;
  }
  const parsed = overridesSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') ?? '';
    const source = Object.entries(ENV_VARS).find(([, k]) => k === field)?.[0] ?? field;
    return err('invalid_input', `${source}: ${issue ? plainMessage(field, issue.message) : 'invalid value'}`, field ? { field } : {});
  }
  return ok(parsed.data);
}
