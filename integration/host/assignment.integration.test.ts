import { afterEach, describe, expect, it } from 'vitest';
import { startCallbackServer, startTestEmulator, waitFor, type CallbackServer, type TestEmulator } from '../../emulator/test-support';
import { isOffer, type Reservation } from '../../shared/model';
import { ASSIGNMENT_WAIT_MS, GUESS_CONFIRM_MS } from '../../host/model/assignment-watch';
import { createHost, memorySecretStore, memorySettingsStore, type Host } from '../../host/index';

// Reservations that a workflow's assignment callback server (or an instruction
// this desktop did not send) handles, against the real emulator: the host must
// never push them as an offer the agent could accept, and must push the ones
// the server leaves to the agent as offers.

interface Rig {
  emulator: TestEmulator;
  hooks: CallbackServer;
  host: Host;
  /** Every reservation the host pushed, in order. */
  pushed: Reservation[];
  close(): Promise<void>;
}

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function start(options: { callback: boolean }): Promise<Rig> {
  const emulator = await startTestEmulator({ workers: 1, reservationTimeoutSeconds: 120 });
  const hooks = await startCallbackServer();
  if (options.callback) await emulator.client.taskrouter.v1.workspaces(emulator.ready.workspaceSid).workflows(emulator.ready.workflowSid).update({ assignmentCallbackUrl: `${hooks.url}/assign` });
  const host = createHost({
    secrets: memorySecretStore({}),
    settings: memorySettingsStore(null),
    overrides: { mode: 'demo', transport: 'subscribe' },
    startDemo: async () => ({ ready: emulator.running.ready, close: async () => undefined }),
  });
  const pushed: Reservation[] = [];
  host.on('reservationUpdated', (r) => pushed.push(r));
  await host.start();
  // Subscribed: the offers below must arrive as they happen (a reconcile after a late subscription would see them already accepted).
  await waitFor(async () => {
    const snapshot = await host.handlers.getSnapshot({});
    return snapshot.ok && snapshot.value.connection.state === 'subscribed';
  }, { description: 'host subscribed' });
  return { emulator, hooks, host, pushed, close: async () => (await host.stop(), await hooks.close(), await emulator.close()) };
}

async function inboundCall(r: Rig, from: string, callerName: string): Promise<{ callSid: string; taskSid: string }> {
  const response = await fetch(`${r.emulator.ready.url}/emulator/inbound-call`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from, callerName }) });
  return (await response.json()) as { callSid: string; taskSid: string };
}

const pushedFor = (r: Rig, taskSid: string) => r.pushed.filter((x) => x.taskSid === taskSid);

