import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_DESK_SETTINGS } from '../shared/desk';
import { callerAttributes, card, historyEntry, openInbox, useApp } from './support/app';

// The desk around the live work, against the real emulator and host: the
// activity menu, wrap-up written where Flex Insights reads it, previous
// contacts, sheets that never hide an offer, and the history's place.

const app = useApp({ reservationTimeoutSeconds: 120 });

const live = (page: Page) => page.getByRole('region', { name: 'Live work' });

/** Presses an arrow key in the activity menu and waits for the item it moves to (Radix moves focus on the next task). */
async function arrowTo(page: Page, key: 'ArrowDown' | 'ArrowUp', name: RegExp): Promise<void> {
  await page.keyboard.press(key);
  await expect(page.getByRole('menu', { name: 'Set my activity' }).getByRole('menuitemradio', { name })).toBeFocused();
}

test('activity menu: arrows move without committing, Enter commits, going unavailable with offers pending asks first', async ({ page }) => {
  await openInbox(page, app);
  await page.getByRole('button', { name: /^Activity: Available/ }).click();
  const menu = page.getByRole('menu', { name: 'Set my activity' });
  await expect(menu.getByRole('menuitemradio', { name: /Available/ })).toBeFocused();
  // Arrow keys only move: the worker stays Available however far they go.
  await arrowTo(page, 'ArrowDown', /^Offline/);
  await arrowTo(page, 'ArrowDown', /^Break/);
  await arrowTo(page, 'ArrowDown', /^Lunch/);
  await arrowTo(page, 'ArrowUp', /^Break/);
  expect((await app.worker()).activityName).toBe('Available');
  // System activities are listed but cannot be chosen by hand.
  await expect(menu.getByRole('menuitemradio', { name: /^Missed/ })).toHaveAttribute('aria-disabled', 'true');
  await expect(menu.getByRole('menuitemradio', { name: /^Wrap Up/ })).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Escape');
  expect((await app.worker()).activityName).toBe('Available');

  // With an offer waiting, choosing Break asks first and changes nothing until answered.
  const { taskSid } = await app.createTask(callerAttributes('Waiting Caller'));
  await expect(card(page, 'Waiting Caller')).toBeVisible();
  await page.keyboard.press('Control+Shift+S');
  await expect(menu.getByRole('menuitemradio', { name: /Available/ })).toBeFocused();
  await arrowTo(page, 'ArrowDown', /^Offline/);
  await arrowTo(page, 'ArrowDown', /^Break/);
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('alertdialog', { name: 'Go to Break?' });
  await expect(confirm).toContainText('An offer is waiting for you. Going now rejects it.');
  expect((await app.worker()).activityName).toBe('Available');
  expect((await app.reservationForTask(taskSid)).status).toBe('pending');
  // "Cancel" keeps everything; then "Reject it and go now" does both.
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  expect((await app.reservationForTask(taskSid)).status).toBe('pending');
  await page.keyboard.press('Control+Shift+S');
  await expect(menu.getByRole('menuitemradio', { name: /Available/ })).toBeFocused();
  await arrowTo(page, 'ArrowDown', /^Offline/);
  await arrowTo(page, 'ArrowDown', /^Break/);
  await page.keyboard.press('Enter');
  await confirm.getByRole('button', { name: 'Reject it and go now' }).click();
  await expect.poll(async () => (await app.worker()).activityName).toBe('Break');
  await expect.poll(async () => (await app.reservationForTask(taskSid)).status).toBe('rejected');
  // The menu opens on the current activity, wherever it is in the list.
  await expect(page.getByRole('button', { name: /^Activity: Break/ })).toBeVisible();
  await page.keyboard.press('Control+Shift+S');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitemradio', { name: /^Break/ })).toBeFocused();
});

