// Fails the test run loudly when no Chromium is installed: the end-to-end suite
// must never be skipped silently, and Playwright must never download a browser.
import { chromiumAvailable, chromiumExecutable } from '../e2e/support/chromium';

if (!chromiumAvailable()) {
  process.stderr.write(
    `\n*** No Chromium at ${chromiumExecutable()} ***\n` +
      'The end-to-end tests need the system Chromium. Install it with\n' +
      '  sudo apt-get install -y chromium\n' +
      'or point CHROMIUM_PATH at a Chromium/Chrome binary. (.ci/run installs it for you.)\n\n',
  );
  process.exit(1);
}
