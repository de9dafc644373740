// Folders are layers; these rules say who may import whom.
//   shared/   pure TypeScript: no Node, no DOM libraries, no Electron
//   emulator/ Node; may use shared/
//   host/     Node, runtime-agnostic (no Electron); may use shared/ only. The launchers inject the demo
//             emulator (emulator/demo/embedded.ts), so no file under host/, tests included, imports emulator/;
//             unit tests poll with test-support/wait-for.ts.
//   integration/host/  the host against the real emulator (cross-layer tests): host/, emulator/, shared/; no Electron, no renderer
//   test-support/      test helpers of no layer, usable by every layer's tests
//   host/transport/  the contract's way to a renderer, shared by both shells: imports neither of them
//   electron/ Electron main + preload; may use host/ (through host/transport, never host/browser-bridge/) and shared/
//   renderer/ the web UI; may use shared/ only
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = { group: ['node:*'], message: 'Node built-ins are not allowed in this layer.' };
const layer = (name) => ({ group: [`**/${name}/**`, `../${name}`, `../../${name}`], message: `This layer may not import ${name}/.` });
const browserBridge = { group: ['**/browser-bridge', '**/browser-bridge/**'], message: 'The shells share host/transport/; neither imports the browser bridge.' };
const hostLayer = [{ group: ['electron'], message: 'host/ is runtime-agnostic; wire Electron in electron/.' }, layer('renderer'), layer('electron')];
// '**/emulator' also catches the folder's index at any depth ('../../../emulator').
const noEmulatorInHost = { group: [...layer('emulator').group, '**/emulator'], message: 'host/ may not import emulator/, not even in tests: a launcher injects the demo (HostDeps.startDemo, emulator/demo/embedded.ts); tests that drive the emulator live in integration/host/, and waitFor is in test-support/.' };

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
    rules: { 'no-restricted-imports': ['error', { patterns: [...hostLayer, noEmulatorInHost] }] },
  },
  {
    files: ['host/transport/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...hostLayer, noEmulatorInHost, browserBridge] }] },
  },
  {
    // Cross-layer tests run the host against the real emulator, in plain Node like the host itself.
    files: ['integration/host/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: hostLayer }] },
  },
  {
    files: ['electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [layer('renderer'), browserBridge] }] },
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
