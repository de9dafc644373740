import { expect, test } from '@playwright/test';
import { callerAttributes, card, historyEntry, openInbox, useApp } from './support/app';

// A real (short) reservation timeout: with a manual emulator clock the host's
// local expiresAt and the page's Date.now() would disagree, so time runs for real.

const app = useApp({ reservationTimeoutSeconds: 3 });

test('a timed-out offer shows its state and the new activity, and "I\'m back" sets Available', async ({ page }) => {
  await openInbox(page, app);
  const { taskSid } = await app.createTask(callerAttributes('Slow Answer'));
  const offer = card(page, 'Slow Answer');
  await expect(offer.getByRole('timer')).toBeVisible();

  await expect.poll(async () => (await app.reservationForTask(taskSid)).status, { timeout: 10_000 }).toBe('timeout');
  // The ended offer leaves the live zone for the history.
  await expect(offer).toHaveCount(0);
  await expect((await historyEntry(page, 'Slow Answer')).getByText('Timed out', { exact: true })).toBeVisible();
  const workerAfter = await app.worker();
  expect(workerAfter.activityName).not.toBe('Available');
  const banner = page.getByRole('status').filter({ hasText: 'You missed an offer' });
  await expect(banner).toContainText(`so TaskRouter set you to ${workerAfter.activityName}`);
  await expect(page.getByRole('button', { name: `Activity: ${workerAfter.activityName}` })).toBeVisible();

  await banner.getByRole('button', { name: /I.m back/ }).click();
  await expect.poll(async () => (await app.worker()).activityName).toBe('Available');
  await expect(page.getByRole('button', { name: 'Activity: Available' })).toBeVisible();
  await expect(banner).toHaveCount(0);
});
