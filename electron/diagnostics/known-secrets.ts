import { SECRET_NAME, type SecretStore } from '../../host/index';

/**
 * Every secret value the app may hold right now, for the redactor to remove by
 * value: the stored account secret, a secret given in the environment, and the
 * demo emulator's API key secret. Tokens need no list: they are JWT-shaped.
 */
export async function knownSecrets(sources: { secrets: SecretStore; env: NodeJS.ProcessEnv; demoSecret: string | null }): Promise<string[]> {
  const stored = await sources.secrets.get(SECRET_NAME).catch(() => null);
  return [stored, sources.env.TWILIO_API_SECRET, sources.env.TWILIO_AUTH_TOKEN, sources.demoSecret].filter((s): s is string => typeof s === 'string' && s.length > 0);
}
