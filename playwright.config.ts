import { defineConfig } from '@playwright/test';
import { chromiumExecutable, chromiumArgs } from './e2e/support/chromium';

// End-to-end tests drive the real UI (browser mode) against the real emulator.
// Chromium comes from the system (Debian's package); Playwright never downloads one.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Builds the renderer once per run so specs serve the current UI (dist/renderer).
  globalSetup: './e2e/support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  forbidOnly: true,
  use: {
    launchOptions: { executablePath: chromiumExecutable(), args: chromiumArgs() },
    trace: 'retain-on-failure',
  },
});
