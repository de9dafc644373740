import { expect, test } from '@playwright/test';
import { callerAttributes, card, historyEntry, openInbox, useApp } from './support/app';

// Nothing on screen may outlive the truth: another worker's offers, or an offer TaskRouter no longer knows.

test.describe('switching the worker', () => {
  const app = useApp({ storedSettings: true });

  test("another worker's session leaves none of the old worker's offers on screen, and nothing rings", async ({ page }) => {
    await openInbox(page, app);
    await app.createTask(callerAttributes('Alice Caller One'));
    await app.createTask(callerAttributes('Alice Caller Two'));
    await expect(card(page, 'Alice Caller One')).toBeVisible();
    await expect(card(page, 'Alice Caller Two')).toBeVisible();
    await expect(page).toHaveTitle(/^\(2\)/);

    const ready = app.emulator.ready;
    const bob = ready.workers[1]!;
    // As the Settings dialog (of this or another window) saves it.
    const saved = await app.host.handlers.saveSettings({ mode: 'account', accountSid: ready.accountSid, apiKeySid: ready.apiKeySid, workspaceSid: ready.workspaceSid, workerSid: bob.sid });
    expect(saved.ok).toBe(true);

    await expect(page.getByRole('heading', { level: 1 })).toContainText(bob.friendlyName);
    await expect(card(page, 'Alice Caller One')).toHaveCount(0);
    await expect(card(page, 'Alice Caller Two')).toHaveCount(0);
    await expect(page).not.toHaveTitle(/^\(\d+\)/);
  });
});

test.describe('an offer whose task is deleted', () => {
  const app = useApp({ transport: 'poll' });

  test('stops being an offer: it says it no longer exists and the count drops', async ({ page }) => {
    await openInbox(page, app);
    const { taskSid } = await app.createTask(callerAttributes('Deleted Caller'));
    const offer = card(page, 'Deleted Caller');
    await expect(offer.getByText('Offered to you')).toBeVisible();
    await expect(page).toHaveTitle(/^\(1\)/);

    const ready = app.emulator.ready;
    const response = await fetch(`${ready.url}/v1/Workspaces/${ready.workspaceSid}/Tasks/${taskSid}`, {
      method: 'DELETE',
      headers: { authorization: `Basic ${Buffer.from(`${ready.accountSid}:${ready.authToken}`).toString('base64')}` },
    });
    expect(response.status).toBe(204);

    // It leaves the live zone (no Accept anywhere) and the history says why.
    await expect(offer).toHaveCount(0, { timeout: 10_000 });
    await expect(page.getByRole('button', { name: /^Accept offer from Deleted Caller/ })).toHaveCount(0);
    await expect(await historyEntry(page, 'Deleted Caller')).toContainText('No longer exists in TaskRouter');
    await expect(page).not.toHaveTitle(/^\(\d+\)/);
  });
});
