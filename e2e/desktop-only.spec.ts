import { expect, test } from '@playwright/test';
import { openInbox, useApp } from './support/app';

const app = useApp();

test('browser mode: Settings says global shortcuts need the desktop app, and the cheat sheet lists none', async ({ page }) => {
  await openInbox(page, app);
  await page.getByRole('button', { name: 'Settings' }).click();
  const section = page.getByRole('group', { name: 'Global shortcuts' });
  await expect(section).toContainText('needs the desktop app');
  await expect(section.getByRole('checkbox')).toHaveCount(0);
  // The cheat sheet shows no global keys in a browser.
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expect(page.getByText('Global shortcuts (from any application)')).toHaveCount(0);
});
