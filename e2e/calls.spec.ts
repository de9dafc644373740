import { expect, test, type Page } from '@playwright/test';
import { startTwimlServer, type TwimlServer } from '../emulator/test-support/twiml-server';
import { card } from './support/app';
import { callRegion, pageAudioLevel, startTeam, type Team, type TeamAgent } from './support/voice/team-app';

// The call lifecycle an agent relies on, in the real UI with a registered
// Device against the emulator: a third party added and removed, an outbound
// call with audio both ways, the caller hanging up shown at once, completing
// a task ends the agent's leg, a Call instruction without CallAccept, and two
// windows of one desktop agreeing on one call.

let team: Team;
let twiml: TwimlServer | undefined;
test.afterEach(async () => {
  await twiml?.close();
  twiml = undefined;
  await team?.close();
});

async function onACall(agent: TeamAgent, page: Page, callerName: string) {
  const { callSid, taskSid } = await team.inboundCall('+14155550180', callerName);
  await card(page, callerName).getByRole('button', { name: /^Accept/ }).click();
  await expect(callRegion(page).getByText(`On a call with ${callerName}`)).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => team.reservationOf(agent, taskSid)?.status).toBe('accepted');
  return { callSid, taskSid, agentLeg: team.reservationOf(agent, taskSid)!.callSid! };
}

