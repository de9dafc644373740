/**
 * README screenshots of the inbox, light and dark, from the real UI: the
 * emulator, the host and the browser bridge run in-process, a few callers
 * are offered, and Chromium photographs the page into docs/screenshots/.
 *   npx tsx scripts/screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumExecutable } from '../e2e/support/chromium';
import { callerAttributes, startApp } from '../e2e/support/app';
import { buildRenderer, ROOT } from '../e2e/support/renderer-build';

const OUT = path.join(ROOT, 'docs', 'screenshots');

const CALLERS = [
  { name: 'Dana Smith', reason: 'Billing question about the March invoice' },
  { name: 'Kenji Watanabe', reason: 'Cannot log in after password reset' },
  { name: 'Amélie Laurent-Dubois de la Fontaine-Saint-Germain', reason: 'Wants to upgrade her plan' },
  { name: 'Priya Raman', reason: 'Delivery is late' },
];

async function main(): Promise<void> {
  buildRenderer();
  mkdirSync(OUT, { recursive: true });
  const app = await startApp({ reservationTimeoutSeconds: 45, capacity: 6 });
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs() });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(app.url);
    await page.getByRole('button', { name: /^Activity: (?!unknown)/ }).waitFor();
    const sids: string[] = [];
    for (const [i, caller] of CALLERS.entries()) {
      const { taskSid } = await app.createTask(callerAttributes(caller.name, { reason: caller.reason, from: `+1415555010${i}` }));
      sids.push(taskSid);
      await page.getByRole('article', { name: caller.name }).waitFor();
    }
    // One offer accepted and one rejected, so the picture shows every section of the inbox.
    await page.getByRole('article', { name: 'Priya Raman' }).getByRole('button', { name: /^Accept/ }).click();
    await page.getByRole('article', { name: 'Priya Raman' }).getByText('Accepted', { exact: true }).waitFor();
    // Kenji hangs up while waiting: his offer is canceled and moves to the recap with the reason.
    const canceled = app.emulator.engine.updateTask(sids[1]!, { AssignmentStatus: 'canceled', Reason: 'The caller hung up' });
    if (!canceled.ok) throw new Error(JSON.stringify(canceled.error));
    await page.getByRole('article', { name: 'Kenji Watanabe' }).getByText('Canceled', { exact: true }).waitFor();
    await page.mouse.click(1, 1);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const file = path.join(OUT, `inbox-${colorScheme}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`wrote ${path.relative(ROOT, file)}`);
    }
    await page.setViewportSize({ width: 360, height: 780 });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: path.join(OUT, 'inbox-narrow.png'), fullPage: false });
    console.log('wrote docs/screenshots/inbox-narrow.png');
  } finally {
    await browser.close();
    await app.close();
  }
}

await main();
