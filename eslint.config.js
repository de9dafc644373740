// Folders are layers; these rules say who may import whom.
//   shared/   pure TypeScript: no Node, no DOM libraries, no Electron
//   emulator/ Node; may use shared/
//   host/     Node, runtime-agnostic (no Electron); may use shared/ (and the emulator for demo mode)
//   electron/ Electron main + preload; may use host/ and shared/
//   renderer/ the web UI; may use shared/ only
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = { group: ['node:*'], message: 'Node built-ins are not allowed in this layer.' };
const layer = (name) => ({ group: [`**/${name}/**`, `../${name}`, `../../${name}`], message: `This layer may not import ${name}/.` });

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dist-electron', 'release', 'test-results', 'playwright-report', 'bench/results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [nodeBuiltins, { group: ['electron', 'react', 'react-dom', 'zustand', 'ws', 'twilio*'], message: 'shared/ is pure TypeScript.' }, layer('emulator'), layer('host'), layer('electron'), layer('renderer')] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [nodeBuiltins, { group: ['electron', 'twilio', 'twilio-taskrouter', 'ws'], message: 'The renderer talks to the host only through the contract client.' }, layer('emulator'), layer('host'), layer('electron')] }],
    },
  },
  {
    files: ['host/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron'], message: 'host/ is runtime-agnostic; wire Electron in electron/.' }, layer('renderer'), layer('electron')] }],
    },
  },
  {
    files: ['emulator/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron'], message: 'The emulator is plain Node.' }, layer('renderer'), layer('electron'), layer('host')] }],
    },
  },
  {
    files: ['**/*.test.{ts,tsx}', 'e2e/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'soak/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
