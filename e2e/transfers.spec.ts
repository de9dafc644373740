import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { card } from './support/app';
import { callRegion, pageAudioLevel, startTeam, type Team, type TeamAgent } from './support/voice/team-app';

// Transfers without Flex, end to end: two agents (Alice and Bob, each the real
// UI with a registered Voice SDK Device, each their own host) on one emulator,
// and a caller played by the emulator. A transfer is a new task routed by the
// workflow's transfer filters; the target's reservation joins the original
// conference through the Call instruction. Audio is checked with the
// emulator's media figures (/emulator/calls/CA…) and the browsers' own stats.

let team: Team;
test.afterEach(async () => {
  await team?.close();
});

/** Alice takes an inbound call (Sales: Alice is the only one of the two who sells) and is connected to the caller. */
async function aliceOnACall(alice: TeamAgent, page: Page, callerName: string) {
  const { callSid, taskSid } = await team.inboundCall('+14155550170', callerName);
  await card(page, callerName).getByRole('button', { name: /^Accept/ }).click();
  await expect(callRegion(page).getByText(`On a call with ${callerName}`)).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => team.reservationOf(alice, taskSid)?.status).toBe('accepted');
  const aliceLeg = team.reservationOf(alice, taskSid)!.callSid!;
  // The caller hears Alice (her fake microphone) before anything else happens.
  await expect.poll(async () => (await team.callView(callSid)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);
  return { callSid, taskSid, aliceLeg };
}

const seriousViolations = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

/** Picks from the directory with the keyboard only: type to filter, Enter takes the first match. */
async function chooseInDirectory(page: Page, search: string, name: string) {
  const form = callRegion(page).getByRole('form', { name: 'Transfer' });
  const box = form.getByRole('textbox', { name: 'Transfer to' });
  await box.fill(search);
  await expect(form.getByRole('option')).toHaveCount(1);
  await box.press('Enter');
  await expect(box).toHaveValue(name);
  return form;
}