test('"after these offers" keeps the offer and moves the agent once the work is done', async ({ page }) => {
  await openInbox(page, app);
  const { taskSid } = await app.createTask(callerAttributes('Last Caller'));
  await expect(card(page, 'Last Caller')).toBeVisible();
  await page.keyboard.press('Control+Shift+S');
  await page.getByRole('menu', { name: 'Set my activity' }).getByRole('menuitemradio', { name: /^Lunch/ }).click();
  await page.getByRole('alertdialog', { name: 'Go to Lunch?' }).getByRole('button', { name: 'After these offers' }).click();
  await expect(page.getByText('After this task → Lunch')).toBeVisible();
  expect((await app.reservationForTask(taskSid)).status).toBe('pending');
  expect((await app.worker()).activityName).toBe('Available');
  await card(page, 'Last Caller').getByRole('button', { name: /^Accept/ }).click();
  await card(page, 'Last Caller').getByRole('button', { name: /^Wrap up/ }).click();
  await card(page, 'Last Caller').getByRole('button', { name: /^Complete/ }).click();
  await expect.poll(async () => (await app.reservationForTask(taskSid)).status).toBe('completed');
  await expect.poll(async () => (await app.worker()).activityName).toBe('Lunch');
});

test('the wrap-up timer completes the task with the chosen disposition and notes written where Flex Insights reads them', async ({ page }) => {
  const saved = await app.host.handlers.saveDeskSettings({ ...DEFAULT_DESK_SETTINGS, wrapUpSeconds: 3, dispositionRequired: true });
  expect(saved.ok).toBe(true);
  await openInbox(page, app);
  const { taskSid } = await app.createTask(callerAttributes('Wrap Caller', { conversations: { queue_time: 12 } }));
  await card(page, 'Wrap Caller').getByRole('button', { name: /^Accept/ }).click();
  const detail = page.getByRole('region', { name: 'Task detail' });
  await detail.getByRole('button', { name: /^Wrap up/ }).click();
  const form = detail.getByRole('form', { name: 'Wrap-up' });
  await expect(detail.getByText('Completes by itself in')).toBeVisible();
  // A required disposition: Complete without one is refused on its field.
  await form.getByRole('button', { name: 'Complete' }).click();
  await expect(form.getByLabel(/^Disposition/)).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('Choose a disposition before completing.')).toBeVisible();
  expect((await app.reservationForTask(taskSid)).status).toBe('wrapping');
  await form.getByLabel(/^Disposition/).selectOption('Escalated');
  await form.getByLabel('Notes').fill('Passed to tier 2 <b>urgent</b>');
  // Nothing more from the agent: the timer runs out and the host completes the task with the draft.
  await expect.poll(async () => (await app.reservationForTask(taskSid)).status, { timeout: 15_000 }).toBe('completed');
  const task = app.emulator.engine.getTask(taskSid)!;
  expect(task.assignmentStatus).toBe('completed');
  const attributes = JSON.parse(task.attributes) as { conversations: Record<string, unknown>; caller_name: string };
  expect(attributes.conversations).toEqual({ queue_time: 12, outcome: 'Escalated', content: 'Passed to tier 2 <b>urgent</b>' });
  expect(attributes.caller_name).toBe('Wrap Caller');
  await expect(card(page, 'Wrap Caller')).toHaveCount(0);
});

test('previous contacts of a returning caller, found by TaskRouter with EvaluateTaskAttributes', async ({ page }) => {
  const from = '+14155550777';
  // Two earlier contacts of the same caller (with the outcome wrap-up wrote), one of someone else.
  for (const [name, number, outcome] of [
    ['Returning Caller', from, 'Resolved'],
    ['Returning Caller', from, 'Follow-up needed'],
    ['Someone Else', '+14155550888', 'Resolved'],
  ] as const) {
    const task = app.emulator.engine.createTask({ Attributes: JSON.stringify({ caller_name: name, from: number, conversations: { outcome } }), WorkflowSid: app.emulator.ready.workflowSid });
    if (!task.ok) throw new Error(JSON.stringify(task.error));
    app.emulator.engine.updateTask(task.value.sid, { AssignmentStatus: 'canceled', Reason: 'earlier' });
  }
  await openInbox(page, app);
  await app.createTask(callerAttributes('Returning Caller', { from }));
  await card(page, 'Returning Caller').getByRole('heading').click();
  const contacts = page.getByRole('region', { name: 'Previous contacts' });
  await expect(contacts.getByRole('listitem')).toHaveCount(2);
  await expect(contacts).toContainText('Resolved');
  await expect(contacts).toContainText('Follow-up needed');
});

