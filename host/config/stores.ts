import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretStore, SettingsStore } from '../types';

/** Secrets kept in memory only: tests, and browser mode where nothing may touch the disk. */
export function memorySecretStore(initial: Record<string, string> = {}): SecretStore {
  const values = new Map(Object.entries(initial));
  return {
    get: async (name) => values.get(name) ?? null,
    set: async (name, value) => void values.set(name, value),
    delete: async (name) => void values.delete(name),
  };
}

/** Settings kept in memory (tests). Stored as a deep copy so callers cannot mutate it behind our back. */
export function memorySettingsStore(initial: unknown = null): SettingsStore {
  let value: unknown = structuredClone(initial);
  return {
    load: async () => structuredClone(value),
    save: async (next) => void (value = structuredClone(next)),
  };
}

/**
 * Settings in a JSON file (the user's config folder). A missing or corrupt
 * file loads as null (the host then falls back to demo mode); writes go to a
 * temporary file renamed over the old one so a crash never leaves half a file.
 */
export function fileSettingsStore(path: string): SettingsStore {
  return {
    async load() {
      try {
        return JSON.parse(await readFile(path, 'utf8')) as unknown;
      } catch {
        return null;
      }
    },
    async save(value) {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(value, null, 2), { mode: 0o600 });
      await rename(temporary, path);
    },
  };
}
