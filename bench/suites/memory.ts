import { setTimeout as sleep } from 'node:timers/promises';
import type { CDPSession, Page } from 'playwright-core';
import { buildRenderer } from '../../e2e/support/renderer-build';
import { launchTrackedBrowser } from '../support/browser-processes';
import { WATCH_CARDS } from '../support/page-probes';
import { startStack, type Stack } from '../support/stack';
import { round } from '../support/stats';

const SHIFT_OFFERS = 500;
/** Of the offers, this share the agent accepts (by key) and completes; the rest the caller abandons (canceled). */
const ACCEPTED_SHARE = 0.7;

type Metrics = Record<string, number | string | boolean>;

const mb = (bytes: number) => round(bytes / 2 ** 20, 2);

/**
 * Memory after a shift: the host (its own process, account mode without an embedded
 * emulator: host + browser bridge only) and the page, each after garbage collection,
 * before the shift (the floor: the app open and idle) and after 500 offers came and went
 * (70 % accepted with the keyboard and completed, 30 % abandoned by the caller).
 * The shift's offers are plain (not voice) tasks accepted with the plain Accept
 * instruction, so no call is placed: the voice suite measures calls.
 */
export async function memorySuite(): Promise<Metrics> {
  buildRenderer();
  const stack = await startStack({ capacity: 4, reservationTimeoutSeconds: 3600, settings: { defaultInstruction: 'accept' } });
  const chromium = await launchTrackedBrowser();
  try {
    const page = await chromium.browser.newPage();
    await page.goto(stack.url);
    await page.getByRole('region', { name: 'Reservations' }).waitFor();
    await page.getByText('Phone: ready for calls').waitFor({ timeout: 30_000 });
    await page.evaluate(WATCH_CARDS);
    const cdp = await page.context().newCDPSession(page);
    await sleep(2_000);
    const hostBefore = await stack.host.measure({ gc: true });
    const pageBefore = await pageHeapAfterGc(cdp);

    const startedAt = Date.now();
    let accepted = 0;
    for (let i = 0; i < SHIFT_OFFERS; i++) {
      if (await oneOffer(stack, page, i, Math.random() < ACCEPTED_SHARE)) accepted++;
    }
    const shiftS = (Date.now() - startedAt) / 1000;
    await sleep(2_000);
    const hostAfter = await stack.host.measure({ gc: true });
    const pageAfter = await pageHeapAfterGc(cdp);
    const cards = (await page.evaluate(`document.querySelectorAll('article[data-sid]').length`)) as number;
    return {
      host_heap_mb: mb(hostAfter.heapUsedBytes),
      host_heap_floor_mb: mb(hostBefore.heapUsedBytes),
      host_rss_mb: mb(hostAfter.rssBytes),
      host_rss_floor_mb: mb(hostBefore.rssBytes),
      page_heap_mb: mb(pageAfter),
      page_heap_floor_mb: mb(pageBefore),
      offers: SHIFT_OFFERS,
      accepted,
      cards_in_dom_after: cards,
      shift_s: round(shiftS, 0),
    };
  } finally {
    await chromium.close();
    await stack.close();
  }
}

/** One offer: it reaches the page; the agent accepts it with Ctrl+Shift+A and it is completed, or the caller hangs up. */
async function oneOffer(stack: Stack, page: Page, n: number, accept: boolean): Promise<boolean> {
  const taskSid = await stack.createTask({ caller_name: `Shift caller ${n}`, from: '+14155550123', reason: 'Billing question' });
  const reservation = await stack.reservationFor(taskSid);
  await page.evaluate(`window.__waitCard(${JSON.stringify(reservation.sid)}, 10000)`);
  const task = stack.workspace.tasks(taskSid);
  if (!accept) {
    await task.update({ assignmentStatus: 'canceled', reason: 'The caller hung up' });
    return false;
  }
  await page.keyboard.press('Control+Shift+A');
  const deadline = Date.now() + 10_000;
  while ((await task.reservations(reservation.sid).fetch()).reservationStatus !== 'accepted') {
    if (Date.now() > deadline) throw new Error(`offer ${n}: Ctrl+Shift+A did not accept ${reservation.sid} within 10 s`);
    await sleep(10);
  }
  await task.update({ assignmentStatus: 'wrapping' });
  await task.update({ assignmentStatus: 'completed' });
  return true;
}

/** The page's used JS heap after two full collections (CDP). */
async function pageHeapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}