for (const viewport of [
  { width: 400, height: 800 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test(`at ${viewport.width} px an offer that arrives while Settings is open stays visible and can be accepted`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await openInbox(page, app);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const sheet = page.getByRole('dialog', { name: 'Settings' });
    await expect(sheet).toBeVisible();
    const { taskSid } = await app.createTask(callerAttributes('Sheet Caller'));
    const offer = card(page, 'Sheet Caller');
    const accept = offer.getByRole('button', { name: /^Accept/ });
    // Nothing covers the countdown or Accept: the point under each is the element itself.
    for (const target of [offer.getByRole('timer'), accept]) {
      await expect(target).toBeInViewport();
      const covered = await target.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const hit = el.ownerDocument.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return !(hit && (hit === el || el.contains(hit)));
      });
      expect(covered).toBe(false);
    }
    await accept.click();
    await expect.poll(async () => (await app.reservationForTask(taskSid)).status).toBe('accepted');
    await expect(sheet).toBeVisible();
  });

  test(`at ${viewport.width} px history is never above live work, and next/previous never land in it`, async ({ page }) => {
    for (let i = 0; i < 12; i++) {
      const task = app.emulator.engine.createTask({ Attributes: JSON.stringify(callerAttributes(`Ended ${i}`)), WorkflowSid: app.emulator.ready.workflowSid });
      if (!task.ok) throw new Error(JSON.stringify(task.error));
      app.emulator.engine.updateTask(task.value.sid, { AssignmentStatus: 'canceled', Reason: 'gave up' });
    }
    await page.setViewportSize(viewport);
    await openInbox(page, app);
    await expect(await historyEntry(page, 'Ended 3')).toBeVisible();
    await app.createTask(callerAttributes('Live Caller'));
    await app.createTask(callerAttributes('Second Caller'));
    await expect(card(page, 'Live Caller')).toBeVisible();
    await expect(card(page, 'Second Caller')).toBeVisible();
    // The most urgent offer keeps its Accept in view. TaskRouter dates its offers to the second, so two made within one
    // second may come in either order: the top card is the one to check, whichever caller it is.
    const mostUrgent = page.getByRole('region', { name: 'Reservations' }).getByRole('article').first();
    await expect(mostUrgent.getByRole('button', { name: /^Accept/ })).toBeInViewport();
    const liveBox = (await live(page).boundingBox())!;
    const historyBox = (await page.getByRole('region', { name: 'History' }).boundingBox())!;
    // Below the live zone (narrow) or beside it (wide): never above it, never overlapping it.
    const below = historyBox.y >= liveBox.y + liveBox.height - 1;
    const beside = historyBox.x >= liveBox.x + liveBox.width - 1;
    expect(below || beside).toBe(true);
    await expect(live(page).getByRole('article', { name: /^Ended/ })).toHaveCount(0);
    // Next and previous walk the live items only.
    for (const key of ['Control+Shift+ArrowDown', 'Control+Shift+ArrowDown', 'Control+Shift+ArrowDown', 'Control+Shift+ArrowUp']) {
      await page.keyboard.press(key);
      expect(await page.evaluate(`document.activeElement?.closest('[aria-label="Live work"]') !== null && document.activeElement?.tagName === 'ARTICLE'`)).toBe(true);
    }
  });
}
