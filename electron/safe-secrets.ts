import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Handlers } from '../shared/contract';
import { err } from '../shared/result';
import type { SecretStore } from '../host/types';

/** The slice of Electron's safeStorage this store needs (injected for tests). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which keyring backs the encryption. */
  getSelectedStorageBackend?(): string;
}

export class SecretStorageUnavailableError extends Error {
  constructor(reason: string) {
    super(
      `The app cannot store the secret safely: ${reason}. ` +
        'Unlock or install your system keyring (Keychain, Windows credential store, GNOME Keyring or KWallet), ' +
        'or pass the secret through the environment, or use a token URL so the app holds no secret.',
    );
    this.name = 'SecretStorageUnavailableError';
  }
}

/**
 * Secrets encrypted with the OS keychain (Electron safeStorage) in a 0600 file
 * of `name → base64(ciphertext)`. It refuses to store anything when real
 * encryption is unavailable, including Linux's "basic_text" fallback, which
 * encrypts with a hard-coded key and so protects nothing.
 */
/** Why a secret cannot be stored safely right now, or null when it can. */
export function secretStorageProblem(safeStorage: SafeStorageLike): string | null {
  if (!safeStorage.isEncryptionAvailable()) return 'the system keyring is not available';
  if (safeStorage.getSelectedStorageBackend?.() === 'basic_text') return 'no system keyring was found (only the insecure basic_text fallback)';
  return null;
}

export function safeSecretStore(file: string, safeStorage: SafeStorageLike): SecretStore {
  const unavailableReason = () => secretStorageProblem(safeStorage);

  const readAll = async (): Promise<Record<string, string>> => {
    try {
      const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
      return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    } catch {
      return {};
    }
  };

  const writeAll = async (values: Record<string, string>) => {
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(values), { mode: 0o600 });
    await rename(temporary, file);
  };

  // Writes are serialized so two quick saves cannot interleave their read-modify-write.
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    async get(name) {
      const encrypted = (await readAll())[name];
      if (encrypted === undefined || unavailableReason()) return null;
      try {
        return safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
      } catch {
        // Encrypted under another OS user or keyring: unreadable, so treat as not stored.
        return null;
      }
    },
    set: (name, value) =>
      serialized(async () => {
        const reason = unavailableReason();
        if (reason) throw new SecretStorageUnavailableError(reason);
        const values = await readAll();
        values[name] = safeStorage.encryptString(value).toString('base64');
        await writeAll(values);
      }),
    delete: (name) =>
      serialized(async () => {
        const values = await readAll();
        if (!(name in values)) return;
        delete values[name];
        await writeAll(values);
      }),
  };
}

/**
 * Answers a Settings save that carries a secret with a clear `invalid_input`
 * on the secret field when it cannot be stored safely, instead of letting the
 * store's refusal surface as a generic internal error. Everything else goes to
 * the host unchanged.
 */
export function refuseUnsafeSecrets(handlers: Handlers, safeStorage: SafeStorageLike): Handlers {
  return {
    ...handlers,
    saveSettings: async (input) => {
      const problem = input.mode === 'account' && input.secret !== undefined ? secretStorageProblem(safeStorage) : null;
      if (problem) return err('invalid_input', new SecretStorageUnavailableError(problem).message, { field: 'secret' });
      return handlers.saveSettings(input);
    },
  };
}
