import { z } from 'zod';
import type { SettingsInput } from '../../shared/contract';
import { DEFAULT_DESK_SETTINGS, deskSettings } from '../../shared/desk';
import { mode, type PublicSettings } from '../../shared/model';
import type { HostOverrides } from './overrides';

/** The secret's name in the SecretStore (auth token or API key secret). */
export const SECRET_NAME = 'twilio.secret';

/** What is written to the SettingsStore: never a secret. Unknown or corrupt files fall back to defaults. */
export const storedSettings = z.object({
  mode: mode.catch('demo'),
  accountSid: z.string().nullable().catch(null),
  apiKeySid: z.string().nullable().catch(null),
  workspaceSid: z.string().nullable().catch(null),
  workerSid: z.string().nullable().catch(null),
  tokenUrl: z.string().nullable().catch(null),
  transport: z.enum(['subscribe', 'poll']).catch('subscribe'),
  defaultInstruction: z.enum(['accept', 'conference']).catch('conference'),
  contactUri: z.string().nullable().catch(null),
  /** The desk's conventions; a corrupt or older file falls back to the defaults. */
  desk: deskSettings.catch(DEFAULT_DESK_SETTINGS),
});
export type StoredSettings = z.infer<typeof storedSettings>;

export const DEFAULT_SETTINGS: StoredSettings = {
  mode: 'demo',
  accountSid: null,
  apiKeySid: null,
  workspaceSid: null,
  workerSid: null,
  tokenUrl: null,
  transport: 'subscribe',
  defaultInstruction: 'conference',
  contactUri: null,
  desk: DEFAULT_DESK_SETTINGS,
};

export function parseStoredSettings(raw: unknown): StoredSettings {
  const parsed = storedSettings.safeParse({ desk: DEFAULT_DESK_SETTINGS, ...((raw ?? {}) as object) });
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** Overrides win over stored settings; a mode is inferred from what the overrides carry. */
export function applyOverrides(stored: StoredSettings, overrides: HostOverrides): StoredSettings {
  const inferredMode = overrides.mode ?? (overrides.tokenUrl ? 'tokenUrl' : overrides.accountSid ? 'account' : undefined);
  return {
    ...stored,
    mode: inferredMode ?? stored.mode,
    accountSid: overrides.accountSid ?? stored.accountSid,
    apiKeySid: overrides.apiKeySid ?? stored.apiKeySid,
    workspaceSid: overrides.workspaceSid ?? stored.workspaceSid,
    workerSid: overrides.workerSid ?? stored.workerSid,
    tokenUrl: overrides.tokenUrl ?? stored.tokenUrl,
    transport: overrides.transport ?? stored.transport,
  };
}

/** Merges what the agent saved into the stored settings (fields not given keep their value). */
export function mergeInput(stored: StoredSettings, input: SettingsInput): StoredSettings {
  const common = {
    transport: input.transport ?? stored.transport,
    defaultInstruction: input.defaultInstruction ?? stored.defaultInstruction,
    contactUri: input.contactUri === undefined ? stored.contactUri : input.contactUri,
  };
  switch (input.mode) {
    case 'demo':
      return { ...stored, ...common, mode: 'demo' };
    case 'account':
      return {
        ...stored,
        ...common,
        mode: 'account',
        accountSid: input.accountSid,
        apiKeySid: input.apiKeySid ?? null,
        workspaceSid: input.workspaceSid,
        workerSid: input.workerSid,
      };
    case 'tokenUrl':
      return { ...stored, ...common, mode: 'tokenUrl', tokenUrl: input.tokenUrl };
  }
}

export function toPublicSettings(settings: StoredSettings, hasSecret: boolean): PublicSettings {
  return { ...settings, hasSecret };
}
