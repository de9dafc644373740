import http from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import twilio from 'twilio';
import { card } from './support/app';
import { callRegion, pageAudioLevel, startTeam, type Team, type TeamAgent } from './support/voice/team-app';

// A workflow whose assignment callback is a small server of this test: it
// answers the Conference instruction for one caller's task and nothing (an
// empty 200) for another's. In the real UI with a registered Device: the first
// never shows as an offer — the agent's phone rings, the agent answers it in
// the call region, TaskRouter accepts the reservation and the task shows in
// progress, with audio both ways; the second is offered and the agent accepts
// it on its card.

interface AssignmentServer {
  url: string;
  /** Every request: the task's caller name, and whether twilio-node's validateRequest accepted its signature. */
  received: { callerName: string; signed: boolean }[];
  close(): Promise<void>;
}

/** The customer's assignment server: signed requests only; Conference for `conferenceFor`, an empty 200 for anyone else. */
async function startAssignmentServer(authToken: string, conferenceFor: string): Promise<AssignmentServer> {
  const received: AssignmentServer['received'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const signed = twilio.validateRequest(authToken, String(req.headers['x-twilio-signature'] ?? ''), `${assignment.url}${req.url ?? '/'}`, params);
      const callerName = String((JSON.parse(params['TaskAttributes'] ?? '{}') as { caller_name?: unknown }).caller_name ?? '');
      received.push({ callerName, signed });
      if (!signed) {
        res.writeHead(403).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      // `to` is left out: TaskRouter then rings the worker's contact_uri (the agent's Device).
      res.end(callerName === conferenceFor ? JSON.stringify({ instruction: 'conference', from: '+15550100999', end_conference_on_customer_exit: true }) : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const assignment: AssignmentServer = {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return assignment;
}

/**
 * Records, from now on, every caller whose card or task detail ever showed an offer ("Offered to you" or
 * an Accept button), however briefly: a MutationObserver looks at every DOM change, nodes added and text replaced.
 */
async function recordOffers(page: Page): Promise<void> {
  // Plain JavaScript run in the page (the e2e code is typechecked without the DOM's types).
  await page.evaluate(`(() => {
    const seen = new Set();
    globalThis.__offersSeen = seen;
    const HOLDERS = 'article, #task-detail';
    const note = (holder) => {
      if (!holder) return;
      const name = holder.querySelector('.caller-name, .detail-title')?.textContent ?? '? ' + holder.outerHTML.slice(0, 200);
      if (/Offered to you/.test(holder.textContent ?? '') || holder.querySelector('button.accept')) seen.add(name);
    };
    const scan = () => document.querySelectorAll(HOLDERS).forEach(note);
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'characterData' && /Offered to you/.test(record.oldValue ?? '')) note(record.target.parentElement?.closest(HOLDERS) ?? null);
        record.addedNodes.forEach((node) => {
          const element = node instanceof Element ? node : node.parentElement;
          if (/Offered to you/.test(node.textContent ?? '') || (node instanceof Element && node.querySelector('button.accept'))) note(element?.closest(HOLDERS) ?? element);
        });
      }
      scan();
    }).observe(document.body, { subtree: true, childList: true, characterData: true, characterDataOldValue: true });
    scan();
  })()`);
}

const offersSeen = (page: Page) => page.evaluate(() => [...(globalThis as unknown as { __offersSeen: Set<string> }).__offersSeen].sort());

let team: Team;
let assignment: AssignmentServer | undefined;
test.afterEach(async () => {
  await assignment?.close();
  assignment = undefined;
  await team?.close();
});

test('an assignment callback answering Conference rings the agent with no offer shown; one answering nothing leaves an offer the agent accepts', async ({ browser }) => {
  test.setTimeout(90_000);
  team = await startTeam(1);
  const [alice] = team.agents as [TeamAgent];
  const { ready } = team.emulator;
  assignment = await startAssignmentServer(ready.authToken, 'Connie Conference');
  const client = twilio(ready.apiKeySid, ready.apiKeySecret, { accountSid: ready.accountSid });
  client.taskrouter.baseUrl = ready.url;
  await client.taskrouter.v1.workspaces(ready.workspaceSid).workflows(ready.workflowSid).update({ assignmentCallbackUrl: `${assignment.url}/assign` });

  const page = await team.open(alice, browser);
  // Auto-answer is on (the default), so a call that is not answered below was held back on purpose.
  await expect(callRegion(page).getByRole('checkbox', { name: /Answer automatically/, includeHidden: true })).toBeChecked();
  await recordOffers(page);

  // 1. Conference: the phone rings; the card says so and offers nothing to accept.
  const { callSid: connieCaller, taskSid: connieTask } = await team.inboundCall('+14155550160', 'Connie Conference');
  await expect(callRegion(page).getByText('Incoming call from Connie Conference')).toBeVisible({ timeout: 15_000 });
  const connie = card(page, 'Connie Conference');
  await expect(connie.getByText('Calling you', { exact: true })).toBeVisible();
  await expect(connie.getByText('TaskRouter is calling your phone for this task. Answer the call to take it.')).toBeVisible();
  await expect(connie.getByRole('button', { name: /^(Accept|Reject)/ })).toHaveCount(0);
  // As on Twilio, the reservation stays pending while the worker's phone rings; nothing answered the call for the agent.
  const ringing = team.reservationOf(alice, connieTask)!;
  expect(ringing.status).toBe('pending');
  expect(team.emulator.engine.getReservation(ringing.sid)?.instruction?.name).toBe('conference');
  await expect(callRegion(page).getByRole('button', { name: 'Answer' })).toBeVisible();

  // The agent answers the call in the call region: TaskRouter accepts the reservation, the task is in progress.
  await callRegion(page).getByRole('button', { name: 'Answer' }).click();
  await expect(callRegion(page).getByText('On a call with Connie Conference')).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => team.reservationOf(alice, connieTask)?.status).toBe('accepted');
  await expect(connie.getByText('Accepted', { exact: true })).toBeVisible();
  await expect(connie.getByText(/^Talk time/)).toBeVisible();
  // Audio both ways: the caller hears the agent's microphone, the agent's browser hears the caller.
  await expect.poll(async () => (await team.callView(connieCaller)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);
  await expect.poll(() => pageAudioLevel(page), { timeout: 10_000 }).toBeGreaterThan(0.005);
  const agentLeg = team.reservationOf(alice, connieTask)!.callSid!;
  expect((await team.callView(agentLeg)).to).toBe(`client:${alice.identity}`);
  await expect.poll(async () => (await team.callView(agentLeg)).media.packetsSent, { timeout: 10_000 }).toBeGreaterThan(50);
  expect(await offersSeen(page)).not.toContain('Connie Conference');

  // The agent hangs up and completes the task, so the next voice task can reach them.
  await callRegion(page).getByRole('button', { name: 'Hang up' }).click();
  await expect.poll(() => team.reservationOf(alice, connieTask)?.status, { timeout: 10_000 }).toBe('wrapping');
  await connie.getByRole('button', { name: /^Complete/ }).click();
  await expect.poll(() => team.reservationOf(alice, connieTask)?.status).toBe('completed');

  // 2. An empty 200: the server leaves the reservation to the agent, who accepts it on the card.
  const { callSid: lenaCaller, taskSid: lenaTask } = await team.inboundCall('+14155550161', 'Lena Left');
  const lena = card(page, 'Lena Left');
  await expect(lena.getByText('Offered to you', { exact: true })).toBeVisible({ timeout: 15_000 });
  await lena.getByRole('button', { name: /^Accept/ }).click();
  await expect(callRegion(page).getByText('On a call with Lena Left')).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => team.reservationOf(alice, lenaTask)?.status).toBe('accepted');
  await expect.poll(async () => (await team.callView(lenaCaller)).media.audioLevel, { timeout: 10_000 }).toBeGreaterThan(0.005);

  // The server was asked about both, with signatures twilio-node accepts; only the second was ever an offer on screen.
  expect(assignment.received).toEqual([
    { callerName: 'Connie Conference', signed: true },
    { callerName: 'Lena Left', signed: true },
  ]);
  expect(await offersSeen(page)).toEqual(['Lena Left']);
});
