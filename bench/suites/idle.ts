import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildRenderer } from '../../e2e/support/renderer-build';
import { launchTrackedBrowser, type TrackedBrowser } from '../support/browser-processes';
import { processCpuMs } from '../support/process-cpu';
import { startStack, type Stack } from '../support/stack';
import { round } from '../support/stats';

const WINDOW_MS = 60_000;
const SETTLE_MS = 5_000;
const PENDING = 10;

type Metrics = Record<string, number | string | boolean>;

/**
 * What an open, idle desktop costs: CPU of the host process (host + browser bridge, account
 * mode, subscribe) and of the page's renderer process over 60 s with nothing happening, then
 * over 60 s with 10 pending offers counting down. The emulator runs in its own process and
 * is not counted (TaskRouter is remote in real life). The floor is measured over the same
 * windows: a bare Node process doing nothing and an about:blank page in a second Chromium,
 * i.e. what the machine charges for merely existing. Chromium's browser and GPU processes
 * are reported apart (in Electron the browser process is also the host's).
 */
export async function idleSuite(): Promise<Metrics> {
  buildRenderer();
  const stack = await startStack({ capacity: PENDING, reservationTimeoutSeconds: 3600 });
  const app = await launchTrackedBrowser();
  const blank = await launchTrackedBrowser();
  const bareNode = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
  try {
    const page = await app.browser.newPage();
    await page.goto(stack.url);
    await page.getByRole('region', { name: 'Reservations' }).waitFor();
    // The call region loads after the first paint and an idle moment; wait for it so its start-up is not in the window.
    await page.getByText('Phone: ready for calls').waitFor({ timeout: 30_000 });
    const blankPage = await blank.browser.newPage();
    await blankPage.goto('about:blank'); // the floor: a page that exists and does nothing
    await sleep(SETTLE_MS);

    const idle = await measureWindow(stack, app, blank, bareNode.pid!);

    for (let i = 0; i < PENDING; i++) await stack.createTask({ caller_name: `Waiting ${i}`, from: '+14155550123' });
    await page.waitForFunction(`document.querySelectorAll('[role="timer"]').length >= ${PENDING}`, undefined, { timeout: 15_000 });
    await sleep(SETTLE_MS);
    const pending = await measureWindow(stack, app, blank, bareNode.pid!);

    return { window_s: WINDOW_MS / 1000, ...prefixed('idle', idle), ...prefixed(`pending${PENDING}`, pending) };
  } finally {
    bareNode.kill('SIGTERM');
    await once(bareNode, 'exit');
    await app.close();
    await blank.close();
    await stack.close();
  }
}

const prefixed = (prefix: string, metrics: Metrics): Metrics => Object.fromEntries(Object.entries(metrics).map(([k, v]) => [`${prefix}_${k}`, v]));

/** CPU of each party over one window, as % of one core. */
async function measureWindow(stack: Stack, app: TrackedBrowser, blank: TrackedBrowser, bareNodePid: number): Promise<Metrics> {
  const read = () => ({ host: processCpuMs(stack.host.pid) ?? NaN, app: app.cpu(), blank: blank.cpu(), bareNode: processCpuMs(bareNodePid) ?? NaN });
  const before = read();
  const startedAt = Date.now();
  await sleep(WINDOW_MS); // a measurement window: nothing to wait for, by design
  const after = read();
  const pct = (ms: number) => round((ms / (Date.now() - startedAt)) * 100, 3);
  const host = after.host - before.host;
  const page = after.app.renderersMs - before.app.renderersMs;
  return {
    cpu_pct: pct(host + page),
    host_cpu_pct: pct(host),
    page_cpu_pct: pct(page),
    floor_cpu_pct: pct(after.bareNode - before.bareNode + after.blank.renderersMs - before.blank.renderersMs),
    chromium_other_cpu_pct: pct(after.app.otherMs - before.app.otherMs),
    floor_chromium_other_cpu_pct: pct(after.blank.otherMs - before.blank.otherMs),
  };
}
