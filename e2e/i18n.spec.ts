import { expect, test, type Page } from '@playwright/test';
import { englishInSpanish, loosely, readableText, startInLanguage, untranslatedInPseudo, words, type TextFound, type UiLanguage } from './support/i18n';
import { startTeam, type Team, type TeamAgent } from './support/voice/team-app';

// The UI in another language, on every screen the end-to-end suite visits:
// the inbox with an offer, the instruction form, the activity menu and its
// confirmation, a live call with the transfer form and the directory, the task
// detail, wrap-up, the history, my day, Settings (with a form's error summary)
// and the shortcuts sheet. In the pseudo-locale every catalogue text is
// bracketed, accented and 40 % longer, so any plain English left on a screen
// was written into the code instead of the catalogue, and the page must still
// fit 400 px; in Spanish no English message may show. A screen that fails
// names the text.

let team: Team;
test.afterEach(async () => team?.close());

/** Opens the agent's UI in a language and waits for the phone (the class names the Device's state in any language). */
async function openIn(language: UiLanguage, agent: TeamAgent, page: Page): Promise<void> {
  await startInLanguage(page, language);
  await page.goto(agent.url);
  await expect(page.locator('.phone-state.phone-registered')).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

const problems: Record<string, string[]> = {};
async function screen(page: Page, name: string, check: (found: TextFound) => string[]): Promise<void> {
  // Let lazy chunks and the second-by-second clocks render.
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
  const found = check(await readableText(page));
  // Longer words must wrap, not push the page sideways (the pseudo-locale runs 40 % longer, at 400 px).
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  if (overflow > 0) found.push(`the page is ${overflow} px wider than the window`);
  if (found.length > 0) problems[name] = found;
}

for (const [language, check, what] of [
  ['en-XA', untranslatedInPseudo, 'text written into the code (not from the catalogue)'],
  ['es', englishInSpanish, 'English text'],
] as const) {
  test(`in ${language}, no screen the suite visits shows ${what}`, async ({ browser }) => {
    test.setTimeout(120_000);
    for (const key of Object.keys(problems)) delete problems[key];
    const m = words(language);
    team = await startTeam(2);
    const [alice] = team.agents as [TeamAgent, TeamAgent];
    // The pseudo-locale at the narrowest width the app supports: its longer text must still fit.
    const context = await browser.newContext(language === 'en-XA' ? { viewport: { width: 400, height: 860 } } : {});
    const page = await context.newPage();
    await openIn(language, alice, page);
    await screen(page, 'idle desk', check);

    // An offer: the card, then the instruction form opened from it.
    const { taskSid } = await team.inboundCall('+14155550190', 'Lucía Ortega');
    await expect(page.getByRole('region', { name: m('inbox.label') }).getByRole('article', { name: 'Lucía Ortega' })).toBeVisible({ timeout: 10_000 });
    const theCard = page.getByRole('region', { name: m('inbox.label') }).getByRole('article', { name: 'Lucía Ortega' });
    await screen(page, 'offer', check);
    await theCard.getByRole('button', { name: loosely(m('card.rejectThenToggle', { caller: 'Lucía Ortega' })) }).click();
    await expect(theCard.getByRole('group', { name: m('card.rejectThenGroup', { caller: 'Lucía Ortega' }) })).toBeVisible();
    await screen(page, 'reject, then…', check);
    await page.keyboard.press('Escape');
    await theCard.getByRole('button', { name: loosely(m('card.instructions', { caller: 'Lucía Ortega' })) }).click();
    await expect(page.getByRole('form', { name: m('instruction.formFor', { caller: 'Lucía Ortega' }) })).toBeVisible();
    await page.getByText(m('instruction.advanced'), { exact: true }).click();
    await screen(page, 'instruction form', check);
    await page.getByRole('form', { name: m('instruction.formFor', { caller: 'Lucía Ortega' }) }).getByRole('button', { name: m('common.cancel'), exact: true }).click();

    // The activity menu, and going on a break while an offer waits.
    await page.keyboard.press('Control+Shift+S');
    const menu = page.getByRole('menu', { name: m('activity.menu.title') });
    await expect(menu).toBeVisible();
    await screen(page, 'activity menu', check);
    await menu.getByRole('menuitemradio').filter({ hasText: m('activity.name.break') }).click();
    const confirm = page.getByRole('alertdialog', { name: m('goUnavailable.title', { activity: m('activity.name.break') }) });
    await expect(confirm).toBeVisible();
    await screen(page, 'go unavailable?', check);
    await confirm.getByRole('button', { name: m('common.cancel'), exact: true }).click();

    // The call: accept, the live call view, the transfer form with the directory.
    await theCard.getByRole('button', { name: loosely(m('card.accept', { kind: 'voice', caller: 'Lucía Ortega' })) }).click();
    const call = page.getByRole('region', { name: m('app.call') });
    await expect(call.getByText(m('call.headline.live', { who: 'Lucía Ortega' }))).toBeVisible({ timeout: 15_000 });
    await expect.poll(() => team.reservationOf(alice, taskSid)?.status).toBe('accepted');
    await screen(page, 'live call', check);
    await call.getByRole('button', { name: m('call.transfer') }).click();
    const transfer = call.getByRole('form', { name: m('transfer.label') });
    await transfer.getByRole('textbox', { name: m('transfer.to') }).fill('B');
    await expect(transfer.getByRole('listbox')).toBeVisible();
    await transfer.getByRole('button', { name: m('transfer.start') }).click();
    await expect(transfer.getByRole('alert')).toBeVisible();
    await screen(page, 'transfer form', check);
    await transfer.getByRole('button', { name: m('common.cancel'), exact: true }).click();

    // The task detail, then wrap-up after hanging up.
    await theCard.getByRole('heading').click();
    const detail = page.getByRole('region', { name: m('detail.label') });
    await expect(detail).toBeVisible();
    await screen(page, 'task detail', check);
    // Hanging up wraps the task up (the call's end moves it to wrap-up).
    await call.getByRole('button', { name: m('voice.hangUp') }).click();
    await expect(detail.getByRole('form', { name: m('wrapUp.title') })).toBeVisible();
    await screen(page, 'wrap-up', check);
    await detail.getByRole('form', { name: m('wrapUp.title') }).getByRole('button', { name: m('wrapUp.complete'), exact: true }).click();
    await expect.poll(() => team.reservationOf(alice, taskSid)?.status, { timeout: 10_000 }).toBe('completed');

    // The history and my day.
    await page.getByRole('button', { name: m('history.toggle', { count: 1 }) }).click();
    await expect(page.getByRole('region', { name: m('history.title') }).getByRole('article')).toHaveCount(1);
    await screen(page, 'history and my day', check);

    // Settings, and a form's error summary after saving invalid account fields.
    await page.getByRole('button', { name: m('header.settings'), exact: true }).click();
    const settings = page.getByRole('dialog', { name: m('header.settings') });
    await expect(settings).toBeVisible();
    await screen(page, 'settings', check);
    await settings.getByRole('radio', { name: m('settings.mode.account') }).check();
    await settings.getByLabel(m('field.accountSid'), { exact: true }).fill('AC123');
    await settings.getByRole('button', { name: m('settings.saveConnection') }).click();
    await expect(settings.locator('.error-summary')).toBeVisible();
    await screen(page, 'settings with errors', check);
    await settings.locator('button.close').click();

    // The shortcuts sheet.
    await page.getByRole('button', { name: m('header.shortcuts'), exact: true }).click();
    await expect(page.getByRole('dialog', { name: m('shortcuts.title') })).toBeVisible();
    await screen(page, 'shortcuts', check);

    expect(problems, `screens showing ${what}`).toEqual({});
    await context.close();
  });
}
