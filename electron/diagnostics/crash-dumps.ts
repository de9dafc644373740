import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CrashDumpEntry } from './bundle';

/** The crash dumps Crashpad wrote (`*.dmp` under its folder, any depth), newest first, at most `limit`. */
export async function listCrashDumps(dir: string, limit = 50): Promise<CrashDumpEntry[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { recursive: true })).filter((name) => name.endsWith('.dmp'));
  } catch {
    return [];
  }
  const entries = await Promise.all(
    names.map(async (name) => {
      try {
        const info = await stat(join(dir, name));
        return { name, bytes: info.size, modified: info.mtime.toISOString() };
      } catch {
        return null;
      }
    }),
  );
  return entries.filter((e): e is CrashDumpEntry => e !== null).sort((a, b) => b.modified.localeCompare(a.modified)).slice(0, limit);
}
