import { randomUUID } from 'node:crypto';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumExecutable } from '../../e2e/support/chromium';
import { chromiumType, cpuMsOf, descendants, findProcess } from './proc';

/**
 * A Chromium whose processes the bench can find in /proc: it is launched with a unique,
 * harmless flag, and its renderers, GPU and utility processes are its descendants.
 */
export interface TrackedBrowser {
  browser: Browser;
  /** CPU ms so far of its renderer processes (the pages) and of the rest (browser, GPU, utility, zygotes). */
  cpu(): { renderersMs: number; otherMs: number };
  close(): Promise<void>;
}

export async function launchTrackedBrowser(): Promise<TrackedBrowser> {
  const marker = `--bench-browser-id=${randomUUID()}`;
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: [...chromiumArgs(), marker] });
  const root = findProcess(marker);
  if (!root) {
    await browser.close();
    throw new Error('could not find the Chromium process the bench launched (is /proc available?)');
  }
  return {
    browser,
    cpu() {
      // Re-read each time: renderers come and go with pages.
      const processes = descendants(root.pid);
      const renderers = processes.filter((p) => chromiumType(p) === 'renderer').map((p) => p.pid);
      const others = [root.pid, ...processes.filter((p) => chromiumType(p) !== 'renderer').map((p) => p.pid)];
      return { renderersMs: cpuMsOf(renderers), otherMs: cpuMsOf(others) };
    },
    close: () => browser.close(),
  };
}
