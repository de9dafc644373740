import { expect, test } from '@playwright/test';
import { callerAttributes, card, openInbox, useApp } from './support/app';

const app = useApp({ reservationTimeoutSeconds: 120 });

test('a whole offer handled with the keyboard alone', async ({ page }) => {
  await openInbox(page, app);
  const other = await app.createTask(callerAttributes('Keyboard Other'));
  await expect(card(page, 'Keyboard Other')).toBeVisible();
  const mine = await app.createTask(callerAttributes('Keyboard Caller'));
  await expect(card(page, 'Keyboard Caller')).toBeVisible();

  // The cheat sheet opens on "?" and closes with Escape.
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Move through the offers with the next-offer key until this caller's card has focus (bounded: two offers).
  const target = card(page, 'Keyboard Caller');
  for (let step = 0; step < 4 && !(await target.evaluate((el) => el === el.ownerDocument.activeElement)); step++) {
    await page.keyboard.press('Control+Shift+ArrowDown');
  }
  await expect(target).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: /^Accept offer from Keyboard Caller/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await app.reservationForTask(mine.taskSid)).status).toBe('accepted');
  expect((await app.reservationForTask(other.taskSid)).status).toBe('pending');

  // Wrap up, then complete, the selected task.
  await page.keyboard.press('Control+Shift+E');
  await expect.poll(async () => (await app.reservationForTask(mine.taskSid)).status).toBe('wrapping');
  await page.keyboard.press('Control+Shift+E');
  await expect.poll(async () => (await app.reservationForTask(mine.taskSid)).status).toBe('completed');

  // Reject the remaining offer with its shortcut.
  await page.keyboard.press('Control+Shift+X');
  await expect.poll(async () => (await app.reservationForTask(other.taskSid)).status).toBe('rejected');

  // Activity menu from the keyboard: it opens on the current activity; arrows move, Enter commits.
  await page.keyboard.press('Control+Shift+S');
  const menu = page.getByRole('menu', { name: 'Set my activity' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitemradio', { name: /Available/ })).toBeFocused();
  // Radix moves focus on the next task: wait for each step, as a person's key presses would.
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitemradio', { name: /^Offline/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitemradio', { name: /^Break/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  // The rejected offer came back (this worker is the only one available): going on break asks first.
  const waiting = (await app.state()).reservations.some((r) => r.status === 'pending');
  if (waiting) {
    const confirm = page.getByRole('alertdialog', { name: 'Go to Break?' });
    await expect(confirm.getByRole('button', { name: 'After these offers' })).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
  }
  await expect.poll(async () => (await app.worker()).activityName).toBe('Break');
  await expect(page.getByRole('button', { name: /^Activity: Break/ })).toBeFocused();
});
