import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { callerAttributes, card, historyEntry, openInbox, useApp } from './support/app';

const app = useApp({ reservationTimeoutSeconds: 120 });

/** Every axe violation, whatever its impact: the goal is zero. */
const violations = async (page: Page, state: string) => {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${state}: ${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
};

for (const colorScheme of ['light', 'dark'] as const) {
  for (const viewport of [
    { width: 400, height: 860 },
    { width: 1280, height: 800 },
  ]) {
    test(`no axe violations in any state of the shift (${colorScheme}, ${viewport.width} px)`, async ({ page }) => {
      test.setTimeout(300_000);
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme });
      await openInbox(page, app);
      const found: string[] = [];
      found.push(...(await violations(page, 'empty')));

      // Offers, one with its instruction form open in the detail (every field invalid at once).
      await app.createTask(callerAttributes('Axe Caller'));
      const { taskSid } = await app.createTask(callerAttributes('Second Caller', { account_id: 'A-77', nested: { tier: 'gold', tags: ['vip'] } }));
      await expect(card(page, 'Second Caller')).toBeVisible();
      await card(page, 'Axe Caller').getByRole('button', { name: /^Instructions/ }).click();
      const form = page.getByRole('form', { name: /^Instruction for/ });
      await form.getByRole('radio', { name: 'Call' }).check();
      await form.getByRole('button', { name: 'Send Call' }).click();
      await expect(form.getByRole('alert')).toBeVisible();
      await form.getByText('Advanced').click();
      found.push(...(await violations(page, 'offers and an invalid instruction form')));

      // "Reject, then…" open on an offer.
      await card(page, 'Second Caller').getByRole('button', { name: /^Reject, then…/ }).click();
      await expect(card(page, 'Second Caller').getByRole('group', { name: 'Reject Second Caller, then go to' })).toBeVisible();
      found.push(...(await violations(page, 'reject, then…')));
      await page.keyboard.press('Escape');

      // The activity menu, and the confirmation before going unavailable with offers waiting.
      await page.keyboard.press('Control+Shift+S');
      await expect(page.getByRole('menu', { name: 'Set my activity' })).toBeVisible();
      found.push(...(await violations(page, 'activity menu')));
      await page.getByRole('menuitemradio', { name: /^Break/ }).click();
      await expect(page.getByRole('alertdialog', { name: 'Go to Break?' })).toBeVisible();
      found.push(...(await violations(page, 'go-unavailable confirmation')));
      await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();

      // A task in progress with its detail (attributes open), then wrap-up with a refused Complete.
      await card(page, 'Second Caller').getByRole('button', { name: /^Accept/ }).click();
      await expect.poll(async () => (await app.reservationForTask(taskSid)).status).toBe('accepted');
      await card(page, 'Second Caller').getByRole('heading').click();
      const detail = page.getByRole('region', { name: 'Task detail' });
      await detail.getByText(/^All task attributes/).click();
      found.push(...(await violations(page, 'task detail')));
      await detail.getByRole('button', { name: /^Wrap up/ }).click();
      await detail.getByRole('form', { name: 'Wrap-up' }).getByLabel(/^Disposition/).selectOption('Resolved');
      found.push(...(await violations(page, 'wrap-up')));

      // The history, open and searched; the missed-offer banner.
      app.emulator.engine.updateTask((await app.reservationForTask((await app.createTask(callerAttributes('Gone Caller'))).taskSid)).taskSid, { AssignmentStatus: 'canceled', Reason: 'gave up' });
      await expect(await historyEntry(page, 'Gone Caller')).toBeVisible();
      await page.getByRole('searchbox', { name: 'Search the history' }).fill('gone');
      found.push(...(await violations(page, 'history')));

      // Settings beside the live work, with every connection error listed, and the shortcut list.
      await page.getByRole('button', { name: 'Settings', exact: true }).click();
      const settings = page.getByRole('dialog', { name: 'Settings' });
      await settings.getByRole('radio', { name: 'Twilio account' }).check();
      await settings.getByLabel(/^Account SID/).fill('AC123');
      await settings.getByLabel(/^Workspace SID/).fill('nope');
      await settings.getByRole('button', { name: 'Save connection settings' }).click();
      await expect(settings.getByRole('alert').first()).toBeVisible();
      found.push(...(await violations(page, 'settings with errors')));
      await page.getByRole('button', { name: 'Shortcuts', exact: true }).click();
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      found.push(...(await violations(page, 'shortcuts')));

      expect(found).toEqual([]);
    });
  }
}

test('the inbox works at 360 px wide: long names truncate and nothing scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openInbox(page, app);
  const longName = 'Bartholomew Maximilian Featherstonehaugh-Cholmondeley the Third of Somewhere Very Far Away';
  await app.createTask(callerAttributes(longName));
  await expect(card(page, longName)).toBeVisible();
  const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(card(page, longName).getByRole('button', { name: /^Accept/ })).toBeInViewport();
});

test('/favicon.ico is served', async ({ page }) => {
  const response = await page.request.get(new URL('/favicon.ico', app.url).href);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/icon/);
});
