import { defineConfig } from '@lingui/cli';
import { formatter } from '@lingui/format-json';

/**
 * The renderer's message catalogues: one JSON file per language, message id →
 * ICU MessageFormat. `@lingui/vite-plugin` compiles them at build time, so the
 * page ships no message parser. English is the source; a missing Spanish
 * message fails the build (vite.config.ts) and the catalogue tests.
 */
export default defineConfig({
  sourceLocale: 'en',
  locales: ['en', 'es'],
  fallbackLocales: { default: 'en' },
  catalogs: [{ path: '<rootDir>/shared/catalogues/{locale}', include: ['<rootDir>/renderer'] }],
  format: formatter({ style: 'minimal' }),
});
