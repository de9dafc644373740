import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeHost } from '../host/transport/testing/fake-host';
import { refuseUnsafeSecrets, safeSecretStore, SecretStorageUnavailableError, type SafeStorageLike } from './safe-secrets';

/** A reversible stand-in for the OS keychain: what it writes must not contain the plaintext. */
function fakeSafeStorage(available = true, backend = 'gnome_libsecret'): SafeStorageLike & { encrypted: string[] } {
  const encrypted: string[] = [];
  return {
    encrypted,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => {
      encrypted.push(text);
      return Buffer.from(Buffer.from(text, 'utf8').map((byte) => byte ^ 0x5a));
    },
    decryptString: (data) => Buffer.from(data.map((byte) => byte ^ 0x5a)).toString('utf8'),
  };
}

const SECRET = 'sk-live-1234567890abcdef';
let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'secrets-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('safeSecretStore', () => {
  it('stores only ciphertext, in a file only the user can read, and reads it back', async () => {
    const storage = fakeSafeStorage();
    const file = join(dir, 'nested', 'secrets.json');
    const store = safeSecretStore(file, storage);
    await store.set('twilio.secret', SECRET);
    expect(storage.encrypted).toEqual([SECRET]);
    expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await store.get('twilio.secret')).toBe(SECRET);
    expect(await safeSecretStore(file, storage).get('twilio.secret')).toBe(SECRET); // survives a restart
    await store.delete('twilio.secret');
    expect(await store.get('twilio.secret')).toBeNull();
  });

  it('refuses to store when encryption is unavailable, with a message that says what to do', async () => {
    const store = safeSecretStore(join(dir, 's.json'), fakeSafeStorage(false));
    const error = await store.set('twilio.secret', SECRET).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretStorageUnavailableError);
    expect(String((error as Error).message)).toMatch(/keyring/);
    expect(String((error as Error).message)).not.toContain(SECRET);
    expect(await store.get('twilio.secret')).toBeNull();
  });

  it("refuses Linux's basic_text fallback, which is not real encryption", async () => {
    const store = safeSecretStore(join(dir, 's.json'), fakeSafeStorage(true, 'basic_text'));
    await expect(store.set('twilio.secret', SECRET)).rejects.toThrow(/basic_text/);
  });

  it('keeps concurrent writes of different secrets', async () => {
    const store = safeSecretStore(join(dir, 's.json'), fakeSafeStorage());
    await Promise.all([store.set('a', 'first-secret'), store.set('b', 'second-secret'), store.set('c', 'third-secret')]);
    expect([await store.get('a'), await store.get('b'), await store.get('c')]).toEqual(['first-secret', 'second-secret', 'third-secret']);
  });

  it('treats a corrupt file or undecryptable entry as nothing stored', async () => {
    const storage = fakeSafeStorage();
    const file = join(dir, 's.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, '{not json');
    expect(await safeSecretStore(file, storage).get('x')).toBeNull();
    writeFileSync(file, JSON.stringify({ x: 'AAAA' }));
    const failing = { ...storage, decryptString: () => { throw new Error('wrong key'); } };
    expect(await safeSecretStore(file, failing).get('x')).toBeNull();
  });
});

describe('refuseUnsafeSecrets', () => {
  const account = { mode: 'account' as const, accountSid: `AC${'1'.repeat(32)}`, workspaceSid: `WS${'2'.repeat(32)}`, workerSid: `WK${'3'.repeat(32)}` };

  it('answers a secret that cannot be stored with invalid_input on the secret field, without reaching the host', async () => {
    const host = fakeHost();
    const handlers = refuseUnsafeSecrets(host.handlers, fakeSafeStorage(false));
    const result = await handlers.saveSettings({ ...account, secret: SECRET });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'secret', message: expect.stringMatching(/keyring/) } });
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(host.calls).toEqual([]);
  });

  it('passes saves without a secret, or with a safe keyring, to the host', async () => {
    const host = fakeHost();
    await refuseUnsafeSecrets(host.handlers, fakeSafeStorage(false)).saveSettings(account);
    await refuseUnsafeSecrets(host.handlers, fakeSafeStorage(true)).saveSettings({ ...account, secret: SECRET });
    expect(host.calls.map((c) => c.method)).toEqual(['saveSettings', 'saveSettings']);
  });
});
