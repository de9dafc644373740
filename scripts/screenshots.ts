/**
 * README screenshots of a shift, from the real UI: the emulator (TaskRouter and
 * voice), the host and the browser bridge run in-process, the Voice SDK runs in
 * Chromium with fake media, and each scene is photographed at 400, 1280 and
 * 1920 px wide, light and dark, into docs/screenshots/<scene>-<width>-<theme>.png;
 * in Spanish (light) into <scene>-<width>-light-es.png.
 *   npx tsx scripts/screenshots.ts [--locale es] [--no-build] [400 1280 1920]
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { chromiumArgs, chromiumExecutable } from '../e2e/support/chromium';
import { buildRenderer, ROOT } from '../e2e/support/renderer-build';
import { startVoiceApp } from '../e2e/support/voice/voice-app';
import { loosely, startInLanguage, words, type MessageId } from '../e2e/support/i18n';

const OUT = path.join(ROOT, 'docs', 'screenshots');
const WIDTHS = [
  { width: 400, height: 860 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
const LOCALE: 'en' | 'es' = process.argv.includes('--locale') && process.argv[process.argv.indexOf('--locale') + 1] === 'es' ? 'es' : 'en';
// Spanish is shown in the light theme only: the layout is the point (longer words), not the colours.
const THEMES = LOCALE === 'es' ? (['light'] as const) : (['light', 'dark'] as const);
/** The UI's words in the language being photographed, for finding its controls. */
const m = words(LOCALE);
/** A message's words before its first value: "All task attributes", "History". */
const start = (id: MessageId) => new RegExp(`^${m(id, { count: 0 }).split(/\s*[({]/)[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
export const SCENES = ['offer-during-call', 'task-detail', 'wrap-up', 'activity-menu', 'history', 'settings'] as const;

const GRACE = '+14155550111';

async function shoot(page: Page, scene: (typeof SCENES)[number], width: number): Promise<void> {
  for (const colorScheme of THEMES) {
    await page.emulateMedia({ colorScheme });
    // Let the theme's paint settle.
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    const file = path.join(OUT, `${scene}-${width}-${colorScheme}${LOCALE === 'en' ? '' : `-${LOCALE}`}.png`);
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
    await startInLanguage(page, LOCALE);
    await page.goto(app.url);
    await page.locator('.phone-state.phone-registered').waitFor({ timeout: 20_000 });

    // Grace calls and the agent takes the call.
    const grace = await app.inboundCall(GRACE, 'Grace Hopper');
    const inbox = page.getByRole('region', { name: m('inbox.label') });
    const offer = inbox.getByRole('article', { name: 'Grace Hopper' });
    await offer.getByRole('button', { name: loosely(m('card.accept', { kind: 'voice', caller: 'Grace Hopper' })) }).click();
    await page.getByRole('region', { name: m('app.call') }).getByText(m('call.headline.live', { who: 'Grace Hopper' })).waitFor({ timeout: 20_000 });

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
    await inbox.getByRole('article', { name: 'Grace Hopper' }).getByRole('heading').click();
    const previous = page.getByRole('region', { name: m('previous.title') });
    await previous.getByText(m('desk.disposition.followUp')).waitFor();
    await page.getByRole('region', { name: m('detail.label') }).getByText(start('attributes.title')).click();
    await previous.scrollIntoViewIfNeeded();
    await shoot(page, 'task-detail', viewport.width);

    // Kenji gives up waiting (his offer moves to the history), and the call is wrapped up with a disposition.
    engine.updateTask(kenji.value.sid, { AssignmentStatus: 'canceled', Reason: 'The customer closed the chat' });
    await inbox.getByRole('article', { name: 'Kenji Watanabe' }).waitFor({ state: 'detached' });
    const detail = page.getByRole('region', { name: m('detail.label') });
    await detail.getByRole('button', { name: loosely(m('card.wrap', { caller: 'Grace Hopper' })) }).click();
    const wrapUp = detail.getByRole('form', { name: m('wrapUp.title') });
    await wrapUp.getByLabel(start('wrapUp.disposition')).selectOption('Resolved');
    await wrapUp.getByLabel(m('wrapUp.notes')).fill(LOCALE === 'es' ? 'Se reinició el router a distancia; el cliente confirmó que la línea está estable.' : 'Reset the router remotely; customer confirmed the line is stable.');
    await detail.getByText(m('wrapUp.completesIn')).waitFor();
    await shoot(page, 'wrap-up', viewport.width);
    await wrapUp.getByRole('button', { name: m('wrapUp.complete'), exact: true }).click();
    await inbox.getByRole('article', { name: 'Grace Hopper' }).waitFor({ state: 'detached' });

    // The activity menu, opened from the keyboard on the current activity.
    await page.keyboard.press('Control+Shift+S');
    await page.getByRole('menu', { name: m('activity.menu.title') }).waitFor();
    await page.keyboard.press('ArrowDown');
    await shoot(page, 'activity-menu', viewport.width);
    await page.keyboard.press('Escape');

    // The history, opened.
    await page.getByRole('button', { name: start('history.toggle') }).click();
    await page.getByRole('region', { name: m('history.title') }).getByRole('article').first().waitFor();
    await page.getByRole('region', { name: m('history.title') }).scrollIntoViewIfNeeded();
    await shoot(page, 'history', viewport.width);

    // Settings, beside a new offer that stays answerable.
    engine.createTask({ Attributes: JSON.stringify({ caller_name: 'Priya Raman', from: '+14155550177', reason: 'Delivery is late' }), WorkflowSid: ready.workflowSid });
    await page.getByRole('article', { name: 'Priya Raman' }).getByRole('timer').waitFor();
    await page.getByRole('button', { name: m('header.settings'), exact: true }).click();
    await page.getByRole('dialog', { name: m('header.settings') }).waitFor();
    await shoot(page, 'settings', viewport.width);
    void grace;
  } finally {
    await browser.close();
    await app.close();
  }
}

async function main(): Promise<void> {
  // --no-build photographs the renderer already in dist/renderer (another run is serving it).
  if (!process.argv.includes('--no-build')) buildRenderer();
  mkdirSync(OUT, { recursive: true });
  const only = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
  for (const viewport of WIDTHS) if (only.length === 0 || only.includes(viewport.width)) await shift(viewport);
}

await main();
