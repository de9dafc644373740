import { expect, test } from '@playwright/test';
import { callerAttributes, card, historyEntry, openInbox, useApp } from './support/app';

// The inbox against the real emulator and host, in browser mode.

const app = useApp({ reservationTimeoutSeconds: 60 });

test('a new reservation appears within 1 s and its timer agrees with the emulator expiry', async ({ page }) => {
  await openInbox(page, app);
  const { taskSid, requestedAt } = await app.createTask(callerAttributes('Dana Smith'));
  const offer = card(page, 'Dana Smith');
  await expect(offer).toBeVisible({ timeout: 1_000 });
  const seenAfterMs = Date.now() - requestedAt;
  expect(seenAfterMs).toBeLessThan(1_000);

  const reservation = await app.reservationForTask(taskSid);
  const emulatorExpiry = reservation.dateCreated + reservation.timeoutSeconds * 1_000;
  // The host's expiresAt (on the local clock) agrees with the emulator's within 1 s...
  const hostExpiry = Number(await offer.locator('[data-expires-at]').getAttribute('data-expires-at'));
  expect(Math.abs(hostExpiry - emulatorExpiry)).toBeLessThanOrEqual(1_000);
  // ...and so does what the agent reads.
  const timer = offer.getByRole('timer');
  const [minutes, seconds] = (await timer.textContent())!.split(':').map(Number);
  const shownLeft = minutes! * 60 + seconds!;
  expect(Math.abs(shownLeft - (emulatorExpiry - Date.now()) / 1_000)).toBeLessThanOrEqual(1.5);
  // It counts down.
  const first = await timer.textContent();
  await expect(timer).not.toHaveText(first!);
  await expect(offer.getByText('Offered to you')).toBeVisible();
});

test('accept by click', async ({ page }) => {
  await openInbox(page, app);
  const { taskSid } = await app.createTask(callerAttributes('Click Caller'));
  const offer = card(page, 'Click Caller');
  await offer.getByRole('button', { name: /^Accept/ }).click();
  await expect(offer.getByText('Accepted', { exact: true })).toBeVisible();
  await expect.poll(async () => (await app.reservationForTask(taskSid)).status).toBe('accepted');
});

test('accept the most urgent offer with Ctrl+Shift+A', async ({ page }) => {
  await openInbox(page, app);
  const first = await app.createTask(callerAttributes('First Caller'));
  await expect(card(page, 'First Caller')).toBeVisible();
  await page.keyboard.press('Control+Shift+A');
  await expect.poll(async () => (await app.reservationForTask(first.taskSid)).status).toBe('accepted');
  await expect(card(page, 'First Caller').getByText('Accepted', { exact: true })).toBeVisible();
});

test('reject with an activity moves the worker there', async ({ page }) => {
  await openInbox(page, app);
  const { taskSid } = await app.createTask(callerAttributes('Reject Me'));
  const offer = card(page, 'Reject Me');
  await offer.getByRole('button', { name: /^Reject, then…/ }).click();
  await offer.getByRole('group', { name: 'Reject Reject Me, then go to' }).getByRole('button', { name: 'Reject Reject Me, then Break' }).click();
  await expect.poll(async () => (await app.reservationForTask(taskSid)).status).toBe('rejected');
  await expect.poll(async () => (await app.worker()).activityName).toBe('Break');
  await expect(page.getByRole('button', { name: 'Activity: Break' })).toBeVisible();
  await expect((await historyEntry(page, 'Reject Me')).getByText('Rejected', { exact: true })).toBeVisible();
});

test('a caller name full of markup renders as plain text', async ({ page }) => {
  const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>Mallory</b>';
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await openInbox(page, app);
  await app.createTask(callerAttributes(hostile, { reason: '<i>urgent</i>' }));
  const offer = card(page, hostile);
  await expect(offer).toBeVisible();
  await expect(offer.getByRole('heading', { name: hostile })).toHaveText(hostile);
  expect(await offer.locator('img, script, b, i').count()).toBe(0);
  expect(await page.evaluate('window.__pwned')).toBeUndefined();
  expect(dialogs).toBe(0);
});
