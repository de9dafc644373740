import { createRequire } from 'node:module';

/**
 * CommonJS packages (electron-updater) load `electron` with require(), which
 * vi.mock does not reach: this puts the same mock into require's cache, so they
 * get exactly what the code under test gets. Returns the function that undoes it.
 */
export function provideElectronMockToRequire(mock: object): () => void {
  const require = createRequire(import.meta.url);
  const path = require.resolve('electron');
  const previous = require.cache[path];
  require.cache[path] = { id: path, filename: path, loaded: true, exports: mock, children: [], paths: [], path } as unknown as NodeJS.Module;
  return () => {
    if (previous) require.cache[path] = previous;
    else delete require.cache[path];
  };
}