test('a third party is added (rings, joins with audio), listed with their state, and removed', async ({ browser }) => {
  team = await startTeam(1);
  const [alice] = team.agents as [TeamAgent];
  const page = await team.open(alice, browser);
  const { callSid: caller } = await onACall(alice, page, 'Tara Third');

  await callRegion(page).getByRole('button', { name: 'Add participant…' }).click();
  const form = callRegion(page).getByRole('form', { name: 'Add to the call' });
  await form.getByRole('textbox', { name: 'Add to the call' }).fill('+15557650001');
  await form.getByRole('button', { name: 'Add' }).click();

  const participants = callRegion(page).getByRole('list', { name: 'Participants' });
  const third = participants.getByRole('listitem').filter({ hasText: '+15557650001' });
  await expect(third).toHaveAttribute('data-state', 'live', { timeout: 10_000 });
  await expect(participants.getByRole('listitem').filter({ hasText: 'Tara Third' })).toHaveAttribute('data-state', 'live');
  const calleeSid = await findCall(team, '+15557650001');
  // The third party hears the others (the agent's microphone, the caller's voice), and the caller hears them.
  await expect.poll(async () => (await team.callView(calleeSid)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);
  await expect.poll(async () => (await team.callView(caller)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);

  await third.getByRole('button', { name: /^Remove/ }).click();
  await expect(third).toHaveAttribute('data-state', 'left', { timeout: 10_000 });
  await expect.poll(async () => (await team.callView(calleeSid)).status).toBe('completed');
  // The call goes on between the agent and the caller.
  await expect(callRegion(page).getByText('On a call with Tara Third')).toBeVisible();
  expect((await team.callView(caller)).status).toBe('in-progress');
});

test('an outbound call to a number: an outbound task reserved to the agent, the callee answers, audio both ways; hanging up wraps the task', async ({ browser }) => {
  team = await startTeam(1);
  const [alice] = team.agents as [TeamAgent];
  const page = await team.open(alice, browser);

  await callRegion(page).getByRole('button', { name: 'New call…' }).click();
  const form = callRegion(page).getByRole('form', { name: 'Call a number or a colleague' });
  await form.getByRole('textbox').fill('+1 555 765 4321');
  await form.getByRole('button', { name: 'Call' }).click();

  await expect(callRegion(page).getByText('On a call with +15557654321')).toBeVisible({ timeout: 15_000 });
  const [outbound] = team.reservationsOf(alice);
  expect(outbound).toMatchObject({ status: 'accepted' });
  expect(team.taskAttributes(outbound!.taskSid)).toMatchObject({ direction: 'outbound', to: '+15557654321' });
  const callee = await findCall(team, '+15557654321');
  await expect.poll(async () => (await team.callView(callee)).conferenceSid, { timeout: 10_000 }).toMatch(/^CF/);
  const agentLeg = await agentLegOf(team, callee);
  // The callee hears the agent's microphone; the agent's browser hears the callee.
  await expect.poll(async () => (await team.callView(callee)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);
  await expect.poll(() => pageAudioLevel(page), { timeout: 10_000 }).toBeGreaterThan(0.005);
  expect(agentLeg).toMatch(/^CA/);
  await expect.poll(async () => (await team.callView(agentLeg)).media.packetsSent, { timeout: 10_000 }).toBeGreaterThan(50);

  await callRegion(page).getByRole('button', { name: 'Hang up' }).click();
  await expect(callRegion(page).getByText(/^Call ended · \d+:\d\d$/)).toBeVisible({ timeout: 10_000 });
  await expect.poll(async () => (await team.callView(callee)).status).toBe('completed');
  await expect.poll(() => team.reservationOf(alice, outbound!.taskSid)?.status).toBe('wrapping');
});

test('an outbound call to a colleague picked from the directory: their phone rings, they answer, audio both ways', async ({ browser }) => {
  team = await startTeam(2);
  const [alice, bob] = team.agents as [TeamAgent, TeamAgent];
  const alicePage = await team.open(alice, browser);
  const bobPage = await team.open(bob, browser);

  await callRegion(alicePage).getByRole('button', { name: 'New call…' }).click();
  const form = callRegion(alicePage).getByRole('form', { name: 'Call a number or a colleague' });
  const box = form.getByRole('textbox');
  await box.fill('bob');
  await expect(form.getByRole('option', { name: 'Bob Banks' })).toBeVisible();
  await box.press('Enter');
  await expect(box).toHaveValue('Bob Banks');
  await form.getByRole('button', { name: 'Call' }).click();

  // A colleague's call was not asked for by Bob's desktop: it rings until Bob answers.
  await expect(callRegion(bobPage).getByText('Incoming call from alice')).toBeVisible({ timeout: 15_000 });
  await callRegion(bobPage).getByRole('button', { name: 'Answer' }).click();
  await expect(callRegion(alicePage).getByText('On a call with Bob Banks')).toBeVisible({ timeout: 10_000 });
  await expect(callRegion(bobPage).getByText('On a call with alice')).toBeVisible();
  await expect.poll(() => pageAudioLevel(bobPage), { timeout: 10_000 }).toBeGreaterThan(0.005);
  await expect.poll(() => pageAudioLevel(alicePage), { timeout: 10_000 }).toBeGreaterThan(0.005);
  expect(team.taskAttributes(team.reservationsOf(alice)[0]!.taskSid)).toMatchObject({ direction: 'outbound', to: 'client:bob' });
});

test('the caller hanging up mid-call is shown within a second ("Caller hung up · m:ss"), with Wrap up offered', async ({ browser }) => {
  team = await startTeam(1);
  const [alice] = team.agents as [TeamAgent];
  const page = await team.open(alice, browser);
  const { callSid: caller, taskSid } = await onACall(alice, page, 'Hank Hangup');

  await team.hangUpCaller(caller);
  await expect(callRegion(page).getByText(/^Caller hung up · \d+:\d\d$/)).toBeVisible({ timeout: 1_000 });
  await expect(callRegion(page).getByText('On a call with')).toHaveCount(0);
  // TaskRouter moved the task to wrapping as the call ended: the panel offers to finish it.
  await expect.poll(() => team.reservationOf(alice, taskSid)?.status).toBe('wrapping');
  await callRegion(page).getByRole('button', { name: 'Complete' }).click();
  await expect.poll(() => team.reservationOf(alice, taskSid)?.status).toBe('completed');
});

test('completing a voice task ends the agent\'s leg: wrap up, complete, and nobody is left on the line', async ({ browser }) => {
  team = await startTeam(1);
  const [alice] = team.agents as [TeamAgent];
  const page = await team.open(alice, browser);
  const { callSid: caller, taskSid, agentLeg } = await onACall(alice, page, 'Carla Complete');

  await card(page, 'Carla Complete').getByRole('button', { name: /^Wrap up/ }).click();
  await expect.poll(() => team.reservationOf(alice, taskSid)?.status).toBe('wrapping');
  await expect.poll(async () => (await team.callView(agentLeg)).status).toBe('completed');
  await expect(callRegion(page).getByText('On a call with')).toHaveCount(0);
  await expect(callRegion(page).getByText(/^Call ended · \d+:\d\d$/)).toBeVisible();
  // With no one else on the call, the caller is not left alone in a silent conference.
  await expect.poll(async () => (await team.callView(caller)).status).toBe('completed');
  await card(page, 'Carla Complete').getByRole('button', { name: /^Complete/ }).click();
  await expect.poll(() => team.reservationOf(alice, taskSid)?.status).toBe('completed');
});

test('a Call instruction without CallAccept: once the agent is on the call, the offer is accepted instead of counting down as "Offered to you"', async ({ browser }) => {
  team = await startTeam(1);
  const [alice] = team.agents as [TeamAgent];
  const page = await team.open(alice, browser);
  twiml = await startTwimlServer(team.emulator.ready.authToken);
  // TwiML that keeps the agent busy and does not accept the reservation itself.
  twiml.route('/briefing', `<Response><Play loop="0">${team.emulator.ready.url}/assets/speech.wav</Play></Response>`);
  const { taskSid } = await team.inboundCall('+14155550181', 'Ivy Instruction');
  const offer = card(page, 'Ivy Instruction');
  await offer.getByRole('button', { name: /^Instructions/ }).click();
  const form = page.getByRole('region', { name: 'Task detail' }).getByRole('form', { name: /^Instruction for/ });
  await form.getByRole('radio', { name: 'Call' }).check();
  await form.getByLabel(/^From/).fill('+14155550100');
  await form.getByLabel(/^URL/).fill(`${twiml.url}/briefing`);
  await form.getByRole('button', { name: 'Send Call' }).click();

  await expect(callRegion(page).getByText('On a call with Ivy Instruction')).toBeVisible({ timeout: 15_000 });
  await expect(offer.getByText('Offered to you')).toHaveCount(0, { timeout: 10_000 });
  await expect(offer.getByRole('button', { name: /^Accept/ })).toHaveCount(0);
  await expect.poll(() => team.reservationOf(alice, taskSid)?.status).toBe('accepted');
  // Exactly one leg rang the agent: no Conference was sent on top of the call.
  expect(team.emulator.engine.getReservation(team.reservationOf(alice, taskSid)!.sid)?.instruction?.name).toBe('call');
});

test('two windows of one desktop: accepting in the second connects the call in the one that owns the phone, and both show it', async ({ browser }) => {
  team = await startTeam(1);
  const [alice] = team.agents as [TeamAgent];
  const first = await team.open(alice, browser);
  const secondContext = await browser.newContext();
  const second = await secondContext.newPage();
  try {
    await second.goto(alice.url);
    await expect(callRegion(second).getByText('Phone: open in another window — calls show here too')).toBeVisible({ timeout: 15_000 });
    const { callSid: caller, taskSid } = await team.inboundCall('+14155550182', 'Wanda Windows');
    await card(second, 'Wanda Windows').getByRole('button', { name: /^Accept/ }).click();

    await expect(callRegion(second).getByText('On a call with Wanda Windows')).toBeVisible({ timeout: 15_000 });
    await expect(callRegion(first).getByText('On a call with Wanda Windows')).toBeVisible();
    await expect(callRegion(second).getByText(/hung up/)).toHaveCount(0);
    await expect.poll(() => team.reservationOf(alice, taskSid)?.status).toBe('accepted');
    await expect.poll(async () => (await team.callView(caller)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);

    // The second window acts on the call through the host: hold reaches the conference.
    await callRegion(second).getByRole('button', { name: 'Hold caller' }).click();
    await expect.poll(async () => (await team.callView(caller)).hold).toBe(true);
    await expect(callRegion(first).getByText(/^The caller is on hold/)).toBeVisible();
    await callRegion(second).getByRole('button', { name: 'Hang up' }).click();
    await expect(callRegion(first).getByText(/^Call ended · \d+:\d\d$/)).toBeVisible({ timeout: 10_000 });
  } finally {
    await secondContext.close();
  }
});

/** The SID of the (newest) call to a number, from the emulator's REST API. */
async function findCall(t: Team, to: string): Promise<string> {
  let sid: string | undefined;
  await expect
    .poll(async () => {
      const list = (await (await fetch(`${t.emulator.ready.url}/emulator/state`)).json()) as { calls?: Array<{ sid: string; to: string; direction?: string }> };
      sid = list.calls?.filter((c) => c.to === to).at(-1)?.sid;
      return sid;
    })
    .toMatch(/^CA/);
  return sid!;
}

/** The agent's leg in the same conference as a call. */
async function agentLegOf(t: Team, otherSid: string): Promise<string> {
  const conferenceSid = (await t.callView(otherSid)).conferenceSid!;
  const state = (await (await fetch(`${t.emulator.ready.url}/emulator/state`)).json()) as { calls?: Array<{ sid: string; from: string; direction?: string }> };
  for (const c of state.calls ?? []) {
    if (c.sid === otherSid || !c.from.startsWith('client:')) continue;
    if ((await t.callView(c.sid)).conferenceSid === conferenceSid) return c.sid;
  }
  return '';
}
