import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { callerAttributes, card, openInbox, useApp } from './support/app';

const app = useApp({ reservationTimeoutSeconds: 120 });

const seriousViolations = async (page: Page) => {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
};

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violations with offers, a form and the settings dialog (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openInbox(page, app);
    await app.createTask(callerAttributes('Axe Caller'));
    const { taskSid } = await app.createTask(callerAttributes('Second Caller'));
    await expect(card(page, 'Second Caller')).toBeVisible();
    await card(page, 'Axe Caller').getByRole('button', { name: /^Instructions/ }).click();
    expect(await seriousViolations(page)).toEqual([]);

    await card(page, 'Second Caller').getByRole('button', { name: /^Accept/ }).click();
    await expect.poll(async () => (await app.reservationForTask(taskSid)).status).toBe('accepted');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
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