test('a warm transfer from Alice to Bob: the caller waits on hold during the consult, then talks with Bob; Alice leaves and wraps up, Bob holds the task', async ({ browser }) => {
  team = await startTeam(2);
  const [alice, bob] = team.agents as [TeamAgent, TeamAgent];
  const alicePage = await team.open(alice, browser);
  const bobPage = await team.open(bob, browser);
  const { callSid: caller, taskSid, aliceLeg } = await aliceOnACall(alice, alicePage, 'Wendy Warm');

  await callRegion(alicePage).getByRole('button', { name: 'Transfer…' }).click();
  // The directory is a combobox: it lists colleagues with their activity, and queues, and filters as one types.
  await expect(callRegion(alicePage).getByRole('textbox', { name: 'Transfer to' })).toBeFocused();
  await expect(alicePage.getByRole('option', { name: 'Bob Banks' })).toContainText('Available');
  await expect(alicePage.getByRole('option', { name: 'Chandra Iyer' })).toContainText('Offline · unavailable');
  await expect(alicePage.getByRole('option', { name: 'Support' })).toContainText('Queue');
  expect(await seriousViolations(alicePage)).toEqual([]);
  const form = await chooseInDirectory(alicePage, 'Bob', 'Bob Banks');
  await expect(form.getByRole('radio', { name: /^Warm/ })).toBeChecked();
  await form.getByRole('button', { name: 'Start transfer' }).click();
  await expect(callRegion(alicePage).getByText('Transferring to Bob Banks… the caller is on hold.')).toBeVisible();
  await expect.poll(async () => (await team.callView(caller)).hold).toBe(true);

  // The transfer task reaches Bob (Known Agent Routing), named after the caller; Bob accepts and joins the conference.
  const offer = card(bobPage, 'Wendy Warm');
  await offer.getByRole('button', { name: /^Accept/ }).click();
  await expect(callRegion(bobPage).getByText('Wendy Warm is on hold')).toBeVisible({ timeout: 15_000 });
  const bobReservation = team.reservationsOf(bob)[0]!;
  expect(team.taskAttributes(bobReservation.taskSid)).toMatchObject({ transfer_target_type: 'worker', transfer_target_sid: bob.workerSid, transfer_mode: 'warm', original_task_sid: taskSid, call_sid: caller });
  await expect.poll(() => team.reservationOf(bob, bobReservation.taskSid)?.callSid ?? null).toMatch(/^CA/);
  const bobLeg = team.reservationOf(bob, bobReservation.taskSid)!.callSid!;

  // Consult: Alice and Bob hear each other while the caller still hears hold music.
  await expect(callRegion(alicePage).getByText(/^Bob Banks joined/)).toBeVisible({ timeout: 10_000 });
  expect((await team.callView(caller)).hold).toBe(true);
  expect(await seriousViolations(alicePage)).toEqual([]);
  await expect.poll(async () => (await team.callView(bobLeg)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);
  await expect.poll(() => pageAudioLevel(alicePage), { timeout: 10_000 }).toBeGreaterThan(0.005);

  await callRegion(alicePage).getByRole('button', { name: 'Complete transfer' }).click();

  // Alice's leg is gone and her task wraps up; Bob's is accepted; the caller is off hold and talks with Bob, both ways.
  await expect(callRegion(alicePage).getByText(/^Transferred · \d+:\d\d$/)).toBeVisible({ timeout: 10_000 });
  await expect.poll(async () => (await team.callView(aliceLeg)).status).toBe('completed');
  await expect.poll(() => team.reservationOf(alice, taskSid)?.status).toBe('wrapping');
  expect(team.reservationOf(bob, bobReservation.taskSid)?.status).toBe('accepted');
  await expect.poll(async () => (await team.callView(caller)).hold).toBe(false);
  await expect(callRegion(bobPage).getByText('On a call with Wendy Warm')).toBeVisible({ timeout: 10_000 });
  await expect.poll(async () => (await team.callView(caller)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);
  await expect.poll(async () => (await team.callView(bobLeg)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);
  await expect.poll(() => pageAudioLevel(bobPage), { timeout: 10_000 }).toBeGreaterThan(0.005);
  expect((await team.callView(caller)).status).toBe('in-progress');
});

test('a cold transfer to a queue: Alice leaves at once, the caller waits on hold until Bob accepts, then talks with Bob', async ({ browser }) => {
  team = await startTeam(2);
  const [alice, bob] = team.agents as [TeamAgent, TeamAgent];
  const alicePage = await team.open(alice, browser);
  const bobPage = await team.open(bob, browser);
  const { callSid: caller, taskSid, aliceLeg } = await aliceOnACall(alice, alicePage, 'Colin Cold');

  await callRegion(alicePage).getByRole('button', { name: 'Transfer…' }).click();
  const form = await chooseInDirectory(alicePage, 'Supp', 'Support');
  await form.getByRole('radio', { name: /^Cold/ }).check();
  await form.getByRole('button', { name: 'Transfer now' }).click();

  await expect(callRegion(alicePage).getByText(/^Transferred · \d+:\d\d$/)).toBeVisible({ timeout: 10_000 });
  await expect.poll(async () => (await team.callView(aliceLeg)).status).toBe('completed');
  await expect.poll(() => team.reservationOf(alice, taskSid)?.status).toBe('wrapping');
  expect((await team.callView(caller)).hold).toBe(true);

  const offer = card(bobPage, 'Colin Cold');
  await expect(offer).toBeVisible({ timeout: 10_000 });
  const bobReservation = team.reservationsOf(bob)[0]!;
  expect(team.taskAttributes(bobReservation.taskSid)).toMatchObject({ transfer_target_type: 'queue', transfer_mode: 'cold', original_task_sid: taskSid });
  await offer.getByRole('button', { name: /^Accept/ }).click();
  await expect(callRegion(bobPage).getByText('On a call with Colin Cold')).toBeVisible({ timeout: 15_000 });
  await expect.poll(async () => (await team.callView(caller)).hold, { timeout: 10_000 }).toBe(false);
  const bobLeg = team.reservationOf(bob, bobReservation.taskSid)!.callSid!;
  await expect.poll(async () => (await team.callView(caller)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);
  await expect.poll(async () => (await team.callView(bobLeg)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);
  await expect.poll(() => pageAudioLevel(bobPage), { timeout: 10_000 }).toBeGreaterThan(0.005);
  expect(team.reservationOf(bob, bobReservation.taskSid)?.status).toBe('accepted');
});

test('canceling a warm transfer during the consult: Bob leaves, the caller comes back off hold to Alice', async ({ browser }) => {
  team = await startTeam(2);
  const [alice, bob] = team.agents as [TeamAgent, TeamAgent];
  const alicePage = await team.open(alice, browser);
  const bobPage = await team.open(bob, browser);
  const { callSid: caller, taskSid } = await aliceOnACall(alice, alicePage, 'Nadia Never');

  await callRegion(alicePage).getByRole('button', { name: 'Transfer…' }).click();
  const form = await chooseInDirectory(alicePage, 'Bob', 'Bob Banks');
  await form.getByRole('button', { name: 'Start transfer' }).click();
  await card(bobPage, 'Nadia Never').getByRole('button', { name: /^Accept/ }).click();
  await expect(callRegion(alicePage).getByText(/^Bob Banks joined/)).toBeVisible({ timeout: 15_000 });
  const bobLeg = team.reservationOf(bob, team.reservationsOf(bob)[0]!.taskSid)!.callSid!;

  await callRegion(alicePage).getByRole('button', { name: 'Cancel transfer' }).click();
  await expect.poll(async () => (await team.callView(bobLeg)).status, { timeout: 10_000 }).toBe('completed');
  await expect(callRegion(bobPage).getByText('On a call with')).toHaveCount(0);
  await expect.poll(async () => (await team.callView(caller)).hold).toBe(false);
  await expect(callRegion(alicePage).getByText('On a call with Nadia Never')).toBeVisible();
  await expect(callRegion(alicePage).getByRole('button', { name: 'Transfer…' })).toBeVisible();
  // Alice keeps her task and talks with the caller again.
  expect(team.reservationOf(alice, taskSid)?.status).toBe('accepted');
  await expect.poll(async () => (await team.callView(caller)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);
});
