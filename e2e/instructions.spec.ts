import { expect, test, type Locator, type Page } from '@playwright/test';
import { callerAttributes, card, openInbox, useApp } from './support/app';

// Each instruction form sends exactly what the agent entered (read back from
// the emulator's record of the instruction); invalid input sends nothing.

const app = useApp({ reservationTimeoutSeconds: 120 });

async function openForm(page: Page, name: string, instruction: string): Promise<{ form: Locator; taskSid: string }> {
  await openInbox(page, app);
  const { taskSid } = await app.createTask(callerAttributes(name));
  const offer = card(page, name);
  await offer.getByRole('button', { name: /^Instructions/ }).click();
  const form = page.getByRole('region', { name: 'Task detail' }).getByRole('form', { name: /^Instruction for/ });
  await form.getByRole('radio', { name: instruction }).check();
  return { form, taskSid };
}

test('Conference sends exactly the parameters entered', async ({ page }) => {
  const { form, taskSid } = await openForm(page, 'Conf Caller', 'Conference');
  await form.getByLabel(/^To/).fill('client:desk42');
  await form.getByLabel(/^From/).fill('+14155550199');
  await form.getByLabel(/^Timeout/).fill('25');
  await form.getByText('Advanced').click();
  await form.getByLabel(/^End conference on exit/).selectOption('true');
  await form.getByRole('button', { name: 'Send Conference' }).click();
  await expect.poll(async () => (await app.reservationForTask(taskSid)).instruction?.name).toBe('conference');
  const { params } = (await app.reservationForTask(taskSid)).instruction!;
  expect(params).toEqual({ To: 'client:desk42', From: '+14155550199', Timeout: 25, EndConferenceOnExit: true });
});

test('Dequeue sends exactly the parameters entered', async ({ page }) => {
  const { form, taskSid } = await openForm(page, 'Deq Caller', 'Dequeue');
  await expect(form.getByLabel(/^From/)).toHaveValue('+14155550100'); // the task's `to`
  await form.getByLabel(/^To/).fill('client:desk7');
  await form.getByText('Advanced').click();
  await form.getByLabel(/^Record/).selectOption('record-from-answer');
  await form.getByRole('button', { name: 'Send Dequeue' }).click();
  await expect.poll(async () => (await app.reservationForTask(taskSid)).instruction?.name).toBe('dequeue');
  expect((await app.reservationForTask(taskSid)).instruction!.params).toEqual({ DequeueFrom: '+14155550100', DequeueTo: 'client:desk7', DequeueRecord: 'record-from-answer' });
});

test('Call sends exactly the parameters entered', async ({ page }) => {
  const { form, taskSid } = await openForm(page, 'Call Caller', 'Call');
  await form.getByLabel(/^From/).fill('+14155550111');
  await form.getByLabel(/^URL/).fill('https://example.com/twiml');
  await form.getByLabel(/^To/).fill('client:desk9');
  await form.getByLabel(/^Accept/).selectOption('true');
  await form.getByRole('button', { name: 'Send Call' }).click();
  await expect.poll(async () => (await app.reservationForTask(taskSid)).instruction?.name).toBe('call');
  expect((await app.reservationForTask(taskSid)).instruction!.params).toEqual({ CallFrom: '+14155550111', CallUrl: 'https://example.com/twiml', CallTo: 'client:desk9', CallAccept: true });
});

test('Redirect sends exactly the parameters entered', async ({ page }) => {
  const callSid = `CA${'ab'.repeat(16)}`;
  await openInbox(page, app);
  const { taskSid } = await app.createTask(callerAttributes('Redir Caller', { call_sid: callSid }));
  const offer = card(page, 'Redir Caller');
  await offer.getByRole('button', { name: /^Instructions/ }).click();
  const form = page.getByRole('region', { name: 'Task detail' }).getByRole('form', { name: /^Instruction for/ });
  await form.getByRole('radio', { name: 'Redirect' }).check();
  await expect(form.getByLabel(/^Call SID/)).toHaveValue(callSid);
  await form.getByLabel(/^URL/).fill('https://example.com/hold');
  await form.getByRole('button', { name: 'Send Redirect' }).click();
  await expect.poll(async () => (await app.reservationForTask(taskSid)).instruction?.name).toBe('redirect');
  expect((await app.reservationForTask(taskSid)).instruction!.params).toEqual({ RedirectCallSid: callSid, RedirectUrl: 'https://example.com/hold' });
});

test('invalid input lists every invalid field at once, clears each as it is fixed, and sends nothing', async ({ page }) => {
  const { form, taskSid } = await openForm(page, 'Bad Input', 'Call');
  await form.getByLabel(/^From/).fill('555-not-a-number');
  await form.getByLabel(/^URL/).fill('ftp://example.com/x');
  await form.getByLabel(/^To/).fill('nobody in particular');
  await form.getByRole('button', { name: 'Send Call' }).click();
  // All three at once, in words: no schema text.
  const summary = form.getByRole('alert').filter({ hasText: 'Fix these 3 things' });
  await expect(summary).toBeVisible();
  await expect(summary).not.toContainText(/wrong type|expected|Too big/);
  await expect(form.locator('.field-error')).toHaveText([/Enter a full URL starting with https:\/\//, /client URI like client:alice, or a SIP URI/, /Enter a phone number like \+14155550100/]);
  for (const label of [/^From/, /^URL/, /^To/]) await expect(form.getByLabel(label)).toHaveAttribute('aria-invalid', 'true');
  // The first invalid field has focus; fixing one clears its error at once, the others stay.
  await expect(form.getByLabel(/^URL/)).toBeFocused();
  await form.getByLabel(/^From/).fill('+14155550111');
  await expect(form.getByLabel(/^From/)).not.toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('.field-error')).toHaveCount(2);
  const reservation = await app.reservationForTask(taskSid);
  expect(reservation.instruction).toBeNull();
  expect(reservation.status).toBe('pending');
});