describe('reservations an assignment callback handles', () => {
  it('one the server answers with Conference is never pushed as an offer; one it leaves pending becomes an offer after the server had its time', async () => {
    rig = await start({ callback: true });
    const r = rig;
    let conferenceTask = '';
    // The server looks the task up before it answers (300 ms), as a real one does.
    r.hooks.reply = (request) => (request.params['TaskSid'] === conferenceTask ? { status: 200, body: JSON.stringify({ instruction: 'conference', from: '+15550100999', end_conference_on_customer_exit: true }), delayMs: 300 } : { status: 200, body: '' });

    ({ taskSid: conferenceTask } = await inboundCall(r, '+14155550170', 'Connie Conference'));
    // No Device is registered: the emulator's stand-in phone answers, and TaskRouter accepts the reservation.
    await waitFor(() => pushedFor(r, conferenceTask).find((x) => x.status === 'accepted'), { description: 'the conference reservation accepted' });
    const seen = pushedFor(r, conferenceTask);
    expect(seen[0]).toMatchObject({ status: 'pending', assignment: 'assigning' });
    // Before the host knew of assignment callbacks, its first push was a plain offer (Accept, Reject, countdown).
    expect(seen.filter((x) => isOffer(x))).toEqual([]);

    // The agent wraps and completes it, so the next task can reach them (one voice task at a time).
    const accepted = seen.find((x) => x.status === 'accepted')!;
    expect((await r.host.handlers.wrapReservation({ reservationSid: accepted.sid })).ok).toBe(true);
    expect((await r.host.handlers.completeReservation({ reservationSid: accepted.sid })).ok).toBe(true);

    const { taskSid: leftToAgent } = await inboundCall(r, '+14155550171', 'Lena Left');
    const first = await waitFor(() => pushedFor(r, leftToAgent)[0], { description: 'the second reservation pushed' });
    expect(first).toMatchObject({ status: 'pending', assignment: 'assigning' });
    const offered = await waitFor(() => pushedFor(r, leftToAgent).find((x) => isOffer(x)), { description: 'it becomes an offer', timeoutMs: ASSIGNMENT_WAIT_MS + 3_000 });
    expect(offered.assignment).toBe('offer');
    // The server answered at once; the offer waited for the time a server may take, no longer.
    expect(r.hooks.requests.find((q) => q.params['TaskSid'] === leftToAgent)).toBeDefined();
    expect((await r.host.handlers.acceptReservation({ reservationSid: offered.sid })).ok).toBe(true);
  }, 20_000);

  it('a workflow without an assignment callback pushes its offers at once', async () => {
    rig = await start({ callback: false });
    const r = rig;
    const { taskSid } = await inboundCall(r, '+14155550172', 'Otto Offer');
    const first = await waitFor(() => pushedFor(r, taskSid)[0], { description: 'the offer pushed' });
    expect(isOffer(first)).toBe(true);
  });

  it('a call that names no reservation, arriving while one voice offer is pending, shows that offer as "calling" without answering or accepting; still pending once connected, it is an offer again', async () => {
    rig = await start({ callback: false });
    const r = rig;
    const window = 'window-one';
    await r.host.handlers.claimDevice({ windowId: window });
    const { taskSid } = await inboundCall(r, '+14155550173', 'Gus Guess');
    const offer = await waitFor(() => pushedFor(r, taskSid)[0], { description: 'the offer pushed' });
    const callSid = `CA${'c'.repeat(32)}`;
    // What a Twilio account's instruction call looks like to the Device: a number, no task parameters.
    const incoming = await r.host.handlers.reportCall({ windowId: window, report: { kind: 'incoming', callSid, from: '+15550100999', reservationSid: null } });
    expect(incoming).toEqual({ ok: true, value: { callId: callSid, expected: false } });
    const calling = await waitFor(() => pushedFor(r, taskSid).find((x) => x.assignment === 'calling'), { description: 'the offer is shown as calling' });
    expect(calling.status).toBe('pending');
    const calls = await r.host.handlers.listCalls({});
    expect(calls.ok && calls.value.find((c) => c.id === callSid)).toMatchObject({ reservationSid: offer.sid, phase: 'ringing' });

    // A colleague's call (a client identity) is never taken for the offer's.
    await r.host.handlers.reportCall({ windowId: window, report: { kind: 'incoming', callSid: `CA${'d'.repeat(32)}`, from: 'client:bob', reservationSid: null } });
    const listed = await r.host.handlers.listCalls({});
    expect(listed.ok && listed.value.find((c) => c.callSid === `CA${'d'.repeat(32)}`)?.reservationSid).toBeNull();

    // The agent answers; TaskRouter does not accept (it was not TaskRouter's call): the agent decides again, and the desktop accepted nothing.
    await r.host.handlers.reportCall({ windowId: window, report: { kind: 'accepted', callId: callSid, callSid } });
    const again = await waitFor(() => pushedFor(r, taskSid).find((x) => x.version > calling.version && isOffer(x)), { description: 'an offer again', timeoutMs: GUESS_CONFIRM_MS + 3_000 });
    expect(again.status).toBe('pending');
    expect(r.emulator.running.engine.getReservation(offer.sid)?.status).toBe('pending');
  }, 15_000);
});
