/**
 * README screenshots of a shift, from the real UI: the emulator (TaskRouter and
 * voice), the host and the browser bridge run in-process, the Voice SDK runs in
 * Chromium with fake media, and each scene is photographed at 400, 1280 and
 * 1920 px wide, light and dark, into docs/screenshots/<scene>-<width>-<theme>.png.
 *   npx tsx scripts/screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { chromiumArgs, chromiumExecutable } from '../e2e/support/chromium';
import { buildRenderer, ROOT } from '../e2e/support/renderer-build';
import { startVoiceApp } from '../e2e/support/voice/voice-app';

const OUT = path.join(ROOT, 'docs', 'screenshots');
const WIDTHS = [
  { width: 400, height: 860 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
const THEMES = ['light', 'dark'] as const;
export const SCENES = ['offer-during-call', 'task-detail', 'wrap-up', 'activity-menu', 'history', 'settings'] as const;

const GRACE = '+14155550111';

async function shoot(page: Page, scene: (typeof SCENES)[number], width: number): Promise<void> {
  for (const colorScheme of THEMES) {
    await page.emulateMedia({ colorScheme });
    // Let the theme's paint settle (the countdown bar animates; the text does not).
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    const file = path.join(OUT, `${scene}-${width}-${colorScheme}.png`);
    await page.screenshot({ path: file });
    console.log(`wrote ${path.relative(ROOT, file)}`);
  }
}

async function shift(viewport: { width: number; height: number }): Promise<void> {
  const app = await startVoiceApp();
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: chromiumArgs() });
  try {
    const { engine, ready } = app.emulator;
    // Grace called twice before today: her earlier tasks carry the outcome wrap-up wrote (conversations.outcome).
    for (const [outcome, reason] of [
      ['Follow-up needed', 'Router keeps dropping the connection'],
      ['Resolved', 'Invoice address change'],
    ] as const) {
      const created = engine.createTask({ Attributes: JSON.stringify({ from: GRACE, caller_name: 'Grace Hopper', reason, conversations: { outcome } }), WorkflowSid: ready.workflowSid });
      if (!created.ok) throw new Error(JSON.stringify(created.error));
      engine.updateTask(created.value.sid, { AssignmentStatus: 'canceled', Reason: 'Handled by the previous shift' });
    }
    const page = await browser.newPage({ viewport });
    await page.goto(app.url);
    await page.getByRole('button', { name: /^Activity: (?!unknown)/ }).waitFor();
    await page.getByText('Phone: ready for calls').waitFor({ timeout: 20_000 });

    // Grace calls and the agent takes the call.
    const grace = await app.inboundCall(GRACE, 'Grace Hopper');
    const offer = page.getByRole('region', { name: 'Reservations' }).getByRole('article', { name: 'Grace Hopper' });
    await offer.getByRole('button', { name: /^Accept/ }).click();
    await page.getByRole('region', { name: 'Call' }).getByText('On a call with').waitFor({ timeout: 20_000 });

    // An SMS arrives while the call is live.
    const kenji = engine.createTask({
      Attributes: JSON.stringify({ caller_name: 'Kenji Watanabe', from: '+14155550142', reason: 'Cannot log in after the password reset', customer_name: 'Watanabe Trading' }),
      WorkflowSid: ready.workflowSid,
      TaskChannel: 'sms',
    });
    if (!kenji.ok) throw new Error(JSON.stringify(kenji.error));
    await page.getByRole('article', { name: 'Kenji Watanabe' }).getByRole('timer').waitFor();
    await page.mouse.move(0, 0);
    await shoot(page, 'offer-during-call', viewport.width);

    // The detail of the call in progress, with Grace's earlier contacts.
    await page.getByRole('region', { name: 'Reservations' }).getByRole('article', { name: 'Grace Hopper' }).getByRole('heading').click();
    await page.getByRole('region', { name: 'Previous contacts' }).getByText('Follow-up needed').waitFor();
    await page.getByRole('region', { name: 'Task detail' }).getByText(/^All task attributes/).click();
    await page.getByRole('region', { name: 'Previous contacts' }).scrollIntoViewIfNeeded();
    await shoot(page, 'task-detail', viewport.width);

    // Kenji gives up waiting (his offer moves to the history), and the call is wrapped up with a disposition.
    engine.updateTask(kenji.value.sid, { AssignmentStatus: 'canceled', Reason: 'The customer closed the chat' });
    await page.getByRole('region', { name: 'Reservations' }).getByRole('article', { name: 'Kenji Watanabe' }).waitFor({ state: 'detached' });
    const detail = page.getByRole('region', { name: 'Task detail' });
    await detail.getByRole('button', { name: /^Wrap up/ }).click();
    const wrapUp = detail.getByRole('form', { name: 'Wrap-up' });
    await wrapUp.getByLabel(/^Disposition/).selectOption('Resolved');
    await wrapUp.getByLabel('Notes').fill('Reset the router remotely; customer confirmed the line is stable.');
    await detail.getByText('Completes by itself in').waitFor();
    await shoot(page, 'wrap-up', viewport.width);
    await wrapUp.getByRole('button', { name: 'Complete' }).click();
    await page.getByRole('region', { name: 'Reservations' }).getByRole('article', { name: 'Grace Hopper' }).waitFor({ state: 'detached' });

    // The activity menu, opened from the keyboard on the current activity.
    await page.keyboard.press('Control+Shift+S');
    await page.getByRole('menu', { name: 'Set my activity' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await shoot(page, 'activity-menu', viewport.width);
    await page.keyboard.press('Escape');

    // The history, opened.
    await page.getByRole('button', { name: /^History/ }).click();
    await page.getByRole('region', { name: 'History' }).getByRole('article').first().waitFor();
    await page.getByRole('region', { name: 'History' }).scrollIntoViewIfNeeded();
    await shoot(page, 'history', viewport.width);

    // Settings, beside a new offer that stays answerable.
    engine.createTask({ Attributes: JSON.stringify({ caller_name: 'Priya Raman', from: '+14155550177', reason: 'Delivery is late' }), WorkflowSid: ready.workflowSid });
    await page.getByRole('article', { name: 'Priya Raman' }).getByRole('timer').waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    await shoot(page, 'settings', viewport.width);
    void grace;
  } finally {
    await browser.close();
    await app.close();
  }
}

async function main(): Promise<void> {
  buildRenderer();
  mkdirSync(OUT, { recursive: true });
  const only = process.argv.slice(2).map(Number).filter(Boolean);
  for (const viewport of WIDTHS) if (only.length === 0 || only.includes(viewport.width)) await shift(viewport);
}

await main();
